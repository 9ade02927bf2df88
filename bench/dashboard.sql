-- The dashboard's point figures straight from the base tables, in one query:
-- a baseline for bench/dashboard.sh. It computes what build_dashboard
-- (src/domain/dashboard.cpp) computes from the rows that
-- service/dashboard_store.cpp reads, for all teams, for the whole population
-- ("all") and per neighbourhood: reach, one face, plans, getting things
-- done, trust, human scale and outreach. Shares come with their Wilson 95%
-- interval; medians are type 7 (percentile_cont) without the server's
-- bootstrap interval; nothing is suppressed (the caller compares only the
-- figures the server shows).
--
-- Run (start and end: the period's first and end instant, UTC, end
-- exclusive, in the stored text format; today: the Amsterdam date of now):
--   psql -X -q "$url" -v start=2026-09-05T22:00:00Z -v end=2026-12-05T23:00:00Z \
--     -v today=2026-12-05 -v now=2026-12-05T16:00:00Z -f bench/dashboard.sql
-- Output, one line per figure and group, tab-separated:
--   metric  group  n  value  ci_low  ci_high   (ci_* empty for medians and totals)
-- in the API's units: UPC, COC and SECON are medians of thousandths (each
-- household's index rounded as llround(index * 1000)) divided by 1000.
--
-- Timestamps are compared as text, as stored ("YYYY-MM-DDTHH:MM:SSZ", which
-- sorts in time order); postcodes bytewise, as the server does.

\set QUIET on
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
\pset fieldsep '\t'
\pset null ''
SET TimeZone = 'UTC';
SET work_mem = '256MB';  -- the period's contacts sorted in memory

