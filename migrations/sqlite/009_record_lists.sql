-- The household record's lists that belong to the household alone
-- (members, relations, goals, options, actions, involved and referrals),
-- kept encoded in one row per household (storage/stored_rows.hpp): the
-- record then reads one row instead of running seven statements, each with
-- its own per-statement cost. HouseholdRepository rewrites a household's
-- row in the transaction of every write to those lists. A household without
-- a row is read from the tables (slower, never wrong); `gezicht migrate`
-- and the demo load fill the missing rows. Lists that name other accounts
-- (changes of fixed contact, sharing agreements) are not kept here, so a
-- renamed professional never shows under an old name.
CREATE TABLE record_lists (
  household_id INTEGER PRIMARY KEY REFERENCES households(id),
  lists TEXT NOT NULL
);
