-- Need to know: more roles, domains for domain professionals, resident
-- accounts, the audit trail, breaking the glass, sharing between domains on
-- a legal basis, and closing households (for retention).

-- SQLite changes a CHECK constraint by rebuilding the table (the migration
-- runner switches foreign keys off and checks them before committing).
CREATE TABLE users_new (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('resident', 'professional', 'domain_professional',
                                              'breakthrough_member', 'teamlead', 'admin', 'auditor')),
  team_id       INTEGER REFERENCES teams(id),
  phone         TEXT NOT NULL DEFAULT '',
  job_title     TEXT NOT NULL DEFAULT '',
  languages     TEXT NOT NULL DEFAULT 'nl',
  photo_url     TEXT,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  domain        TEXT NOT NULL DEFAULT '',      -- a domain professional's domain (wmo, income, ...)
  household_id  INTEGER REFERENCES households(id)  -- a resident's own household
);
INSERT INTO users_new (id, username, password_hash, name, role, team_id, phone, job_title, languages, photo_url,
                       active, created_at)
  SELECT id, username, password_hash, name, role, team_id, phone, job_title, languages, photo_url, active, created_at
  FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_team ON users(team_id);
CREATE INDEX users_household ON users(household_id);

ALTER TABLE households ADD COLUMN closed_on TEXT;  -- YYYY-MM-DD; NULL while support goes on

-- Every access to personal data (NEN 7513 / BIO logging fields). Append-only
-- and chained: hash = BLAKE2b(prev_hash, the entry's fields), so a changed,
-- removed or reordered entry breaks the chain (gezicht audit verify). No
-- foreign keys: the trail outlives accounts and households.
CREATE TABLE audit_log (
  seq            INTEGER PRIMARY KEY,  -- 1, 2, 3, ... without gaps
  at             TEXT NOT NULL,        -- UTC, milliseconds
  actor_user_id  INTEGER,
  actor_name     TEXT NOT NULL,
  actor_role     TEXT NOT NULL,
  organisation   TEXT NOT NULL,
  on_behalf_of   TEXT NOT NULL,
  household_id   INTEGER,
  part           TEXT NOT NULL,        -- summary, plan, contacts, access_log, caseload, ...
  action         TEXT NOT NULL,        -- read, search, create, change, delete, export, emergency_access
  result         TEXT NOT NULL,        -- allowed, denied
  client_address TEXT NOT NULL,
  purpose        TEXT NOT NULL,        -- why: the basis of access, or the reason given
  route          TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL
);
CREATE INDEX audit_log_household ON audit_log(household_id, seq);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id, seq);

-- The end of the chain, and where it starts after retention removed the
-- oldest entries.
CREATE TABLE audit_chain (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq        INTEGER NOT NULL,
  last_hash       TEXT NOT NULL,
  first_seq       INTEGER NOT NULL,
  first_prev_hash TEXT NOT NULL
);
INSERT INTO audit_chain VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 1,
                                '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- Only retention removes entries, and only those before the chain's start.
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
WHEN OLD.seq >= (SELECT first_seq FROM audit_chain WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Breaking the glass: access to a household one is not involved in, with a
-- reason, for a limited time.
CREATE TABLE emergency_access (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  user_id      INTEGER NOT NULL REFERENCES users(id),
  reason       TEXT NOT NULL,
  granted_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX emergency_access_household ON emergency_access(household_id, user_id, expires_at);
CREATE INDEX emergency_access_granted ON emergency_access(granted_at);

-- The legal bases on which a municipality may share a household's record
-- with a domain, for a purpose, and which parts at most. Configured per
-- municipality; consent alone is not a basis.
CREATE TABLE legal_bases (
  id          INTEGER PRIMARY KEY,
  domain      TEXT NOT NULL,
  purpose     TEXT NOT NULL,
  parts       TEXT NOT NULL,  -- comma-separated: summary, plan, contacts
  description TEXT NOT NULL,  -- the law and article, in words
  active      INTEGER NOT NULL DEFAULT 1
);

-- A household's agreement to share on a basis. Parts can only narrow the
-- basis. Withdrawing keeps the row (when and by whom).
CREATE TABLE sharing_agreements (
  id             INTEGER PRIMARY KEY,
  household_id   INTEGER NOT NULL REFERENCES households(id),
  legal_basis_id INTEGER NOT NULL REFERENCES legal_bases(id),
  parts          TEXT NOT NULL,
  resident_wish  TEXT NOT NULL,  -- the resident's words, e.g. "my debt counsellor may see my plan"
  recorded_by    INTEGER NOT NULL REFERENCES users(id),
  recorded_at    TEXT NOT NULL,
  withdrawn_by   INTEGER REFERENCES users(id),
  withdrawn_at   TEXT
);
CREATE INDEX sharing_agreements_household ON sharing_agreements(household_id);
