-- A self-referral is asked once. The form's one-time token, or an API
-- client's Idempotency-Key, is kept as a hash with a hash of what was asked
-- and the referral it made: the same key again gets the same answer and
-- makes nothing new (ReferralService::submit). Keys are forgotten after a
-- day; a referral removed by retention takes its key with it.
CREATE TABLE referral_submissions (
  key_hash     TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  referral_id  BIGINT REFERENCES referrals(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL
);
CREATE INDEX referral_submissions_created ON referral_submissions(created_at);
CREATE INDEX referral_submissions_referral ON referral_submissions(referral_id);
