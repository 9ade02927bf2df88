#include "storage/breakthrough_repository.hpp"

namespace gezicht::storage {
namespace {

Value optional_value(const std::optional<std::int64_t>& value) { return value ? Value(*value) : Value(nullptr); }

constexpr const char* row_columns =
    "SELECT b.id, b.household_id, b.team_id, b.requested_by, u.name, b.asked_at, b.urgency, b.deadline, "
    "b.stuck_resident, b.stuck_professional, b.category, c.name, b.blocking_rule, b.rule_purpose, "
    "b.professional_judgement, b.resident_wish, b.proposal, b.one_off_cents, b.monthly_cents, "
    "b.muddling_yearly_cents, b.muddling_faces, b.muddling_contacts, b.state, b.review_by, b.review_at, "
    "b.decided_at, b.granted_cents, b.withdrawn_at, b.executed_at, b.actual_cents "
    "FROM breakthroughs b JOIN users u ON u.id = b.requested_by "
    "JOIN breakthrough_categories c ON c.key = b.category ";

constexpr const char* summary_columns =
    "SELECT b.id, c.name, b.urgency, b.state, b.deadline, b.asked_at, u.name, b.one_off_cents, b.monthly_cents, "
    "b.granted_cents FROM breakthroughs b JOIN users u ON u.id = b.requested_by "
    "JOIN breakthrough_categories c ON c.key = b.category ";

}  // namespace

std::vector<BreakthroughRow> BreakthroughRepository::read_rows(Statement& rows) {
  std::vector<BreakthroughRow> result;
  while (rows.step()) {
    BreakthroughRow row;
    int c = 0;
    row.id = rows.int64(c++);
    row.household_id = rows.int64(c++);
    row.team_id = rows.optional_int64(c++);
    row.requested_by = rows.int64(c++);
    row.requester_name = rows.text(c++);
    row.asked_at = rows.text(c++);
    row.urgency = rows.text(c++);
    row.deadline = rows.text(c++);
    row.stuck_resident = rows.text(c++);
    row.stuck_professional = rows.text(c++);
    row.category = rows.text(c++);
    row.category_name = rows.text(c++);
    row.blocking_rule = rows.text(c++);
    row.rule_purpose = rows.text(c++);
    row.professional_judgement = rows.text(c++);
    row.resident_wish = rows.text(c++);
    row.proposal = rows.text(c++);
    row.one_off_cents = rows.int64(c++);
    row.monthly_cents = rows.int64(c++);
    row.muddling_yearly_cents = rows.int64(c++);
    row.muddling_faces = rows.int64(c++);
    row.muddling_contacts = rows.int64(c++);
    row.state = rows.text(c++);
    row.review_by = rows.optional_int64(c++);
    row.review_at = rows.optional_text(c++);
    row.decided_at = rows.optional_text(c++);
    row.granted_cents = rows.optional_int64(c++);
    row.withdrawn_at = rows.optional_text(c++);
    row.executed_at = rows.optional_text(c++);
    row.actual_cents = rows.optional_int64(c++);
    result.push_back(std::move(row));
  }
  return result;
}

std::vector<BreakthroughCategoryRow> BreakthroughRepository::categories() {
  auto rows = query(connection_, "SELECT key, name, active FROM breakthrough_categories ORDER BY name");
  std::vector<BreakthroughCategoryRow> categories;
  while (rows->step()) categories.push_back({rows->text(0), rows->text(1), rows->int64(2) != 0});
  return categories;
}

void BreakthroughRepository::set_category(const BreakthroughCategoryRow& category) {
  exec(connection_,
       "INSERT INTO breakthrough_categories (key, name, active) VALUES (?, ?, ?) "
       "ON CONFLICT (key) DO UPDATE SET name = excluded.name, active = excluded.active",
       category.key, category.name, std::int64_t{category.active ? 1 : 0});
}

std::map<std::string, std::int64_t> BreakthroughRepository::involvement_costs() {
  auto rows = query(connection_, "SELECT domain, yearly_cents FROM involvement_costs");
  std::map<std::string, std::int64_t> costs;
  while (rows->step()) costs[rows->text(0)] = rows->int64(1);
  return costs;
}

void BreakthroughRepository::set_involvement_cost(const std::string& domain, std::int64_t yearly_cents) {
  exec(connection_,
       "INSERT INTO involvement_costs (domain, yearly_cents) VALUES (?, ?) "
       "ON CONFLICT (domain) DO UPDATE SET yearly_cents = excluded.yearly_cents",
       domain, yearly_cents);
}

std::vector<std::string> BreakthroughRepository::active_domains(std::int64_t household_id) {
  auto rows =
      query(connection_, "SELECT domain FROM involved WHERE household_id = ? AND active = 1 ORDER BY id", household_id);
  std::vector<std::string> domains;
  while (rows->step()) domains.push_back(rows->text(0));
  return domains;
}

std::int64_t BreakthroughRepository::contacts_since(std::int64_t household_id, const std::string& since) {
  auto row =
      query(connection_, "SELECT COUNT(*) FROM contacts WHERE household_id = ? AND at >= ?", household_id, since);
  if (!row->step()) throw DatabaseError("COUNT(*) returned no row");
  return row->int64(0);
}

std::int64_t BreakthroughRepository::add(const BreakthroughRow& row) {
  auto inserted = query(
      connection_,
      "INSERT INTO breakthroughs (household_id, team_id, requested_by, asked_at, urgency, deadline, stuck_resident, "
      "stuck_professional, category, blocking_rule, rule_purpose, professional_judgement, resident_wish, proposal, "
      "one_off_cents, monthly_cents, muddling_yearly_cents, muddling_faces, muddling_contacts, state) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted') RETURNING id",
      row.household_id, optional_value(row.team_id), row.requested_by, row.asked_at, row.urgency, row.deadline,
      row.stuck_resident, row.stuck_professional, row.category, row.blocking_rule, row.rule_purpose,
      row.professional_judgement, row.resident_wish, row.proposal, row.one_off_cents, row.monthly_cents,
      row.muddling_yearly_cents, row.muddling_faces, row.muddling_contacts);
  if (!inserted->step()) throw DatabaseError("INSERT INTO breakthroughs returned no id");
  return inserted->int64(0);
}

std::optional<BreakthroughRow> BreakthroughRepository::find(std::int64_t id) {
  auto rows = read_rows(*query(connection_, std::string(row_columns) + "WHERE b.id = ?", id));
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

void BreakthroughRepository::lock(std::int64_t id) {
  if (connection_.dialect() != Dialect::postgres) return;
  query(connection_, "SELECT id FROM breakthroughs WHERE id = ? FOR UPDATE", id)->step();
}

std::vector<BreakthroughRepository::SummaryRow> BreakthroughRepository::read_summaries(Statement& rows) {
  std::vector<SummaryRow> result;
  while (rows.step()) {
    result.push_back({rows.int64(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4), rows.text(5), rows.text(6),
                      rows.int64(7), rows.int64(8), rows.optional_int64(9)});
  }
  return result;
}

std::vector<BreakthroughRepository::SummaryRow> BreakthroughRepository::queue(int limit) {
  // The open ones by deadline; only when they do not fill the page, the
  // newest others (a second index walk).
  const std::int64_t rows = limit;
  auto open = read_summaries(*query(
      connection_,
      std::string(summary_columns) + "WHERE b.state IN ('submitted', 'in_review') ORDER BY b.deadline, b.id LIMIT ?",
      rows));
  if (static_cast<std::int64_t>(open.size()) < rows) {
    auto closed = read_summaries(
        *query(connection_,
               std::string(summary_columns) +
                   "WHERE b.state NOT IN ('submitted', 'in_review') ORDER BY b.asked_at DESC, b.id DESC LIMIT ?",
               rows - static_cast<std::int64_t>(open.size())));
    for (auto& row : closed) open.push_back(std::move(row));
  }
  return open;
}

std::vector<BreakthroughRepository::SummaryRow> BreakthroughRepository::in_state(const std::string& state, int limit) {
  const bool open = state == "submitted" || state == "in_review";
  return read_summaries(*query(connection_,
                               std::string(summary_columns) + "WHERE b.state = ? ORDER BY " +
                                   (open ? "b.deadline, b.id" : "b.asked_at DESC, b.id DESC") + " LIMIT ?",
                               state, std::int64_t{limit}));
}

std::vector<BreakthroughRepository::SummaryRow> BreakthroughRepository::of_requester(std::int64_t user_id, int limit) {
  return read_summaries(
      *query(connection_,
             std::string(summary_columns) + "WHERE b.requested_by = ? ORDER BY b.asked_at DESC, b.id DESC LIMIT ?",
             user_id, std::int64_t{limit}));
}

std::unique_ptr<Statement> BreakthroughRepository::query_for_residents(std::int64_t household_id) {
  return query(connection_,
               "SELECT id, state, deadline FROM breakthroughs WHERE household_id = ? ORDER BY asked_at DESC, id DESC",
               household_id);
}

std::vector<BreakthroughRepository::ResidentRow> BreakthroughRepository::read_for_residents(Statement& rows) {
  std::vector<ResidentRow> result;
  while (rows.step()) result.push_back({rows.int64(0), rows.text(1), rows.text(2)});
  return result;
}

std::vector<domain::BreakthroughFact> BreakthroughRepository::facts_between(const std::string& from,
                                                                            const std::string& to) {
  auto rows = query(connection_,
                    "SELECT category, blocking_rule, asked_at, decided_at, state, granted_cents, actual_cents, "
                    "muddling_yearly_cents FROM breakthroughs WHERE asked_at >= ? AND asked_at < ?",
                    from, to);
  std::vector<domain::BreakthroughFact> facts;
  while (rows->step()) {
    facts.push_back({rows->text(0), rows->text(1), rows->text(2), rows->optional_text(3), rows->text(4),
                     rows->optional_int64(5).value_or(0), rows->optional_int64(6).value_or(0), rows->int64(7)});
  }
  return facts;
}

bool BreakthroughRepository::start_review(std::int64_t id, std::int64_t member_id, const std::string& at) {
  return exec(connection_,
              "UPDATE breakthroughs SET state = 'in_review', review_by = ?, review_at = ? "
              "WHERE id = ? AND state = 'submitted'",
              member_id, at, id) == 1;
}

bool BreakthroughRepository::decide(std::int64_t id, const std::string& state, const std::string& at,
                                    std::optional<std::int64_t> granted_cents) {
  return exec(connection_,
              "UPDATE breakthroughs SET state = ?, decided_at = ?, granted_cents = ? "
              "WHERE id = ? AND state IN ('submitted', 'in_review')",
              state, at, optional_value(granted_cents), id) == 1;
}

bool BreakthroughRepository::withdraw(std::int64_t id, const std::string& at) {
  return exec(connection_,
              "UPDATE breakthroughs SET state = 'withdrawn', withdrawn_at = ? "
              "WHERE id = ? AND state IN ('submitted', 'in_review')",
              at, id) == 1;
}

bool BreakthroughRepository::execute(std::int64_t id, const std::string& at, std::int64_t actual_cents) {
  return exec(connection_,
              "UPDATE breakthroughs SET state = 'executed', executed_at = ?, actual_cents = ? "
              "WHERE id = ? AND state = 'granted'",
              at, actual_cents, id) == 1;
}

std::vector<VoteRow> BreakthroughRepository::votes(std::int64_t id) {
  auto rows = query(connection_,
                    "SELECT v.member_id, u.name, v.verdict, v.reasoning, v.alternative, v.amount_cents, v.at "
                    "FROM breakthrough_votes v JOIN users u ON u.id = v.member_id "
                    "WHERE v.breakthrough_id = ? ORDER BY v.at, v.member_id",
                    id);
  std::vector<VoteRow> votes;
  while (rows->step()) {
    votes.push_back({rows->int64(0), rows->text(1), rows->text(2), rows->text(3), rows->text(4),
                     rows->optional_int64(5), rows->text(6)});
  }
  return votes;
}

void BreakthroughRepository::add_vote(std::int64_t id, const VoteRow& vote) {
  exec(connection_,
       "INSERT INTO breakthrough_votes (breakthrough_id, member_id, verdict, reasoning, alternative, amount_cents, at) "
       "VALUES (?, ?, ?, ?, ?, ?, ?)",
       id, vote.member_id, vote.verdict, vote.reasoning, vote.alternative, optional_value(vote.amount_cents), vote.at);
}

std::vector<EscalationRow> BreakthroughRepository::escalations(std::int64_t id) {
  auto rows = query(connection_,
                    "SELECT e.amount_cents, e.reasoning, u.name, e.given_at FROM breakthrough_escalations e "
                    "JOIN users u ON u.id = e.given_by WHERE e.breakthrough_id = ? ORDER BY e.id",
                    id);
  std::vector<EscalationRow> escalations;
  while (rows->step()) escalations.push_back({rows->int64(0), rows->text(1), rows->text(2), rows->text(3)});
  return escalations;
}

void BreakthroughRepository::add_escalation(std::int64_t id, std::int64_t amount_cents, const std::string& reasoning,
                                            std::int64_t by, const std::string& at) {
  exec(connection_,
       "INSERT INTO breakthrough_escalations (breakthrough_id, amount_cents, reasoning, given_by, given_at) "
       "VALUES (?, ?, ?, ?, ?)",
       id, amount_cents, reasoning, by, at);
}

std::optional<std::int64_t> BreakthroughRepository::budget(std::int64_t year, std::int64_t team_id) {
  auto row =
      query(connection_, "SELECT amount_cents FROM breakthrough_budgets WHERE year = ? AND team_id = ?", year, team_id);
  if (!row->step()) return std::nullopt;
  return row->int64(0);
}

void BreakthroughRepository::set_budget(std::int64_t year, std::int64_t team_id, std::int64_t amount_cents) {
  exec(connection_,
       "INSERT INTO breakthrough_budgets (year, team_id, amount_cents) VALUES (?, ?, ?) "
       "ON CONFLICT (year, team_id) DO UPDATE SET amount_cents = excluded.amount_cents",
       year, team_id, amount_cents);
}

void BreakthroughRepository::lock_budget(std::int64_t year, std::int64_t team_id) {
  if (connection_.dialect() != Dialect::postgres) return;
  // A year without a budget row still serialises its grants: the row is made
  // (with nothing in it) so that there is something to lock.
  exec(connection_,
       "INSERT INTO breakthrough_budgets (year, team_id, amount_cents) VALUES (?, ?, 0) "
       "ON CONFLICT (year, team_id) DO NOTHING",
       year, team_id);
  query(connection_, "SELECT amount_cents FROM breakthrough_budgets WHERE year = ? AND team_id = ? FOR UPDATE", year,
        team_id)
      ->step();
}

std::vector<LedgerRow> BreakthroughRepository::ledger(std::int64_t year, std::int64_t team_id) {
  auto rows = query(connection_,
                    "SELECT l.id, l.breakthrough_id, l.kind, l.amount_cents, l.at, u.name FROM budget_ledger l "
                    "JOIN users u ON u.id = l.by_user WHERE l.year = ? AND l.team_id = ? ORDER BY l.id",
                    year, team_id);
  std::vector<LedgerRow> entries;
  while (rows->step()) {
    entries.push_back({rows->int64(0), rows->int64(1), rows->text(2), rows->int64(3), rows->text(4), rows->text(5)});
  }
  return entries;
}

void BreakthroughRepository::add_ledger(std::int64_t year, std::int64_t team_id, std::int64_t breakthrough_id,
                                        const std::string& kind, std::int64_t amount_cents, const std::string& at,
                                        std::int64_t by) {
  exec(connection_,
       "INSERT INTO budget_ledger (year, team_id, breakthrough_id, kind, amount_cents, at, by_user) "
       "VALUES (?, ?, ?, ?, ?, ?, ?)",
       year, team_id, breakthrough_id, kind, amount_cents, at, by);
}

std::optional<BreakthroughRepository::LedgerScope> BreakthroughRepository::commitment_of(std::int64_t breakthrough_id) {
  auto row = query(connection_,
                   "SELECT year, team_id FROM budget_ledger WHERE breakthrough_id = ? AND kind = 'commit' "
                   "ORDER BY id LIMIT 1",
                   breakthrough_id);
  if (!row->step()) return std::nullopt;
  return LedgerScope{row->int64(0), row->int64(1)};
}

}  // namespace gezicht::storage
