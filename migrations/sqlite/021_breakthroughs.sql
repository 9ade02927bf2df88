-- Breakthrough (doorbraak): a professional asks a mandated team to cut
-- through a rule or silo for a household; the team decides within a deadline
-- with a budget for tailor-made solutions (maatwerkbudget). Amounts are
-- integer cents.

-- The blockages the municipality keeps as a list (a key and its Dutch name).
CREATE TABLE breakthrough_categories (
  key    TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO breakthrough_categories (key, name) VALUES
  ('scheme_rule', 'Een regel van een regeling'),
  ('schemes_conflict', 'Twee regelingen sluiten elkaar uit'),
  ('organisation', 'Een organisatie beweegt niet'),
  ('waiting_list', 'Een wachtlijst'),
  ('creditor', 'Een schuldeiser'),
  ('other', 'Iets anders');

-- What one kind of involvement costs a year (muddling through), per domain
-- of the involved faces; the municipality keeps these figures.
CREATE TABLE involvement_costs (
  domain       TEXT PRIMARY KEY,
  yearly_cents INTEGER NOT NULL CHECK (yearly_cents >= 0)
);

CREATE TABLE breakthroughs (
  id                     INTEGER PRIMARY KEY,
  household_id           INTEGER NOT NULL REFERENCES households(id),
  team_id                INTEGER REFERENCES teams(id),  -- the requester's team, for a budget per team
  requested_by           INTEGER NOT NULL REFERENCES users(id),
  asked_at               TEXT NOT NULL,
  urgency                TEXT NOT NULL CHECK (urgency IN ('urgent', 'normal')),
  deadline               TEXT NOT NULL,  -- the working day (YYYY-MM-DD) by whose end it is decided
  stuck_resident         TEXT NOT NULL,
  stuck_professional     TEXT NOT NULL,
  category               TEXT NOT NULL REFERENCES breakthrough_categories(key),
  blocking_rule          TEXT NOT NULL,
  rule_purpose           TEXT NOT NULL,
  professional_judgement TEXT NOT NULL,
  resident_wish          TEXT NOT NULL,
  proposal               TEXT NOT NULL,
  one_off_cents          INTEGER NOT NULL CHECK (one_off_cents >= 0),
  monthly_cents          INTEGER NOT NULL CHECK (monthly_cents >= 0),
  -- What muddling through cost when it was asked (a fact of the request,
  -- not a copy to keep in step): a year, the faces and the contacts of 12 months.
  muddling_yearly_cents  INTEGER NOT NULL,
  muddling_faces         INTEGER NOT NULL,
  muddling_contacts      INTEGER NOT NULL,
  state                  TEXT NOT NULL DEFAULT 'submitted'
                         CHECK (state IN ('submitted', 'in_review', 'granted', 'rejected', 'withdrawn', 'executed')),
  review_by              INTEGER REFERENCES users(id),
  review_at              TEXT,
  decided_at             TEXT,
  granted_cents          INTEGER,
  withdrawn_at           TEXT,
  executed_at            TEXT,
  actual_cents           INTEGER
);
-- The queue: the open requests by deadline, walked in order (a partial
-- index, so decided requests cost the queue nothing).
CREATE INDEX breakthroughs_open ON breakthroughs(deadline, id) WHERE state IN ('submitted', 'in_review');
CREATE INDEX breakthroughs_household ON breakthroughs(household_id);
CREATE INDEX breakthroughs_requester ON breakthroughs(requested_by);
-- The policy report reads these columns of a period's requests from the
-- index alone (and the queue's decided requests walk it newest first).
CREATE INDEX breakthroughs_asked ON breakthroughs(asked_at, category, state, decided_at, granted_cents, actual_cents,
                                                  muddling_yearly_cents, blocking_rule);

-- Each member's decision; one decides, or two above the municipality's amount.
CREATE TABLE breakthrough_votes (
  breakthrough_id INTEGER NOT NULL REFERENCES breakthroughs(id),
  member_id       INTEGER NOT NULL REFERENCES users(id),
  verdict         TEXT NOT NULL CHECK (verdict IN ('granted', 'rejected')),
  reasoning       TEXT NOT NULL,
  alternative     TEXT NOT NULL DEFAULT '',
  amount_cents    INTEGER,
  at              TEXT NOT NULL,
  PRIMARY KEY (breakthrough_id, member_id)
);

-- A mandate to grant past what is left of the budget, from a team lead.
CREATE TABLE breakthrough_escalations (
  id              INTEGER PRIMARY KEY,
  breakthrough_id INTEGER NOT NULL REFERENCES breakthroughs(id),
  amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
  reasoning       TEXT NOT NULL,
  given_by        INTEGER NOT NULL REFERENCES users(id),
  given_at        TEXT NOT NULL
);
CREATE INDEX breakthrough_escalations_request ON breakthrough_escalations(breakthrough_id);

-- The budget per year: team_id 0 is the whole municipality's; a team's own
-- row, where there is one, is that team's part.
CREATE TABLE breakthrough_budgets (
  year         INTEGER NOT NULL,
  team_id      INTEGER NOT NULL DEFAULT 0,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  PRIMARY KEY (year, team_id)
);

-- Append-only: a grant commits, execution releases the commitment and
-- spends. breakthrough_id has no foreign key on purpose: the ledger is the
-- municipality's account and outlives a household's record under retention.
CREATE TABLE budget_ledger (
  id              INTEGER PRIMARY KEY,
  year            INTEGER NOT NULL,
  team_id         INTEGER NOT NULL DEFAULT 0,
  breakthrough_id INTEGER NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('commit', 'release', 'spend')),
  amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
  at              TEXT NOT NULL,
  by_user         INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX budget_ledger_year ON budget_ledger(year, team_id);
CREATE TRIGGER budget_ledger_append_only_update BEFORE UPDATE ON budget_ledger
BEGIN SELECT RAISE(ABORT, 'budget_ledger is append-only'); END;
CREATE TRIGGER budget_ledger_append_only_delete BEFORE DELETE ON budget_ledger
BEGIN SELECT RAISE(ABORT, 'budget_ledger is append-only'); END;
