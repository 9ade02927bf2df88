-- Two-factor login (TOTP, RFC 6238) for professionals.
-- totp_secret: base32, set when enrolment starts; NULL until then. Never logged.
-- totp_enabled: 1 once the person confirmed a code from their app.
-- totp_last_step: the 30-second step of the last accepted code, so the same
-- code cannot be used twice (RFC 6238 section 5.2).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
