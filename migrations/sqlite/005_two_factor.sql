-- Two-factor login (TOTP, RFC 6238) for professionals. A plain ADD COLUMN:
-- 004 already rebuilt the users table.
-- totp_secret: base32, set when enrolment starts; NULL until then. Never logged.
-- totp_enabled: 1 once the person confirmed a code from their app.
-- totp_last_step: the 30-second step of the last accepted code, so the same
-- code cannot be used twice (RFC 6238 section 5.2).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
