-- The household record and the caseload are read from their tables again
-- (storage/household_record_reader.cpp): the record's small lists as JSON
-- subselects of one statement, the caseload's counts as subselects on
-- indexes that start with the household. The copies that every write had
-- to keep current go: record_lists (migration 009) and the households'
-- summary columns (migration 007). A manual fix, a retention run or a
-- loader can no longer leave the record showing something the tables do
-- not say, and access is decided from the live involved rows.
DROP TABLE record_lists;
ALTER TABLE households DROP COLUMN summary_first_adult;
ALTER TABLE households DROP COLUMN summary_open_action_dues;
ALTER TABLE households DROP COLUMN summary_last_contact_at;
ALTER TABLE households DROP COLUMN summary_face_last_contacts;
ALTER TABLE households DROP COLUMN summary_handover_dates;
-- The caseload counts the faces a household met in the last 90 days from
-- each face's latest contact: one step down this index per face.
CREATE INDEX contacts_household_face_at ON contacts(household_id, involved_id, at);
