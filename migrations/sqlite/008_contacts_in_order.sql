-- The household record reads its contacts in two ways, both from this one
-- index: the continuity window's (time, face) pairs in order, without
-- touching the table, and the latest contacts shown, newest first, by
-- walking it backwards and stopping after as many as are shown. The id
-- after the time puts contacts at the same moment in a fixed order (for
-- the sequence indices and the contacts log's cursor), so neither needs a sort.
CREATE INDEX contacts_household_at_id_face ON contacts(household_id, at, id, involved_id);
DROP INDEX contacts_household_at_face;
