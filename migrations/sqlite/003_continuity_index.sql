-- Counting the distinct faces a household met in a window reads only this
-- index (no table rows): the caseload and the team lead's overview do it for
-- every household they list.
CREATE INDEX contacts_household_at_face ON contacts(household_id, at, involved_id);
DROP INDEX contacts_household_at;
