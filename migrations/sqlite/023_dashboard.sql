-- What a resident chose to say about their background when asking for
-- help ("zeg ik liever niet" is an answer too; no row: not answered). It is
-- counted only in the dashboard's aggregates, to see whether the
-- organisation serves every group as well: never shown per person, never
-- read by the assignment or any other decision. It goes with its request.
CREATE TABLE referral_backgrounds (
  referral_id INTEGER PRIMARY KEY REFERENCES referrals(id) ON DELETE CASCADE,
  background  TEXT NOT NULL
              CHECK (background IN ('born_here_parents_here', 'parent_born_elsewhere', 'born_elsewhere', 'rather_not_say'))
);

-- Policy staff (beleidsmedewerkers) read the municipality's dashboard: a
-- role of its own, with no case content. SQLite changes a CHECK by
-- rebuilding the table (the migration runner checks foreign keys after).
CREATE TABLE users_new (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('resident', 'professional', 'domain_professional',
                                              'breakthrough_member', 'teamlead', 'policy', 'admin', 'auditor')),
  team_id       INTEGER REFERENCES teams(id),
  phone         TEXT NOT NULL DEFAULT '',
  job_title     TEXT NOT NULL DEFAULT '',
  languages     TEXT NOT NULL DEFAULT 'nl',
  photo_url     TEXT,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  domain        TEXT NOT NULL DEFAULT '',
  household_id  INTEGER REFERENCES households(id),
  totp_secret   TEXT,
  totp_enabled  INTEGER NOT NULL DEFAULT 0,
  totp_last_step INTEGER,
  email         TEXT,
  member_id     INTEGER REFERENCES household_members(id),
  oidc_subject  TEXT
);
INSERT INTO users_new (id, username, password_hash, name, role, team_id, phone, job_title, languages, photo_url,
                       active, created_at, domain, household_id, totp_secret, totp_enabled, totp_last_step, email,
                       member_id, oidc_subject)
  SELECT id, username, password_hash, name, role, team_id, phone, job_title, languages, photo_url, active,
         created_at, domain, household_id, totp_secret, totp_enabled, totp_last_step, email, member_id, oidc_subject
  FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_team ON users(team_id);
CREATE INDEX users_household ON users(household_id);
CREATE UNIQUE INDEX users_email ON users(email);
CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject);
