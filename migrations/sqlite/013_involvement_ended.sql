-- An involvement recorded by mistake, or one that is over, is ended rather
-- than removed: the record keeps that the person was there, with who ended
-- it and when (HouseholdService::end_involvement). A handover ends the
-- former fixed contact's involvement the same way.
ALTER TABLE involved ADD COLUMN ended_by INTEGER REFERENCES users(id);
ALTER TABLE involved ADD COLUMN ended_at TEXT;