-- Instants derived from the period, as psql variables (constants to the planner).
SELECT -- The server's continuity "now" is end - 1 s; a face is recent after now - 90 days.
       to_char(:'end'::timestamptz - interval '1 second' - interval '90 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS recent_after,
       to_char(:'end'::timestamptz - interval '365 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS year_before,
       -- Experience answers are kept per quarter: every quarter the period touches.
       to_char(:'start'::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY"-Q"Q') AS first_quarter,
       to_char((:'end'::timestamptz - interval '1 second') AT TIME ZONE 'Europe/Amsterdam', 'YYYY"-Q"Q') AS last_quarter
\gset

WITH
-- Neighbourhoods -------------------------------------------------------------------------------
-- Every postcode in use, with the neighbourhood whose range holds it (the first by name, as the
-- directory walks them, should ranges overlap).
postcode_hood AS (
  SELECT DISTINCT ON (pc.postcode) pc.postcode, n.name AS hood
  FROM (SELECT postcode FROM households UNION SELECT postcode FROM referrals) pc
  JOIN postcode_ranges r ON pc.postcode COLLATE "C" BETWEEN r.postcode_from AND r.postcode_to
  JOIN neighbourhoods n ON n.id = r.neighbourhood_id
  ORDER BY pc.postcode, n.name
),
household AS (
  SELECT h.id, coalesce(ph.hood, 'unknown') AS hood
  FROM households h
  LEFT JOIN postcode_hood ph ON ph.postcode = h.postcode
),

-- Reach: requests received in the period ------------------------------------------------------
period_referral AS (
  SELECT coalesce(rp.hood, h.hood, 'unknown') AS hood,  -- its own postcode first, then its household's
         r.arrived_via,
         r.first_contact_at IS NOT NULL AS contacted,
         CASE WHEN r.first_contact_at IS NOT NULL
                THEN to_char(r.first_contact_at::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') <= r.promised_by
              WHEN r.promised_by < :'today' THEN false
         END AS kept,  -- NULL: no contact yet and the promised day not passed, not counted
         CASE WHEN r.first_contact_at IS NOT NULL THEN
           greatest(0, extract(epoch FROM r.first_contact_at::timestamptz - r.created_at::timestamptz))::bigint / 3600
         END AS hours_to_contact
  FROM referrals r
  LEFT JOIN postcode_hood rp ON rp.postcode = r.postcode
  LEFT JOIN household h ON h.id = r.household_id
  WHERE r.created_at >= :'start' AND r.created_at < :'end'
),
reach AS (
  SELECT CASE WHEN grouping(hood) = 1 THEN 'all' ELSE hood END AS grp,
         count(*) AS n,
         count(kept) AS kept_n,
         count(*) FILTER (WHERE kept) AS kept,
         count(hours_to_contact) AS contacted,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_contact) AS hours_median,
         count(*) FILTER (WHERE arrived_via = 'website') AS website,
         count(*) FILTER (WHERE arrived_via = 'phone') AS phone,
         count(*) FILTER (WHERE arrived_via = 'walk_in') AS walk_in,
         count(*) FILTER (WHERE arrived_via = 'outreach') AS outreach,
         count(*) FILTER (WHERE arrived_via = 'referred') AS referred,
         count(*) FILTER (WHERE contacted AND arrived_via IN ('outreach', 'walk_in')) AS in_neighbourhood
  FROM period_referral
  GROUP BY ROLLUP (hood)
),

-- One face and plans: households with a contact in the period --------------------------------
period_contact AS (
  SELECT c.household_id, c.involved_id,
         c.at > :'recent_after' AS recent,
         -- SECON: contacts in time order, ties in the order logged.
         c.involved_id = lag(c.involved_id) OVER (PARTITION BY c.household_id ORDER BY c.at, c.id) AS same_as_before
  FROM contacts c
  WHERE c.at >= :'start' AND c.at < :'end'
),
face AS (  -- per household and face: n_j
  SELECT household_id, count(*) AS n_j, bool_or(recent) AS recent, count(*) FILTER (WHERE same_as_before) AS same
  FROM period_contact
  GROUP BY household_id, involved_id
),
continuity AS (
  SELECT household_id,
         sum(n_j)::bigint AS n,
         count(*) AS faces,
         count(*) FILTER (WHERE recent) AS faces_90d,
         max(n_j) AS most,
         sum(n_j * n_j)::bigint AS sum_of_squares,
         sum(same)::bigint AS same
  FROM face
  GROUP BY household_id
),
changes_in_year AS (  -- changes of fixed contact in the 365 days before the period's end
  SELECT fc.household_id, count(*) AS changes
  FROM fixed_contact_changes fc
  WHERE fc.kind <> 'assignment' AND fc.changed_at >= :'year_before' AND fc.changed_at < :'end'
  GROUP BY fc.household_id
),
current_plan AS (  -- the newest "what matters" of each household
  SELECT DISTINCT ON (household_id) household_id, confirmed_on IS NOT NULL AS confirmed
  FROM what_matters
  ORDER BY household_id, id DESC
),
asked_another AS (
  SELECT DISTINCT rr.household_id
  FROM resident_requests rr
  WHERE rr.kind = 'another_contact' AND rr.asked_at >= :'start' AND rr.asked_at < :'end'
),
household_indices AS (  -- UPC, COC and SECON times 1000, for households with 2 contacts or more
  SELECT h.hood, c.faces,
         CASE WHEN c.n >= 2 THEN c.most::float8 / c.n::float8 * 1000 END AS upc,
         CASE WHEN c.n >= 2 THEN (c.sum_of_squares - c.n)::float8 / (c.n * (c.n - 1))::float8 * 1000 END AS coc,
         CASE WHEN c.n >= 2 THEN c.same::float8 / (c.n - 1)::float8 * 1000 END AS secon,
         c.faces_90d > 3 OR coalesce(y.changes, 0) > 1 AS flagged,
         a.household_id IS NOT NULL AS asked_another,
         coalesce(w.confirmed, false) AS confirmed
  FROM continuity c
  JOIN household h ON h.id = c.household_id
  LEFT JOIN changes_in_year y ON y.household_id = c.household_id
  LEFT JOIN asked_another a ON a.household_id = c.household_id
  LEFT JOIN current_plan w ON w.household_id = c.household_id
),
household_thousandths AS (  -- rounded half away from zero, as llround
  SELECT hood, faces, flagged, asked_another, confirmed,
         floor(upc) + (upc - floor(upc) >= 0.5)::int AS upc,
         floor(coc) + (coc - floor(coc) >= 0.5)::int AS coc,
         floor(secon) + (secon - floor(secon) >= 0.5)::int AS secon
  FROM household_indices
),
one_face AS (
  SELECT CASE WHEN grouping(hood) = 1 THEN 'all' ELSE hood END AS grp,
         count(*) AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY faces) AS faces_median,
         count(upc) AS indexed,  -- upc, coc and secon are there together
         percentile_cont(0.5) WITHIN GROUP (ORDER BY upc) AS upc_median,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY coc) AS coc_median,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY secon) AS secon_median,
         count(*) FILTER (WHERE flagged) AS flagged,
         count(*) FILTER (WHERE asked_another) AS asked_another,
         count(*) FILTER (WHERE confirmed) AS confirmed
  FROM household_thousandths
  GROUP BY ROLLUP (hood)
),
handover AS (  -- changes of fixed contact from someone, in the period
  SELECT CASE WHEN grouping(h.hood) = 1 THEN 'all' ELSE h.hood END AS grp,
         count(*) AS n,
         count(*) FILTER (WHERE fc.warm_handover_on IS NOT NULL) AS warm
  FROM fixed_contact_changes fc
  JOIN household h ON h.id = fc.household_id
  WHERE fc.kind <> 'assignment' AND fc.from_user_id IS NOT NULL AND fc.changed_at >= :'start' AND fc.changed_at < :'end'
  GROUP BY ROLLUP (h.hood)
),

