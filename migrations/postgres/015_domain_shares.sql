-- A domain professional's home lists the agreements in force on their
-- domain's bases, the newest first (AccessRepository::shares_with_domain).
CREATE INDEX sharing_agreements_in_force ON sharing_agreements(legal_basis_id, recorded_at) WHERE withdrawn_at IS NULL;
