-- Front door and self-referral: the municipality's directory (neighbourhoods,
-- teams, professionals), households, referrals and login sessions.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE teams (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  phone         TEXT NOT NULL,
  email         TEXT NOT NULL,
  caseload_cap  INTEGER NOT NULL CHECK (caseload_cap > 0)
);

CREATE TABLE neighbourhoods (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  team_id  INTEGER NOT NULL REFERENCES teams(id)
);

-- Inclusive ranges of normalised postcodes ("1234AB"); text comparison orders them.
CREATE TABLE postcode_ranges (
  id               INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id),
  postcode_from    TEXT NOT NULL,
  postcode_to      TEXT NOT NULL,
  CHECK (postcode_from <= postcode_to)
);
CREATE INDEX postcode_ranges_from ON postcode_ranges(postcode_from);

CREATE TABLE walk_in_hours (
  id        INTEGER PRIMARY KEY,
  team_id   INTEGER NOT NULL REFERENCES teams(id),
  weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens     TEXT NOT NULL,
  closes    TEXT NOT NULL,
  place     TEXT NOT NULL,
  address   TEXT NOT NULL
);
CREATE INDEX walk_in_hours_team ON walk_in_hours(team_id);

-- Every account: professionals, team leads and administrators.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('professional', 'teamlead', 'admin')),
  team_id       INTEGER REFERENCES teams(id),
  phone         TEXT NOT NULL DEFAULT '',
  job_title     TEXT NOT NULL DEFAULT '',
  languages     TEXT NOT NULL DEFAULT 'nl',  -- comma-separated ISO 639 codes
  photo_url     TEXT,                        -- NULL: a generated initials avatar
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL
);
CREATE INDEX users_team ON users(team_id);

-- A household is identified by its address in this step.
CREATE TABLE households (
  id               INTEGER PRIMARY KEY,
  postcode         TEXT NOT NULL,
  house_number     TEXT NOT NULL,
  fixed_contact_id INTEGER REFERENCES users(id),
  created_at       TEXT NOT NULL,
  UNIQUE (postcode, house_number)
);
CREATE INDEX households_fixed_contact ON households(fixed_contact_id);

CREATE TABLE referrals (
  id                    INTEGER PRIMARY KEY,
  reference             TEXT NOT NULL UNIQUE,
  household_id          INTEGER NOT NULL REFERENCES households(id),
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
CREATE INDEX referrals_contact_open ON referrals(contact_id, first_contact_at, promised_by);
CREATE INDEX referrals_team_open ON referrals(team_id, first_contact_at, promised_by);
CREATE INDEX referrals_household ON referrals(household_id);

-- Only a hash of the session token is stored, so a copy of the database
-- does not hand out live sessions.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