-- Getting things done: breakthroughs asked in the period and decided --------------------------
decided AS (
  SELECT h.hood,
         b.state IN ('granted', 'executed') AS granted,
         greatest(0, extract(epoch FROM b.decided_at::timestamptz - b.asked_at::timestamptz))::bigint / 3600 AS hours,
         CASE b.state WHEN 'executed' THEN coalesce(b.actual_cents, b.granted_cents, 0)
                      WHEN 'granted' THEN coalesce(b.granted_cents, 0) ELSE 0 END AS cents
  FROM breakthroughs b
  JOIN household h ON h.id = b.household_id
  WHERE b.asked_at >= :'start' AND b.asked_at < :'end'
    AND b.state IN ('granted', 'rejected', 'executed') AND b.decided_at IS NOT NULL
),
getting_done AS (
  SELECT CASE WHEN grouping(hood) = 1 THEN 'all' ELSE hood END AS grp,
         count(*) AS n,
         count(*) FILTER (WHERE granted) AS granted,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS hours_median,
         coalesce(sum(cents) FILTER (WHERE granted), 0) AS cents
  FROM decided
  GROUP BY ROLLUP (hood)
),

-- Trust: experience answers of the period's quarters, per statement ---------------------------
answer AS (
  SELECT split_part(pair, '=', 1) AS statement, substr(pair, strpos(pair, '=') + 1) AS agreement
  FROM experience_responses e
  CROSS JOIN LATERAL string_to_table(e.answers, ',') AS pair
  WHERE e.quarter >= :'first_quarter' AND e.quarter <= :'last_quarter' AND strpos(pair, '=') > 0
),
trust AS (  -- of those with an opinion: dont_know (and anything off the scale) is left out
  SELECT statement, count(*) AS n, count(*) FILTER (WHERE agreement IN ('agree', 'completely_agree')) AS agree
  FROM answer
  WHERE agreement IN ('completely_disagree', 'disagree', 'neutral', 'agree', 'completely_agree')
  GROUP BY statement
),

-- Human scale and outreach: about staff, the whole only ---------------------------------------
caseload AS (
  SELECT u.id, t.caseload_cap AS cap, count(h.id) AS households
  FROM users u
  JOIN teams t ON t.id = u.team_id
  LEFT JOIN households h ON h.fixed_contact_id = u.id
  WHERE u.role = 'professional' AND u.active = 1
  GROUP BY u.id, t.caseload_cap
),
human_scale AS (
  SELECT count(*) AS n,
         count(*) FILTER (WHERE households > cap) AS over_cap,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY households) AS caseload_median
  FROM caseload
),
outreach AS (
  SELECT count(*) AS n,
         coalesce(sum(extract(epoch FROM o.ends_at::timestamptz - o.starts_at::timestamptz)), 0) AS seconds,
         coalesce(sum(coalesce(o.residents_met, 0)), 0) AS met
  FROM outreach_activities o
  WHERE o.starts_at >= :'start' AND o.starts_at < :'end' AND o.starts_at <= :'now'
),

