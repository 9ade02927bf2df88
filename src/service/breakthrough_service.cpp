#include "service/breakthrough_service.hpp"

#include <algorithm>
#include <stdexcept>

#include "domain/calendar.hpp"
#include "domain/period.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"
#include "service/equity_settings.hpp"
#include "service/errors.hpp"
#include "storage/directory_repository.hpp"
#include "storage/household_repository.hpp"
#include "storage/settings_keys.hpp"

namespace gezicht::service {
namespace {

constexpr int list_limit = 50;  // a page of a queue; the open ones come first
constexpr std::int64_t day_seconds = 86400;

bool is_member(const Actor& actor) { return actor.access_role == domain::Role::breakthrough_member; }
bool is_teamlead(const Actor& actor) { return actor.access_role == domain::Role::teamlead; }

domain::BreakthroughState state_of(const storage::BreakthroughRow& row) {
  const auto state = domain::parse_breakthrough_state(row.state);
  if (!state) throw std::runtime_error("a stored breakthrough state is unknown: " + row.state);
  return *state;
}

domain::Date deadline_of(const storage::BreakthroughRow& row) {
  const auto date = domain::parse_date(row.deadline);
  if (!date) throw std::runtime_error("a stored breakthrough deadline is unreadable: " + row.deadline);
  return *date;
}

std::vector<domain::Vote> domain_votes(const std::vector<storage::VoteRow>& rows) {
  std::vector<domain::Vote> votes;
  for (const auto& row : rows) {
    const auto verdict = domain::parse_verdict(row.verdict);
    if (!verdict) throw std::runtime_error("a stored vote is unknown: " + row.verdict);
    votes.push_back({row.member_id, *verdict, row.reasoning, row.alternative, row.amount_cents});
  }
  return votes;
}

NotFound not_found(std::int64_t id) {
  return NotFound("breakthrough.not_found", "breakthrough " + std::to_string(id) + " is not one the viewer may see");
}

// The request, locked for the rest of the transaction (PostgreSQL).
storage::BreakthroughRow locked(storage::BreakthroughRepository& repository, std::int64_t id) {
  repository.lock(id);
  auto row = repository.find(id);
  if (!row) throw not_found(id);
  return std::move(*row);
}

Conflict refused(const domain::DecisionRefused& refusal) {
  return Conflict("breakthrough." + refusal.rule(), refusal.what());
}

std::int64_t setting_number(const std::map<std::string, std::string>& settings, const char* key,
                            std::int64_t fallback) {
  const auto found = settings.find(key);
  if (found == settings.end()) return fallback;
  try {
    return std::stoll(found->second);
  } catch (const std::exception&) {
    throw std::runtime_error(std::string("the setting ") + key + " is not a number: " + found->second);
  }
}

}  // namespace

BreakthroughService::Settings BreakthroughService::settings(storage::Connection& connection) const {
  const auto stored = storage::DirectoryRepository(connection).load_settings();
  Settings result;
  result.deadlines.urgent_working_days =
      static_cast<int>(setting_number(stored, storage::settings_keys::breakthrough_urgent_days, 1));
  result.deadlines.normal_working_days =
      static_cast<int>(setting_number(stored, storage::settings_keys::breakthrough_normal_days, 5));
  result.two_member_cents = setting_number(stored, storage::settings_keys::breakthrough_two_member_cents, 500000);
  return result;
}

std::int64_t BreakthroughService::budget_team(storage::BreakthroughRepository& repository, std::int64_t year,
                                              const std::optional<std::int64_t>& team_id) const {
  if (team_id && repository.budget(year, *team_id)) return *team_id;
  return 0;
}

BreakthroughSummary BreakthroughService::summarise(const storage::BreakthroughRepository::SummaryRow& row) const {
  const auto state = domain::parse_breakthrough_state(row.state);
  const auto deadline = domain::parse_date(row.deadline);
  if (!state || !deadline) throw std::runtime_error("a stored breakthrough is unreadable: " + std::to_string(row.id));
  BreakthroughSummary summary;
  summary.id = row.id;
  summary.category_name = row.category_name;
  summary.urgency = row.urgency;
  summary.state = row.state;
  summary.deadline = row.deadline;
  summary.overdue = domain::is_overdue(*state, *deadline, clock_.now());
  summary.asked_at = row.asked_at;
  summary.requester_name = row.requester_name;
  summary.proposal_cents = domain::proposal_cents(row.one_off_cents, row.monthly_cents);
  summary.granted_cents = row.granted_cents;
  return summary;
}

std::vector<storage::BreakthroughCategoryRow> BreakthroughService::categories(storage::Connection& connection) {
  std::vector<storage::BreakthroughCategoryRow> active;
  for (auto& category : storage::BreakthroughRepository(connection).categories()) {
    if (category.active) active.push_back(std::move(category));
  }
  return active;
}

void BreakthroughService::check_works_with(storage::Connection& connection, const Actor& actor,
                                           std::int64_t household_id) const {
  storage::HouseholdRepository households(connection);
  const auto household = households.find(household_id);
  const bool fixed_contact = household && household->fixed_contact_id == actor.user_id;
  if (!household || (!fixed_contact && !households.involved_id_of_user(household_id, actor.user_id))) {
    throw NotFound("household.not_found", "household " + std::to_string(household_id) + " is not one that user " +
                                              std::to_string(actor.user_id) + " works with");
  }
}

BreakthroughService::AskForm BreakthroughService::ask_form(storage::Connection& connection, const Actor& actor,
                                                           std::int64_t household_id) {
  check_works_with(connection, actor, household_id);
  storage::BreakthroughRepository repository(connection);
  AskForm form;
  form.categories = categories(connection);
  const auto domains = repository.active_domains(household_id);
  form.muddling = domain::muddling_cost(domains, repository.involvement_costs());
  form.faces = static_cast<std::int64_t>(domains.size());
  form.contacts = repository.contacts_since(household_id, domain::format_timestamp(clock_.now() - 365 * day_seconds));
  audit_.record_later(actor, {household_id, "summary", "read", "allowed", "breakthrough_requester"});
  return form;
}

AskResult BreakthroughService::ask(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                   const domain::BreakthroughInput& input) {
  const std::int64_t now = clock_.now();
  storage::Transaction transaction(connection);
  storage::BreakthroughRepository repository(connection);
  check_works_with(connection, actor, household_id);
  std::vector<std::string> category_keys;
  for (const auto& category : repository.categories()) {
    if (category.active) category_keys.push_back(category.key);
  }
  domain::validate_breakthrough(input, category_keys);
  const auto urgency = *domain::parse_urgency(input.urgency);
  const auto rules = settings(connection);
  const auto domains = repository.active_domains(household_id);
  const auto muddling = domain::muddling_cost(domains, repository.involvement_costs());

  storage::BreakthroughRow row;
  row.household_id = household_id;
  row.team_id = actor.team_id;
  row.requested_by = actor.user_id;
  row.asked_at = domain::format_timestamp(now);
  row.urgency = domain::to_string(urgency);
  row.deadline = domain::format_date(domain::breakthrough_deadline(now, urgency, rules.deadlines));
  row.stuck_resident = std::string(domain::trim_view(input.stuck_resident));
  row.stuck_professional = std::string(domain::trim_view(input.stuck_professional));
  row.category = input.category;
  row.blocking_rule = std::string(domain::trim_view(input.blocking_rule));
  row.rule_purpose = std::string(domain::trim_view(input.rule_purpose));
  row.professional_judgement = std::string(domain::trim_view(input.professional_judgement));
  row.resident_wish = std::string(domain::trim_view(input.resident_wish));
  row.proposal = std::string(domain::trim_view(input.proposal));
  row.one_off_cents = *input.one_off_cents;
  row.monthly_cents = *input.monthly_cents;
  row.muddling_yearly_cents = muddling.yearly_cents;
  row.muddling_faces = static_cast<std::int64_t>(domains.size());
  row.muddling_contacts = repository.contacts_since(household_id, domain::format_timestamp(now - 365 * day_seconds));
  const auto id = repository.add(row);
  audit_.record_in(connection, actor, {household_id, "breakthrough", "create", "allowed", "breakthrough_requester"});
  transaction.commit();
  return {id, "submitted", row.deadline};
}

std::vector<BreakthroughSummary> BreakthroughService::list(storage::Connection& connection, const Actor& actor,
                                                           const std::optional<std::string>& state) {
  if (state && !domain::parse_breakthrough_state(*state)) throw domain::ValidationError("state", "state.invalid");
  storage::BreakthroughRepository repository(connection);
  const bool everyone = is_member(actor) || is_teamlead(actor);
  const auto rows = !everyone ? repository.of_requester(actor.user_id, list_limit)
                    : state   ? repository.in_state(*state, list_limit)
                              : repository.queue(list_limit);
  std::vector<BreakthroughSummary> summaries;
  for (const auto& row : rows) {
    if (state && row.state != *state) continue;  // a requester's own, in one state
    summaries.push_back(summarise(row));
  }
  return summaries;
}

BreakthroughDetail BreakthroughService::get(storage::Connection& connection, const Actor& actor, std::int64_t id) {
  storage::BreakthroughRepository repository(connection);
  auto row = repository.find(id);
  if (!row || (!is_member(actor) && row->requested_by != actor.user_id)) throw not_found(id);
  const auto state = state_of(*row);
  BreakthroughDetail detail;
  detail.overdue = domain::is_overdue(state, deadline_of(*row), clock_.now());
  detail.votes = repository.votes(id);
  detail.escalations = repository.escalations(id);
  detail.two_member_cents = settings(connection).two_member_cents;
  const bool voted = std::any_of(detail.votes.begin(), detail.votes.end(),
                                 [&](const storage::VoteRow& vote) { return vote.member_id == actor.user_id; });
  const bool own = row->requested_by == actor.user_id;
  detail.may_review = is_member(actor) && !own && state == domain::BreakthroughState::submitted;
  detail.may_vote = is_member(actor) && !own && domain::is_open(state) && !voted;
  detail.may_withdraw = own && domain::is_open(state);
  detail.may_execute = is_member(actor) && state == domain::BreakthroughState::granted;
  audit_.record_later(actor, {row->household_id, "breakthrough", "read", "allowed",
                              own ? "breakthrough_requester" : "breakthrough_member"});
  detail.request = std::move(*row);
  return detail;
}

void BreakthroughService::review(storage::Connection& connection, const Actor& actor, std::int64_t id) {
  if (!is_member(actor)) throw Forbidden("access.breakthrough_member_only", "only members take a request in");
  storage::Transaction transaction(connection);
  storage::BreakthroughRepository repository(connection);
  const auto row = locked(repository, id);
  try {
    domain::check_may_vote(state_of(row), row.requested_by, actor.user_id, {});
  } catch (const domain::DecisionRefused& refusal) {
    throw refused(refusal);
  }
  if (!repository.start_review(id, actor.user_id, domain::format_timestamp(clock_.now()))) {
    throw Conflict("breakthrough.in_review", "breakthrough " + std::to_string(id) + " was taken in already");
  }
  audit_.record_in(connection, actor, {row.household_id, "breakthrough", "change", "allowed", "breakthrough_member"});
  transaction.commit();
}

std::string BreakthroughService::decide(storage::Connection& connection, const Actor& actor, std::int64_t id,
                                        const domain::Vote& proposed) {
  if (!is_member(actor)) throw Forbidden("access.breakthrough_member_only", "only members decide");
  const std::int64_t now = clock_.now();
  const auto at = domain::format_timestamp(now);
  storage::Transaction transaction(connection);
  storage::BreakthroughRepository repository(connection);
  const auto row = locked(repository, id);
  auto votes = domain_votes(repository.votes(id));
  try {
    domain::check_may_vote(state_of(row), row.requested_by, actor.user_id, votes);
  } catch (const domain::DecisionRefused& refusal) {
    throw refused(refusal);
  }
  domain::Vote vote = proposed;
  vote.member_id = actor.user_id;
  vote.reasoning = std::string(domain::trim_view(vote.reasoning));
  vote.alternative = std::string(domain::trim_view(vote.alternative));
  if (vote.verdict == domain::Verdict::rejected) vote.amount_cents.reset();
  domain::validate_vote(vote);
  repository.add_vote(id, {actor.user_id, actor.name, domain::to_string(vote.verdict), vote.reasoning, vote.alternative,
                           vote.amount_cents, at});
  votes.push_back(vote);
  const auto rules = settings(connection);
  const auto decision =
      domain::decision_of(votes, domain::proposal_cents(row.one_off_cents, row.monthly_cents), rules.two_member_cents);
  std::string outcome = "in_review";
  if (!decision) {
    repository.start_review(id, actor.user_id, at);  // the first of two: in behandeling
  } else if (decision->verdict == domain::Verdict::rejected) {
    repository.decide(id, "rejected", at, std::nullopt);
    outcome = "rejected";
  } else {
    const std::int64_t year = domain::amsterdam_date(now).year;
    const auto team = budget_team(repository, year, row.team_id);
    repository.lock_budget(year, team);
    if (decision->amount_cents > 0) {
      std::vector<domain::LedgerEntry> entries;
      for (const auto& entry : repository.ledger(year, team)) {
        entries.push_back({*domain::parse_ledger_kind(entry.kind), entry.amount_cents});
      }
      const auto position = domain::budget_position(repository.budget(year, team).value_or(0), entries);
      std::optional<std::int64_t> mandate;
      for (const auto& escalation : repository.escalations(id)) {
        mandate = std::max(mandate.value_or(0), escalation.amount_cents);
      }
      if (!domain::grant_fits(position, decision->amount_cents, mandate)) {
        throw Conflict("budget.exceeded", "a grant of " + std::to_string(decision->amount_cents) +
                                              " cents exceeds the balance of " +
                                              std::to_string(position.balance_cents) + " without a mandate");
      }
      repository.add_ledger(year, team, id, "commit", decision->amount_cents, at, actor.user_id);
    }
    repository.decide(id, "granted", at, decision->amount_cents);
    outcome = "granted";
  }
  audit_.record_in(connection, actor, {row.household_id, "breakthrough", "change", "allowed", "breakthrough_member"});
  transaction.commit();
  return outcome;
}

void BreakthroughService::withdraw(storage::Connection& connection, const Actor& actor, std::int64_t id) {
  storage::Transaction transaction(connection);
  storage::BreakthroughRepository repository(connection);
  repository.lock(id);
  const auto row = repository.find(id);
  if (!row || (!is_member(actor) && row->requested_by != actor.user_id)) throw not_found(id);
  try {
    domain::check_may_withdraw(state_of(*row), row->requested_by, actor.user_id);
  } catch (const domain::DecisionRefused& refusal) {
    throw refused(refusal);
  }
  repository.withdraw(id, domain::format_timestamp(clock_.now()));
  audit_.record_in(connection, actor,
                   {row->household_id, "breakthrough", "change", "allowed", "breakthrough_requester"});
  transaction.commit();
}

void BreakthroughService::execute(storage::Connection& connection, const Actor& actor, std::int64_t id,
                                  std::optional<std::int64_t> actual_cents) {
  if (!is_member(actor)) throw Forbidden("access.breakthrough_member_only", "only members record the execution");
  if (!actual_cents) throw domain::ValidationError("actual_cents", "actual_cents.required");
  if (*actual_cents < 0) throw domain::ValidationError("actual_cents", "actual_cents.negative");
  const std::int64_t now = clock_.now();
  const auto at = domain::format_timestamp(now);
  storage::Transaction transaction(connection);
  storage::BreakthroughRepository repository(connection);
  const auto row = locked(repository, id);
  try {
    domain::check_may_execute(state_of(row));
  } catch (const domain::DecisionRefused& refusal) {
    throw refused(refusal);
  }
  // The commitment is released where it was made; the spending counts then.
  const auto commitment = repository.commitment_of(id);
  const std::int64_t year = commitment ? commitment->year : domain::amsterdam_date(now).year;
  const std::int64_t team = commitment ? commitment->team_id : budget_team(repository, year, row.team_id);
  repository.lock_budget(year, team);
  if (commitment && row.granted_cents.value_or(0) > 0) {
    repository.add_ledger(year, team, id, "release", *row.granted_cents, at, actor.user_id);
  }
  if (*actual_cents > 0) repository.add_ledger(year, team, id, "spend", *actual_cents, at, actor.user_id);
  repository.execute(id, at, *actual_cents);
  audit_.record_in(connection, actor, {row.household_id, "breakthrough", "change", "allowed", "breakthrough_member"});
  transaction.commit();
}

void BreakthroughService::escalate(storage::Connection& connection, const Actor& actor, std::int64_t id,
                                   std::optional<std::int64_t> amount_cents, const std::string& reasoning) {
  if (!is_teamlead(actor)) throw Forbidden("access.teamlead_only", "a mandate past the budget is the team lead's");
  std::vector<domain::FieldError> errors;
  if (!amount_cents) errors.push_back({"amount_cents", "amount_cents.required"});
  if (amount_cents && *amount_cents < 0) errors.push_back({"amount_cents", "amount_cents.negative"});
  if (domain::trim_view(reasoning).empty()) errors.push_back({"reasoning", "reasoning.required"});
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));
  storage::Transaction transaction(connection);
  storage::BreakthroughRepository repository(connection);
  const auto row = locked(repository, id);
  if (!domain::is_open(state_of(row))) {
    throw Conflict("breakthrough.decided", "breakthrough " + std::to_string(id) + " is " + row.state);
  }
  repository.add_escalation(id, *amount_cents, std::string(domain::trim_view(reasoning)), actor.user_id,
                            domain::format_timestamp(clock_.now()));
  // The team lead sees amounts, not the case: no household read, one change.
  audit_.record_in(connection, actor,
                   {row.household_id, "breakthrough", "change", "allowed", "breakthrough_team_lead"});
  transaction.commit();
}

