#pragma once
// Breakthrough (doorbraak): the household's fixed contact or an involved
// professional asks; the mandated team (role breakthrough_member) decides
// within the deadline, with the budget; a team lead gives the mandate to go
// past what is left. Need to know: members read the request, not the
// household's record; a requester reads their own; team leads see
// overviews without case content. Every read of a request is in the trail
// with its household, so the residents see it in their access log.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/breakthrough.hpp"
#include "domain/breakthrough_report.hpp"
#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "storage/breakthrough_repository.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct BreakthroughSummary {  // no case content: for queues and overviews
  std::int64_t id = 0;
  std::string category_name;
  std::string urgency;
  std::string state;
  std::string deadline;
  bool overdue = false;
  std::string asked_at;
  std::string requester_name;
  std::int64_t proposal_cents = 0;
  std::optional<std::int64_t> granted_cents;
};

struct BreakthroughDetail {
  storage::BreakthroughRow request;
  bool overdue = false;
  std::vector<storage::VoteRow> votes;
  std::vector<storage::EscalationRow> escalations;
  std::int64_t two_member_cents = 0;
  // What the viewer may do now.
  bool may_review = false;
  bool may_vote = false;
  bool may_withdraw = false;
  bool may_execute = false;
};

struct AskResult {
  std::int64_t id = 0;
  std::string state;
  std::string deadline;
};

struct BudgetView {
  std::int64_t year = 0;
  std::int64_t team_id = 0;  // 0: the municipality's
  domain::BudgetPosition position;
  std::vector<storage::LedgerRow> entries;
};

// Signals to policy over the requests asked in a period: no household, no
// name, no group of fewer than `min_group` requests (domain::breakthrough_report; the
// municipality's dashboard_min_group, service/equity_settings.hpp).
struct BreakthroughPolicyReport {
  std::string from;  // first day, YYYY-MM-DD
  std::string to;    // last day
  int min_group = 10;
  domain::BreakthroughReport figures;
  std::map<std::string, std::string> category_names;  // key -> the municipality's name
};

class BreakthroughService {
 public:
  BreakthroughService(const Clock& clock, AuditTrail& audit) : clock_(clock), audit_(audit) {}

  // The form's list of blockages (active ones).
  std::vector<storage::BreakthroughCategoryRow> categories(storage::Connection& connection);
  // What the form shows before asking: the blockages and what muddling
  // through costs now. NotFound as for ask. One read in the trail.
  struct AskForm {
    std::vector<storage::BreakthroughCategoryRow> categories;
    domain::MuddlingCost muddling;
    std::int64_t faces = 0;
    std::int64_t contacts = 0;  // the last 12 months
  };
  AskForm ask_form(storage::Connection& connection, const Actor& actor, std::int64_t household_id);
  // The household's fixed contact or an active involved professional asks;
  // NotFound for anyone else (as for a household that does not exist).
  AskResult ask(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                const domain::BreakthroughInput& input);
  // Members: the queue (open first, the earliest deadline first); team
  // leads: the same without content; others: their own requests.
  std::vector<BreakthroughSummary> list(storage::Connection& connection, const Actor& actor,
                                        const std::optional<std::string>& state);
  // A member or the requester: the request; NotFound for anyone else.
  BreakthroughDetail get(storage::Connection& connection, const Actor& actor, std::int64_t id);
  // A member takes a submitted request in (in behandeling).
  void review(storage::Connection& connection, const Actor& actor, std::int64_t id);
  // A member's decision. Conflict("breakthrough.own_request" | ".decided" |
  // ".voted" | "budget.exceeded"); ValidationError for the vote.
  std::string decide(storage::Connection& connection, const Actor& actor, std::int64_t id, const domain::Vote& vote);
  void withdraw(storage::Connection& connection, const Actor& actor, std::int64_t id);
  void execute(storage::Connection& connection, const Actor& actor, std::int64_t id,
               std::optional<std::int64_t> actual_cents);
  // A team lead's mandate to grant past what is left, up to amount_cents.
  void escalate(storage::Connection& connection, const Actor& actor, std::int64_t id,
                std::optional<std::int64_t> amount_cents, const std::string& reasoning);
  // The requests asked from `from` to `to` (days in Amsterdam, both
  // included); ValidationError("from"/"to") for a date that is not one or a
  // period that runs backwards or spans more than 5 years.
  BreakthroughPolicyReport report(storage::Connection& connection, const std::string& from, const std::string& to);
  // The municipality's budget of a year: no personal data, so everyone who
  // may ask sees what is left.
  BudgetView budget(storage::Connection& connection, std::int64_t year);

 private:
  struct Settings {
    domain::DeadlineRule deadlines;
    std::int64_t two_member_cents = 500000;
  };
  Settings settings(storage::Connection& connection) const;
  // The budget a request's grant is counted on: its team's row for the year
  // when the municipality split it, else the municipality's.
  std::int64_t budget_team(storage::BreakthroughRepository& repository, std::int64_t year,
                           const std::optional<std::int64_t>& team_id) const;
  BreakthroughSummary summarise(const storage::BreakthroughRepository::SummaryRow& row) const;
  // NotFound unless the actor is the household's fixed contact or involved in it (live rows).
  void check_works_with(storage::Connection& connection, const Actor& actor, std::int64_t household_id) const;
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace gezicht::service