-- Every figure: kind, units, and yes (shares) or a value (medians, totals) ---------------------
figure (metric, grp, kind, n, yes, value) AS (
  SELECT f.* FROM reach r CROSS JOIN LATERAL (VALUES
    ('promise_kept', r.grp, 'share', r.kept_n, r.kept, NULL::float8),
    ('hours_to_first_contact', r.grp, 'median', r.contacted, NULL, r.hours_median),
    ('arrived_website', r.grp, 'share', r.n, r.website, NULL),
    ('arrived_phone', r.grp, 'share', r.n, r.phone, NULL),
    ('arrived_walk_in', r.grp, 'share', r.n, r.walk_in, NULL),
    ('arrived_outreach', r.grp, 'share', r.n, r.outreach, NULL),
    ('arrived_referred', r.grp, 'share', r.n, r.referred, NULL),
    ('first_contact_in_neighbourhood', r.grp, 'share', r.contacted, r.in_neighbourhood, NULL)) f
  UNION ALL
  SELECT f.* FROM one_face o CROSS JOIN LATERAL (VALUES
    ('distinct_faces', o.grp, 'median', o.n, NULL::bigint, o.faces_median),
    -- Medians of thousandths, shown as 0..1 as the API does.
    ('upc', o.grp, 'median', o.indexed, NULL, o.upc_median / 1000),
    ('coc', o.grp, 'median', o.indexed, NULL, o.coc_median / 1000),
    ('secon', o.grp, 'median', o.indexed, NULL, o.secon_median / 1000),
    ('continuity_flagged', o.grp, 'share', o.n, o.flagged, NULL),
    ('asked_another_contact', o.grp, 'share', o.n, o.asked_another, NULL),
    ('plan_confirmed', o.grp, 'share', o.n, o.confirmed, NULL)) f
  UNION ALL
  SELECT 'warm_handover', grp, 'share', n, warm, NULL FROM handover
  UNION ALL
  SELECT f.* FROM getting_done g CROSS JOIN LATERAL (VALUES
    ('breakthrough_granted', g.grp, 'share', g.n, g.granted, NULL::float8),
    ('hours_to_decision', g.grp, 'median', g.n, NULL, g.hours_median)) f
  UNION ALL
  SELECT 'spend_euro', 'all', 'total', granted, NULL, cents::float8 / 100 FROM getting_done WHERE grp = 'all'
  UNION ALL
  SELECT 'agree_' || statement, 'all', 'share', n, agree, NULL FROM trust
  UNION ALL
  SELECT f.* FROM human_scale s CROSS JOIN LATERAL (VALUES
    ('over_cap', 'all', 'share', s.n, s.over_cap, NULL::float8),
    ('caseload', 'all', 'median', s.n, NULL, s.caseload_median)) f
  UNION ALL
  SELECT f.* FROM outreach o CROSS JOIN LATERAL (VALUES
    ('outreach_hours', 'all', 'total', o.n, NULL::bigint, o.seconds::float8 / 3600),
    ('outreach_residents_met', 'all', 'total', o.n, NULL, o.met::float8)) f
)
SELECT f.metric, f.grp, f.n, coalesce(w.share, f.value) AS value, w.ci_low, w.ci_high
FROM figure f
LEFT JOIN LATERAL (  -- Wilson score interval for 95%; exactly 0 or 1 at the ends
  SELECT i.share,
         CASE WHEN f.yes = 0 THEN 0 ELSE greatest(0, i.centre - i.half) END AS ci_low,
         CASE WHEN f.yes = f.n THEN 1 ELSE least(1, i.centre + i.half) END AS ci_high
  FROM (SELECT s.share,
               (s.share + s.z2 / (2 * s.count)) / (1 + s.z2 / s.count) AS centre,
               s.z * sqrt(s.share * (1 - s.share) / s.count + s.z2 / (4 * s.count * s.count)) / (1 + s.z2 / s.count)
                 AS half
        FROM (SELECT f.yes::float8 / nullif(f.n, 0) AS share, nullif(f.n, 0)::float8 AS count,
                     1.959963984540054::float8 AS z,
                     1.959963984540054::float8 * 1.959963984540054::float8 AS z2) s) i
) w ON f.kind = 'share'
WHERE f.n > 0 OR f.kind = 'total'
ORDER BY f.metric, f.grp;
