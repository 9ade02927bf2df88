-- One household, one plan, one face: who lives there, what matters to them
-- in their own words, who is involved, every contact, and every change of
-- fixed contact.

ALTER TABLE households ADD COLUMN preferred_language TEXT NOT NULL DEFAULT 'nl';
ALTER TABLE households ADD COLUMN contact_channel TEXT NOT NULL DEFAULT 'phone';

CREATE TABLE household_members (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('adult', 'child')),
  birth_year   INTEGER,
  created_at   TEXT NOT NULL
);
CREATE INDEX household_members_household ON household_members(household_id);

-- "member is <relation> of related": partner, parent, child, sibling, carer, other.
CREATE TABLE member_relations (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  member_id    INTEGER NOT NULL REFERENCES household_members(id),
  related_id   INTEGER NOT NULL REFERENCES household_members(id),
  relation     TEXT NOT NULL CHECK (relation IN ('partner', 'parent', 'child', 'sibling', 'carer', 'other'))
);
CREATE INDEX member_relations_household ON member_relations(household_id);

-- Everyone involved with the household, from any organisation, with or
-- without an account here: each is one face.
CREATE TABLE involved (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  user_id      INTEGER REFERENCES users(id),
  name         TEXT NOT NULL,
  organisation TEXT NOT NULL,
  role         TEXT NOT NULL,
  domain       TEXT NOT NULL,
  does_what    TEXT NOT NULL DEFAULT '',
  reach        TEXT NOT NULL DEFAULT '',
  active       INTEGER NOT NULL DEFAULT 1,
  added_by     INTEGER REFERENCES users(id),
  added_at     TEXT NOT NULL,
  UNIQUE (household_id, user_id)
);
CREATE INDEX involved_household ON involved(household_id);
CREATE INDEX involved_user ON involved(user_id);

-- What matters to the household, in the resident's own words. The newest row
-- is the current text; older rows are its history.
CREATE TABLE what_matters (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  words        TEXT NOT NULL,
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  recorded_at  TEXT NOT NULL,
  confirmed_on TEXT  -- read back to the resident and confirmed (date)
);
CREATE INDEX what_matters_household ON what_matters(household_id, id);

CREATE TABLE goals (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  words         TEXT NOT NULL,
  progress_sign TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reached', 'dropped')),
  created_by    INTEGER NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX goals_household ON goals(household_id);

-- Options written with the resident; the chosen one carries why.
CREATE TABLE plan_options (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  goal_id      INTEGER REFERENCES goals(id),
  description  TEXT NOT NULL,
  chosen       INTEGER NOT NULL DEFAULT 0,
  why          TEXT NOT NULL DEFAULT '',
  created_by   INTEGER NOT NULL REFERENCES users(id),
  created_at   TEXT NOT NULL
);
CREATE INDEX plan_options_household ON plan_options(household_id);

CREATE TABLE actions (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  goal_id      INTEGER REFERENCES goals(id),
  what         TEXT NOT NULL,
  involved_id  INTEGER NOT NULL REFERENCES involved(id),  -- who: a person, not a department
  domain       TEXT NOT NULL,
  due_on       TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_by   INTEGER NOT NULL REFERENCES users(id),
  created_at   TEXT NOT NULL
);
CREATE INDEX actions_household ON actions(household_id, status, due_on);

-- Every contact with the household; involved_id is the face they met.
CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  involved_id  INTEGER NOT NULL REFERENCES involved(id),
  at           TEXT NOT NULL,
  channel      TEXT NOT NULL CHECK (channel IN ('home_visit', 'walk_in', 'phone', 'video', 'letter', 'email')),
  with_whom    TEXT NOT NULL DEFAULT '',
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  recorded_at  TEXT NOT NULL
);
CREATE INDEX contacts_household_at ON contacts(household_id, at);

-- The previous values of a contact each time it was edited.
CREATE TABLE contact_edits (
  id           INTEGER PRIMARY KEY,
  contact_id   INTEGER NOT NULL REFERENCES contacts(id),
  involved_id  INTEGER NOT NULL,
  at           TEXT NOT NULL,
  channel      TEXT NOT NULL,
  with_whom    TEXT NOT NULL,
  edited_by    INTEGER NOT NULL REFERENCES users(id),
  edited_at    TEXT NOT NULL
);
CREATE INDEX contact_edits_contact ON contact_edits(contact_id);

-- Every change of fixed contact, and why. kind: assignment (first time),
-- handover (by the team), resident_request (the resident's right to ask
-- for another person; not a complaint).
CREATE TABLE fixed_contact_changes (
  id              INTEGER PRIMARY KEY,
  household_id    INTEGER NOT NULL REFERENCES households(id),
  from_user_id    INTEGER REFERENCES users(id),
  to_user_id      INTEGER NOT NULL REFERENCES users(id),
  kind            TEXT NOT NULL CHECK (kind IN ('assignment', 'handover', 'resident_request')),
  reason          TEXT NOT NULL DEFAULT '',
  warm_handover_on TEXT,          -- the introduction meeting with both present
  no_warm_reason  TEXT NOT NULL DEFAULT '',
  changed_by      INTEGER REFERENCES users(id),
  changed_at      TEXT NOT NULL
);
CREATE INDEX fixed_contact_changes_household ON fixed_contact_changes(household_id, changed_at);
