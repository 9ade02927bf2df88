#include "service/dashboard_service.hpp"

#include <map>
#include <set>

#include "domain/calendar.hpp"
#include "domain/experience.hpp"
#include "domain/period.hpp"
#include "domain/validation_error.hpp"
#include "service/equity_settings.hpp"
#include "service/errors.hpp"
#include "storage/dashboard_repository.hpp"
#include "storage/directory_repository.hpp"

namespace gezicht::service {
namespace {

constexpr std::int64_t day_seconds = 86400;
constexpr int default_period_days = 91;

std::int64_t seconds_of(const std::string& timestamp) {
  const auto parsed = domain::parse_timestamp(timestamp);
  if (!parsed) throw std::logic_error("a stored time that is not one: " + timestamp);
  return *parsed;
}

// The period's days in Amsterdam: from the first midnight to the one after the last day.
struct Period {
  std::string from;
  std::string to;
  std::int64_t start = 0;
  std::int64_t end = 0;
};

Period period_of(const std::string& from_text, const std::string& to_text, std::int64_t now) {
  const auto today = domain::amsterdam_date(now);
  const std::string to = to_text.empty() ? domain::format_date(today) : to_text;
  const std::string from =
      from_text.empty()
          ? domain::format_date(domain::date_from_days(domain::days_since_epoch(today) - default_period_days + 1))
          : from_text;
  const auto days = domain::amsterdam_day_period(from, to);
  return {from, to, days.start, days.end};
}

std::vector<std::pair<std::string, std::string>> parse_answers(const std::string& answers) {
  std::vector<std::pair<std::string, std::string>> list;
  std::size_t start = 0;
  while (start < answers.size()) {
    auto comma = answers.find(',', start);
    if (comma == std::string::npos) comma = answers.size();
    const auto pair = answers.substr(start, comma - start);
    const auto equals = pair.find('=');
    if (equals != std::string::npos) list.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
    start = comma + 1;
  }
  return list;
}

bool is_team_lead(const Actor& actor) { return actor.access_role == domain::Role::teamlead; }

}  // namespace

domain::DashboardFacts DashboardService::facts(storage::Connection& connection, std::int64_t start, std::int64_t end,
                                               std::optional<std::int64_t> only_contact) {
  storage::DashboardRepository repository(connection);
  const auto snapshot = directory_.snapshot();
  const std::string from = domain::format_timestamp(start);
  const std::string to = domain::format_timestamp(end);
  domain::DashboardFacts facts;
  facts.period_start = start;
  facts.period_end = end;
  facts.today = domain::format_date(domain::amsterdam_date(clock_.now()));

  std::map<std::int64_t, std::vector<domain::Contact>> contacts;
  for (const auto& row : repository.contacts(from, to)) {
    contacts[row.household_id].push_back({seconds_of(row.at), row.involved_id});
  }
  const auto changes = repository.changes(domain::format_timestamp(end - 365 * day_seconds), to);
  const auto referrals = repository.referrals(from, to);
  const auto breakthroughs = repository.breakthroughs(from, to);
  const auto asked_list = repository.asked_another_contact(from, to);
  const std::set<std::int64_t> asked(asked_list.begin(), asked_list.end());

  std::vector<std::int64_t> ids;
  for (const auto& [id, list] : contacts) ids.push_back(id);
  for (const auto& row : referrals) {
    if (row.household_id) ids.push_back(*row.household_id);
  }
  for (const auto& row : changes) ids.push_back(row.household_id);
  for (const auto& row : breakthroughs) ids.push_back(row.household_id);
  const auto households = repository.household_groups(ids);
  const int year = domain::amsterdam_date(end - 1).year;

  const auto neighbourhood_of = [&](const std::string& postcode, domain::Groups& groups) -> std::int64_t {
    const auto* neighbourhood = snapshot->directory.neighbourhood_for(postcode);
    if (!neighbourhood) return 0;
    groups.neighbourhood = neighbourhood->name;
    return neighbourhood->team_id;
  };
  struct Known {
    domain::Groups groups;
    std::int64_t team_id = 0;
  };
  std::map<std::int64_t, Known> known;
  for (const auto& [id, row] : households) {
    Known entry;
    entry.team_id = neighbourhood_of(row.postcode, entry.groups);
    entry.groups.language = row.preferred_language;
    entry.groups.age_band = domain::age_band(row.first_adult_birth_year, year);
    entry.groups.household_type = domain::household_type(row.adults, row.children);
    if (row.background) entry.groups.background = *row.background;
    known[id] = entry;
  }

  std::map<std::int64_t, int> changes_in_year;
  for (const auto& change : changes) {
    ++changes_in_year[change.household_id];
    if (seconds_of(change.changed_at) < start) continue;
    const auto& household = known[change.household_id];
    if (only_contact && change.from_user_id != only_contact) continue;
    facts.handovers.push_back({household.team_id, change.from_user_id.value_or(0), household.groups, change.warm});
  }
  for (auto& [id, list] : contacts) {
    const auto found = households.find(id);
    if (found == households.end()) continue;
    if (only_contact && found->second.fixed_contact_id != *only_contact) continue;
    domain::HouseholdFact fact;
    fact.id = id;
    fact.team_id = known[id].team_id;
    fact.fixed_contact_id = found->second.fixed_contact_id;
    fact.groups = known[id].groups;
    fact.plan_confirmed = found->second.plan_confirmed;
    fact.contacts = std::move(list);
    fact.fixed_contact_changes_in_year = changes_in_year[id];
    fact.asked_another_contact = asked.contains(id);
    facts.households.push_back(std::move(fact));
  }
  for (const auto& row : referrals) {
    if (only_contact && row.contact_id != *only_contact) continue;
    domain::ReferralFact fact;
    fact.team_id = row.team_id;
    fact.contact_id = row.contact_id;
    if (row.household_id) fact.groups = known[*row.household_id].groups;
    neighbourhood_of(row.postcode, fact.groups);
    fact.groups.language = row.language;
    if (row.background) fact.groups.background = *row.background;
    fact.created_at = seconds_of(row.created_at);
    fact.promised_by = row.promised_by;
    if (row.first_contact_at) {
      fact.first_contact_at = seconds_of(*row.first_contact_at);
      fact.first_contact_day = domain::format_date(domain::amsterdam_date(*fact.first_contact_at));
    }
    fact.arrived_via = row.arrived_via;
    facts.referrals.push_back(std::move(fact));
  }
  if (!only_contact) {
    for (const auto& row : breakthroughs) {
      const auto& household = known[row.household_id];
      domain::BreakthroughFigureFact fact;
      fact.team_id = household.team_id;
      fact.groups = household.groups;
      fact.asked_at = seconds_of(row.asked_at);
      const bool decided = row.state == "granted" || row.state == "rejected" || row.state == "executed";
      if (decided && row.decided_at) fact.decided_at = seconds_of(*row.decided_at);
      fact.granted = row.state == "granted" || row.state == "executed";
      fact.spend_cents = row.spend_cents;
      facts.breakthroughs.push_back(std::move(fact));
    }
    for (const auto& row : repository.caseloads()) {
      facts.caseloads.push_back({row.user_id, row.team_id, row.households, row.cap});
    }
    for (const auto& row : repository.outreach(from, to, domain::format_timestamp(clock_.now()))) {
      facts.outreach.push_back({row.team_id, seconds_of(row.ends_at) - seconds_of(row.starts_at), row.residents_met});
    }
  }
  // Answers are kept per quarter: those of every quarter the period touches.
  const auto first_quarter = domain::quarter_of(domain::format_date(domain::amsterdam_date(start)));
  const auto last_quarter = domain::quarter_of(domain::format_date(domain::amsterdam_date(end - 1)));
  for (const auto& row : repository.experience(first_quarter, last_quarter)) {
    facts.experience.push_back({row.team_id, parse_answers(row.answers)});
  }
  return facts;
}

DashboardView DashboardService::dashboard(storage::Connection& connection, const Actor& actor,
                                          const DashboardQuery& query) {
  const auto period = period_of(query.from, query.to, clock_.now());
  const auto split = query.split.empty() ? std::optional(domain::Split::none) : domain::parse_split(query.split);
  if (!split) throw domain::ValidationError("split", "split.invalid");
  const auto snapshot = directory_.snapshot();
  DashboardView view;
  view.from = period.from;
  view.to = period.to;
  view.may_see_all = !is_team_lead(actor);
  for (const auto& team : snapshot->directory.teams) {
    if (!is_team_lead(actor) || team.id == actor.team_id) view.teams.push_back({team.id, team.name});
  }
  std::optional<std::int64_t> team;
  if (!query.team.empty()) {
    std::int64_t id = 0;
    try {
      std::size_t used = 0;
      id = std::stoll(query.team, &used);
      if (used != query.team.size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      throw domain::ValidationError("team", "team.unknown");
    }
    const auto* found = snapshot->directory.team(id);
    if (!found) throw domain::ValidationError("team", "team.unknown");
    team = id;
    view.team = DashboardTeam{found->id, found->name};
  }
  // A team lead sees their own team, and nothing that adds other teams to it.
  if (is_team_lead(actor)) {
    if (!actor.team_id) throw Forbidden("dashboard.no_team", "team lead without a team");
    if (team && *team != *actor.team_id) throw Forbidden("dashboard.other_team", "a team lead asked for another team");
    if (!team) {
      team = actor.team_id;
      const auto* own = snapshot->directory.team(*actor.team_id);
      view.team = DashboardTeam{*actor.team_id, own ? own->name : actor.team_name};
    }
  }
  view.settings = equity_settings(connection);
  const auto facts = this->facts(connection, period.start, period.end, std::nullopt);
  view.dashboard = domain::build_dashboard(facts, *split, team, view.settings);
  audit_.record_later(actor, {std::nullopt, "dashboard", "read", "allowed",
                              team ? "dashboard_team:" + std::to_string(*team) : "dashboard_municipality"});
  return view;
}

MirrorView DashboardService::mirror(storage::Connection& connection, const Actor& actor, const std::string& from,
                                    const std::string& to) {
  if (!actor.team_id) throw Forbidden("dashboard.no_team", "a professional without a team has no mirror");
  const auto period = period_of(from, to, clock_.now());
  MirrorView view;
  view.from = period.from;
  view.to = period.to;
  view.settings = equity_settings(connection);
  const auto own = facts(connection, period.start, period.end, actor.user_id);
  const auto team = facts(connection, period.start, period.end, std::nullopt);
  view.own = domain::build_dashboard(own, domain::Split::language, actor.team_id, view.settings);
  view.team = domain::build_dashboard(team, domain::Split::language, actor.team_id, view.settings);
  audit_.record_later(actor, {std::nullopt, "mirror", "read", "allowed", "own_mirror"});
  return view;
}

}  // namespace gezicht::service