BreakthroughPolicyReport BreakthroughService::report(storage::Connection& connection, const std::string& from,
                                                     const std::string& to) {
  const int min_group = equity_settings(connection).min_group;  // the municipality's smallest group
  const auto period = domain::amsterdam_day_period(from, to);
  storage::BreakthroughRepository repository(connection);
  const auto facts =
      repository.facts_between(domain::format_timestamp(period.start), domain::format_timestamp(period.end));
  BreakthroughPolicyReport result;
  result.from = from;
  result.to = to;
  result.min_group = min_group;
  result.figures = domain::breakthrough_report(facts, min_group);
  for (const auto& category : repository.categories()) result.category_names[category.key] = category.name;
  return result;
}

BudgetView BreakthroughService::budget(storage::Connection& connection, std::int64_t year) {
  if (year < 2000 || year > 2200) throw domain::ValidationError("year", "year.invalid");
  storage::BreakthroughRepository repository(connection);
  BudgetView view;
  view.year = year;
  view.team_id = 0;
  view.entries = repository.ledger(year, 0);
  std::vector<domain::LedgerEntry> entries;
  for (const auto& entry : view.entries)
    entries.push_back({*domain::parse_ledger_kind(entry.kind), entry.amount_cents});
  view.position = domain::budget_position(repository.budget(year, 0).value_or(0), entries);
  return view;
}

}  // namespace gezicht::service
