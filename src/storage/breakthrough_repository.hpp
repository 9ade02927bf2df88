#pragma once
// Breakthrough requests, the members' votes, mandates past the budget, the
// budget per year and its append-only ledger (migration 021).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/breakthrough_report.hpp"
#include "storage/database.hpp"

namespace gezicht::storage {

struct BreakthroughCategoryRow {
  std::string key;
  std::string name;
  bool active = true;
};

struct BreakthroughRow {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::optional<std::int64_t> team_id;
  std::int64_t requested_by = 0;
  std::string requester_name;  // read with the row
  std::string asked_at;
  std::string urgency;
  std::string deadline;
  std::string stuck_resident;
  std::string stuck_professional;
  std::string category;
  std::string category_name;  // read with the row
  std::string blocking_rule;
  std::string rule_purpose;
  std::string professional_judgement;
  std::string resident_wish;
  std::string proposal;
  std::int64_t one_off_cents = 0;
  std::int64_t monthly_cents = 0;
  std::int64_t muddling_yearly_cents = 0;
  std::int64_t muddling_faces = 0;
  std::int64_t muddling_contacts = 0;
  std::string state;
  std::optional<std::int64_t> review_by;
  std::optional<std::string> review_at;
  std::optional<std::string> decided_at;
  std::optional<std::int64_t> granted_cents;
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> executed_at;
  std::optional<std::int64_t> actual_cents;
};

struct VoteRow {
  std::int64_t member_id = 0;
  std::string member_name;
  std::string verdict;
  std::string reasoning;
  std::string alternative;
  std::optional<std::int64_t> amount_cents;
  std::string at;
};

struct EscalationRow {
  std::int64_t amount_cents = 0;
  std::string reasoning;
  std::string given_by_name;
  std::string given_at;
};

struct LedgerRow {
  std::int64_t id = 0;
  std::int64_t breakthrough_id = 0;
  std::string kind;
  std::int64_t amount_cents = 0;
  std::string at;
  std::string by_name;
};

class BreakthroughRepository {
 public:
  explicit BreakthroughRepository(Connection& connection) : connection_(connection) {}

  std::vector<BreakthroughCategoryRow> categories();
  // Adds a category, or renames it and switches it on or off (requests keep theirs).
  void set_category(const BreakthroughCategoryRow& category);
  std::map<std::string, std::int64_t> involvement_costs();
  void set_involvement_cost(const std::string& domain, std::int64_t yearly_cents);
  // The active involvements' domains and the contacts since `since`.
  std::vector<std::string> active_domains(std::int64_t household_id);
  std::int64_t contacts_since(std::int64_t household_id, const std::string& since);

  std::int64_t add(const BreakthroughRow& row);
  std::optional<BreakthroughRow> find(std::int64_t id);
  // PostgreSQL: the row stays locked until the transaction ends (a vote, a
  // withdrawal and an execution at once see one another).
  void lock(std::int64_t id);
  // A request in a list: no case text.
  struct SummaryRow {
    std::int64_t id = 0;
    std::string category_name;
    std::string urgency;
    std::string state;
    std::string deadline;
    std::string asked_at;
    std::string requester_name;
    std::int64_t one_off_cents = 0;
    std::int64_t monthly_cents = 0;
    std::optional<std::int64_t> granted_cents;
  };
  // Open requests, the earliest deadline (so the overdue) first, then the
  // newest decided ones; `limit` rows in all.
  std::vector<SummaryRow> queue(int limit);
  std::vector<SummaryRow> of_requester(std::int64_t user_id, int limit);
  // In one state: the open ones by deadline, the others the newest first.
  std::vector<SummaryRow> in_state(const std::string& state, int limit);
  // What the household's residents see (id, state, deadline), the newest
  // first, in two steps to run with the portal's other reads (run_together).
  struct ResidentRow {
    std::int64_t id = 0;
    std::string state;
    std::string deadline;
  };
  std::unique_ptr<Statement> query_for_residents(std::int64_t household_id);
  static std::vector<ResidentRow> read_for_residents(Statement& rows);
  // What the policy report needs of each request asked in [from, to) (UTC
  // timestamps): no household, no names, no case text but the rule named.
  std::vector<domain::BreakthroughFact> facts_between(const std::string& from, const std::string& to);

  // Each a conditional update: false when the state had moved on already.
  bool start_review(std::int64_t id, std::int64_t member_id, const std::string& at);
  bool decide(std::int64_t id, const std::string& state, const std::string& at,
              std::optional<std::int64_t> granted_cents);
  bool withdraw(std::int64_t id, const std::string& at);
  bool execute(std::int64_t id, const std::string& at, std::int64_t actual_cents);

  std::vector<VoteRow> votes(std::int64_t id);
  void add_vote(std::int64_t id, const VoteRow& vote);

  std::vector<EscalationRow> escalations(std::int64_t id);
  void add_escalation(std::int64_t id, std::int64_t amount_cents, const std::string& reasoning, std::int64_t by,
                      const std::string& at);

  // The budget of a year for a team (0: the municipality's).
  std::optional<std::int64_t> budget(std::int64_t year, std::int64_t team_id);
  void set_budget(std::int64_t year, std::int64_t team_id, std::int64_t amount_cents);
  // PostgreSQL: locks the budget's row until the transaction ends, so two
  // grants at once are counted one after the other (SQLite's writers are
  // one at a time already: BEGIN IMMEDIATE).
  void lock_budget(std::int64_t year, std::int64_t team_id);
  std::vector<LedgerRow> ledger(std::int64_t year, std::int64_t team_id);
  void add_ledger(std::int64_t year, std::int64_t team_id, std::int64_t breakthrough_id, const std::string& kind,
                  std::int64_t amount_cents, const std::string& at, std::int64_t by);
  // The year and team a request's grant was committed on, if it was.
  struct LedgerScope {
    std::int64_t year = 0;
    std::int64_t team_id = 0;
  };
  std::optional<LedgerScope> commitment_of(std::int64_t breakthrough_id);

 private:
  std::vector<BreakthroughRow> read_rows(Statement& rows);
  static std::vector<SummaryRow> read_summaries(Statement& rows);
  Connection& connection_;
};

}  // namespace gezicht::storage
