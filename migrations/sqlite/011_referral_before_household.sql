-- A self-referral for an address where a household is already known is not
-- joined to it at once: whether someone receives support is not the public's
-- to learn, so the front door answers the same for every address. The
-- referral waits without a household until a professional, after first
-- contact, joins it (recorded in the audit trail). SQLite changes NOT NULL by
-- rebuilding the table (the migration runner checks foreign keys after).
CREATE TABLE referrals_new (
  id                    INTEGER PRIMARY KEY,
  reference             TEXT NOT NULL UNIQUE,
  household_id          INTEGER REFERENCES households(id),  -- NULL: not joined to a household yet
  team_id               INTEGER NOT NULL REFERENCES teams(id),
  contact_id            INTEGER NOT NULL REFERENCES users(id),
  name                  TEXT NOT NULL,
  phone                 TEXT NOT NULL DEFAULT '',
  email                 TEXT NOT NULL DEFAULT '',
  postcode              TEXT NOT NULL,
  house_number          TEXT NOT NULL,
  question              TEXT NOT NULL,
  language              TEXT NOT NULL,
  channel               TEXT NOT NULL CHECK (channel IN ('phone', 'home_visit', 'walk_in')),
  trusted_person        INTEGER NOT NULL DEFAULT 0,
  assignment_reason     TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  promised_by           TEXT NOT NULL,
  first_contact_at      TEXT,
  first_contact_channel TEXT,
  first_contact_by      INTEGER REFERENCES users(id)
);
INSERT INTO referrals_new SELECT id, reference, household_id, team_id, contact_id, name, phone, email, postcode,
  house_number, question, language, channel, trusted_person, assignment_reason, created_at, promised_by,
  first_contact_at, first_contact_channel, first_contact_by FROM referrals;
DROP TABLE referrals;
ALTER TABLE referrals_new RENAME TO referrals;
CREATE INDEX referrals_contact_open ON referrals(contact_id, first_contact_at, promised_by);
CREATE INDEX referrals_team_open ON referrals(team_id, first_contact_at, promised_by);
CREATE INDEX referrals_household ON referrals(household_id);
