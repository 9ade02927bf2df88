#include "service/dashboard_service.hpp"

#include "domain/calendar.hpp"
#include "domain/experience.hpp"
#include "domain/period.hpp"
#include "domain/validation_error.hpp"
#include "service/dashboard_store.hpp"
#include "service/equity_settings.hpp"
#include "service/errors.hpp"
#include "storage/dashboard_repository.hpp"

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

domain::Dashboard DashboardService::build(storage::Connection& connection, std::int64_t start, std::int64_t end,
                                          std::optional<std::int64_t> only_contact, domain::Split split,
                                          std::optional<std::int64_t> team, const domain::EquitySettings& settings) {
  storage::DashboardRepository repository(connection);
  const auto snapshot = directory_.snapshot();
  DashboardFactsQuery query;
  query.start = start;
  query.end = end;
  query.today = domain::format_date(domain::amsterdam_date(clock_.now()));
  query.only_contact = only_contact;
  std::vector<domain::OutreachFact> outreach;
  if (!only_contact) {
    for (const auto& row : repository.professionals())
      query.professionals.push_back({row.user_id, row.team_id, 0, row.cap});
    const auto from = domain::format_timestamp(start);
    const auto to = domain::format_timestamp(end);
    for (const auto& row : repository.outreach(from, to, domain::format_timestamp(clock_.now()))) {
      outreach.push_back({row.team_id, seconds_of(row.ends_at) - seconds_of(row.starts_at), row.residents_met});
    }
  }
  // Answers are kept per quarter: those of every quarter the period touches.
  std::vector<domain::ExperienceFact> experience;
  const auto first_quarter = domain::quarter_of(domain::format_date(domain::amsterdam_date(start)));
  const auto last_quarter = domain::quarter_of(domain::format_date(domain::amsterdam_date(end - 1)));
  for (const auto& row : repository.experience(first_quarter, last_quarter)) {
    experience.push_back({row.team_id, parse_answers(row.answers)});
  }
  domain::Dashboard dashboard;
  store_->with_facts(connection, *snapshot, query, [&](domain::DashboardFacts& facts) {
    facts.outreach = std::move(outreach);
    facts.experience = std::move(experience);
    dashboard = domain::build_dashboard(facts, split, team, settings, &intervals_);
  });
  return dashboard;
}

DashboardService::DashboardService(const Clock& clock, AuditTrail& audit, DirectoryService& directory)
    : clock_(clock), audit_(audit), directory_(directory), store_(std::make_unique<DashboardStore>()) {}

DashboardService::~DashboardService() = default;

void DashboardService::warm(storage::Connection& connection) { store_->warm(connection, *directory_.snapshot()); }

DashboardService::StoreSize DashboardService::store_size() {
  const auto size = store_->size();
  return {size.households, size.contacts, size.referrals};
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
  view.dashboard = build(connection, period.start, period.end, std::nullopt, *split, team, view.settings);
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
  view.own =
      build(connection, period.start, period.end, actor.user_id, domain::Split::language, actor.team_id, view.settings);
  view.team =
      build(connection, period.start, period.end, std::nullopt, domain::Split::language, actor.team_id, view.settings);
  audit_.record_later(actor, {std::nullopt, "mirror", "read", "allowed", "own_mirror"});
  return view;
}

}  // namespace gezicht::service
