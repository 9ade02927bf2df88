-- The CSV export that bench/dashboard_pandas.py reads: per table only the
-- columns the dashboard's figures need (ids, codes, states and timestamps as
-- stored text), never a name, an address line or free text. A baseline for
-- bench/dashboard.sh.
--
-- Run (DIR must exist; the files are written by psql, on the client side):
--   psql -X -q "$url" -v dir=DIR -f bench/dashboard_export.sql
-- psql does not expand variables inside \copy, so the script changes its
-- working directory to DIR first; each \copy then writes DIR/<table>.csv.
-- The same commands, one a line, are in dashboard_pandas.py's docstring.

\set ON_ERROR_STOP on
\cd :dir
\copy (SELECT id, name FROM neighbourhoods) TO 'neighbourhoods.csv' CSV HEADER
\copy (SELECT neighbourhood_id, postcode_from, postcode_to FROM postcode_ranges) TO 'postcode_ranges.csv' CSV HEADER
\copy (SELECT id, postcode, fixed_contact_id FROM households) TO 'households.csv' CSV HEADER
\copy (SELECT household_id, postcode, created_at, promised_by, first_contact_at, arrived_via FROM referrals) TO 'referrals.csv' CSV HEADER
\copy (SELECT id, household_id, involved_id, at FROM contacts) TO 'contacts.csv' CSV HEADER
\copy (SELECT household_id, kind, from_user_id, warm_handover_on, changed_at FROM fixed_contact_changes) TO 'fixed_contact_changes.csv' CSV HEADER
\copy (SELECT id, household_id, confirmed_on FROM what_matters) TO 'what_matters.csv' CSV HEADER
\copy (SELECT household_id, kind, asked_at FROM resident_requests) TO 'resident_requests.csv' CSV HEADER
\copy (SELECT household_id, state, asked_at, decided_at, granted_cents, actual_cents FROM breakthroughs) TO 'breakthroughs.csv' CSV HEADER
\copy (SELECT quarter, answers FROM experience_responses) TO 'experience_responses.csv' CSV HEADER
\copy (SELECT id, role, active, team_id FROM users) TO 'users.csv' CSV HEADER
\copy (SELECT id, caseload_cap FROM teams) TO 'teams.csv' CSV HEADER
\copy (SELECT starts_at, ends_at, residents_met FROM outreach_activities) TO 'outreach_activities.csv' CSV HEADER
