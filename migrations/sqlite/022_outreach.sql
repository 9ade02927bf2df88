-- Time in the neighbourhood (walk-in hours held, outreach rounds, community
-- activities): bridging work that caseload figures do not show. Each row is
-- one professional's time at one place; planned ones (residents_met NULL)
-- are listed on the front door when on_front_door is set.
CREATE TABLE outreach_activities (
  id            INTEGER PRIMARY KEY,
  team_id       INTEGER NOT NULL REFERENCES teams(id),
  user_id       INTEGER NOT NULL REFERENCES users(id),
  kind          TEXT NOT NULL CHECK (kind IN ('walk_in', 'outreach_round', 'community_activity')),
  place         TEXT NOT NULL,
  address       TEXT NOT NULL DEFAULT '',
  starts_at     TEXT NOT NULL,
  ends_at       TEXT NOT NULL,
  residents_met INTEGER CHECK (residents_met >= 0),  -- roughly how many; NULL until recorded
  on_front_door INTEGER NOT NULL DEFAULT 1,
  recorded_at   TEXT NOT NULL,
  CHECK (starts_at < ends_at)
);
CREATE INDEX outreach_activities_team ON outreach_activities(team_id, starts_at);
CREATE INDEX outreach_activities_user ON outreach_activities(user_id, starts_at);
CREATE INDEX outreach_activities_ends ON outreach_activities(ends_at);

-- How a resident found the team, recorded with the first contact: the
-- website (a self-referral), the phone, walk-in hours, outreach in the
-- neighbourhood, or referred by someone else.
ALTER TABLE referrals ADD COLUMN arrived_via TEXT NOT NULL DEFAULT 'website'
  CHECK (arrived_via IN ('website', 'phone', 'walk_in', 'outreach', 'referred'));
