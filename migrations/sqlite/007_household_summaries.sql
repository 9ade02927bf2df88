-- What the caseload and the team lead's overview show of each household,
-- kept on the household's own row: reading it from contacts, actions and
-- changes took six subqueries per listed household, and a separate summary
-- table was joined by a scan of all its rows. HouseholdRepository refreshes
-- these columns in the transaction of every write that changes them
-- (members, actions, contacts, changes of fixed contact), with the same
-- query as below. Lists are ';'-separated, in no particular order:
--   summary_open_action_dues    the due date of every open action
--   summary_face_last_contacts  involved_id@at of each face's latest contact
--   summary_handover_dates      changed_at of every change that was not the first assignment
-- Windows (overdue today, faces in 90 days, changes in a year) are counted
-- when read, so the columns never go stale with time.
ALTER TABLE households ADD COLUMN summary_first_adult TEXT NOT NULL DEFAULT '';
ALTER TABLE households ADD COLUMN summary_open_action_dues TEXT NOT NULL DEFAULT '';
ALTER TABLE households ADD COLUMN summary_last_contact_at TEXT;
ALTER TABLE households ADD COLUMN summary_face_last_contacts TEXT NOT NULL DEFAULT '';
ALTER TABLE households ADD COLUMN summary_handover_dates TEXT NOT NULL DEFAULT '';

UPDATE households SET
  summary_first_adult = COALESCE((SELECT m.name FROM household_members m
    WHERE m.household_id = households.id AND m.kind = 'adult' ORDER BY m.id LIMIT 1), ''),
  summary_open_action_dues = COALESCE((SELECT group_concat(a.due_on, ';') FROM actions a
    WHERE a.household_id = households.id AND a.status = 'open'), ''),
  summary_last_contact_at = (SELECT MAX(c.at) FROM contacts c WHERE c.household_id = households.id),
  summary_face_last_contacts = COALESCE((SELECT group_concat(f.involved_id || '@' || f.last_at, ';') FROM
    (SELECT c.involved_id, MAX(c.at) AS last_at FROM contacts c WHERE c.household_id = households.id
     GROUP BY c.involved_id) f), ''),
  summary_handover_dates = COALESCE((SELECT group_concat(x.changed_at, ';') FROM fixed_contact_changes x
    WHERE x.household_id = households.id AND x.kind <> 'assignment'), '');
