-- The resident portal (Mijn gezicht). Residents log in without a password:
-- a one-time code by e-mail, or DigiD through the municipality's OpenID
-- Connect broker. An account finds its household through an invitation.
-- From the portal a resident corrects what matters, asks for another contact
-- person, objects to a share, and says how each contact went.

-- A resident's e-mail address (lower case), the household member the
-- account is, and the DigiD subject once the resident logged in with DigiD.
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN member_id INTEGER REFERENCES household_members(id);
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX users_email ON users(email);
CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject);

-- How the session's person proved who they are: password (staff),
-- email_code or digid (residents). A municipality can ask DigiD for the plan.
ALTER TABLE sessions ADD COLUMN assurance TEXT NOT NULL DEFAULT 'password';

-- One-time login codes: only a hash, single use, a few tries, minutes valid.
CREATE TABLE login_codes (
  id         INTEGER PRIMARY KEY,
  email      TEXT NOT NULL,
  code_hash  TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  used_at    TEXT
);
CREATE INDEX login_codes_email ON login_codes(email, created_at);

-- An invitation to follow a household on the portal: by a professional from
-- the record, or asked for by the resident in the self-referral. Single use.
CREATE TABLE resident_invitations (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  household_id INTEGER NOT NULL REFERENCES households(id),
  member_id    INTEGER REFERENCES household_members(id),
  email        TEXT NOT NULL,
  invited_by   INTEGER REFERENCES users(id),  -- NULL: asked for in the self-referral
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  accepted_at  TEXT,
  accepted_by  INTEGER REFERENCES users(id)
);
CREATE INDEX resident_invitations_email ON resident_invitations(email, expires_at);
CREATE INDEX resident_invitations_household ON resident_invitations(household_id);

-- "Ik wil mijn aanvraag online volgen": the resident's wish, until the
-- invitation goes out (when a professional has met them and the request
-- belongs to a household), so the e-mail says nothing about the address.
ALTER TABLE referrals ADD COLUMN follow_online INTEGER NOT NULL DEFAULT 0;

-- A link to one request's state, sent in the confirmation e-mail.
ALTER TABLE referrals ADD COLUMN status_token_hash TEXT;
CREATE UNIQUE INDEX referrals_status_token ON referrals(status_token_hash);

-- A DigiD login in progress: state, nonce and PKCE verifier until the
-- broker sends the resident back (any server may receive the answer); the
-- invitation it accepts (hashed), or the resident's account of an e-mail
-- code session that adds DigiD to it.
CREATE TABLE oidc_logins (
  state_hash      TEXT PRIMARY KEY,
  nonce           TEXT NOT NULL,
  code_verifier   TEXT NOT NULL,
  invitation_hash TEXT NOT NULL DEFAULT '',
  user_id         INTEGER REFERENCES users(id),
  created_at      TEXT NOT NULL
);

-- Consent can be withdrawn; a legal duty cannot, but the resident may object.
ALTER TABLE legal_bases ADD COLUMN ground TEXT NOT NULL DEFAULT 'consent'
  CHECK (ground IN ('consent', 'legal_duty'));

-- What a resident asks of the team from the portal. Nothing in the record
-- changes by it: the fixed contact (a correction) or the team lead (another
-- contact person, an objection) answers, and the resident sees the answer.
CREATE TABLE resident_requests (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  kind         TEXT NOT NULL CHECK (kind IN ('what_matters_correction', 'another_contact', 'sharing_objection')),
  words        TEXT NOT NULL DEFAULT '',
  agreement_id INTEGER REFERENCES sharing_agreements(id),
  asked_by     INTEGER NOT NULL REFERENCES users(id),
  asked_at     TEXT NOT NULL,
  answered_by  INTEGER REFERENCES users(id),
  answered_at  TEXT,
  answer       TEXT
);
CREATE INDEX resident_requests_household ON resident_requests(household_id, asked_at);
CREATE INDEX resident_requests_open ON resident_requests(answered_at, kind);

-- Client experience. The statement sets are versioned; old answers keep
-- theirs. Which contacts were answered is kept with the household, what was
-- answered is not: a response carries its team and quarter, a random id,
-- no time and no professional, so it cannot be traced back to a household.
CREATE TABLE experience_statement_sets (
  version    INTEGER PRIMARY KEY,
  statements TEXT NOT NULL,  -- comma-separated keys
  created_at TEXT NOT NULL
);
-- Version 1: the aspects the Wmo client-experience survey reports on, and two
-- of this project's own (the same contact person; trust to stand up for me).
INSERT INTO experience_statement_sets (version, statements, created_at) VALUES
  (1, 'knew_where_to_go,taken_seriously,solutions_together,helped_quickly,support_fits,can_do_more,same_contact,trust_contact',
   '2026-12-05T00:00:00Z');
CREATE TABLE experience_answered (
  contact_id   INTEGER PRIMARY KEY REFERENCES contacts(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  answered_on  TEXT NOT NULL
);
CREATE INDEX experience_answered_household ON experience_answered(household_id);
CREATE TABLE experience_responses (
  id              INTEGER PRIMARY KEY,  -- random, not in order
  team_id         INTEGER REFERENCES teams(id),
  quarter         TEXT NOT NULL,        -- 2026-Q4
  set_version     INTEGER NOT NULL REFERENCES experience_statement_sets(version),
  answers         TEXT NOT NULL,        -- statement=agreement, comma-separated
  comment         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX experience_responses_team ON experience_responses(team_id, quarter);
