-- A self-referral for an address where a household is already known is not
-- joined to it at once: whether someone receives support is not the public's
-- to learn, so the front door answers the same for every address. The
-- referral waits without a household until a professional, after first
-- contact, joins it (recorded in the audit trail).
ALTER TABLE referrals ALTER COLUMN household_id DROP NOT NULL;
