-- How often a contact was corrected, kept on the contact itself: the
-- household record shows it for up to 50 contacts, and counting
-- contact_edits for each of them was the record's most expensive read.
-- HouseholdRepository::edit_contact raises it in the edit's transaction.
ALTER TABLE contacts ADD COLUMN edits INTEGER NOT NULL DEFAULT 0;
UPDATE contacts SET edits = (SELECT COUNT(*) FROM contact_edits e WHERE e.contact_id = contacts.id)
WHERE id IN (SELECT contact_id FROM contact_edits);
