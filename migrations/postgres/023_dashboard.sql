-- What a resident chose to say about their background when asking for
-- help ("zeg ik liever niet" is an answer too; no row: not answered). It is
-- counted only in the dashboard's aggregates, to see whether the
-- organisation serves every group as well: never shown per person, never
-- read by the assignment or any other decision. It goes with its request.
CREATE TABLE referral_backgrounds (
  referral_id BIGINT PRIMARY KEY REFERENCES referrals(id) ON DELETE CASCADE,
  background  TEXT NOT NULL
              CHECK (background IN ('born_here_parents_here', 'parent_born_elsewhere', 'born_elsewhere', 'rather_not_say'))
);

-- Policy staff (beleidsmedewerkers) read the municipality's dashboard: a
-- role of its own, with no case content.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('resident', 'professional', 'domain_professional', 'breakthrough_member', 'teamlead', 'policy',
                  'admin', 'auditor'));
