#include "service/team_service.hpp"

#include "domain/calendar.hpp"
#include "domain/record_rules.hpp"
#include "service/errors.hpp"
#include "service/people.hpp"
#include "storage/directory_repository.hpp"
#include "storage/household_repository.hpp"
#include "storage/involvement_repository.hpp"
#include "storage/read_snapshot.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

constexpr std::int64_t day = 24 * 60 * 60;

std::int64_t lead_team(const Actor& actor) {
  if (actor.access_role != domain::Role::teamlead || !actor.team_id) {
    throw Forbidden("access.teamlead_only", "team oversight needs a team lead with a team");
  }
  return *actor.team_id;
}

}  // namespace

TeamCaseloads TeamService::read_caseloads(storage::Connection& connection, std::int64_t team_id) {
  const std::int64_t now = clock_.now();
  TeamCaseloads result;
  const auto cap = storage::DirectoryRepository(connection).caseload_cap(team_id);
  if (!cap) throw std::runtime_error("team " + std::to_string(team_id) + " has no caseload cap");
  result.cap = *cap;
  storage::TeamRepository team(connection);
  for (auto& row : team.caseloads(team_id, domain::format_date(domain::amsterdam_date(now)))) {
    const auto level = domain::caseload_level(row.households, result.cap);
    result.members.push_back({std::move(row), level});
  }
  result.over_cap =
      team.over_cap_assignments(team_id, domain::format_timestamp(now - over_cap_days_shown * day), over_cap_shown);
  return result;
}

TeamCaseloads TeamService::caseloads(storage::Connection& connection, const Actor& actor) {
  const auto team_id = lead_team(actor);
  // Counts per professional and request references: no resident's data, so no entry in the trail.
  return read_caseloads(connection, team_id);
}

TeamHousehold TeamService::household(storage::Connection& connection, const Actor& actor, std::int64_t household_id) {
  const auto team_id = lead_team(actor);
  const std::int64_t now = clock_.now();
  const storage::ReadSnapshot snapshot(connection);
  const auto household = storage::HouseholdRepository(connection).find(household_id);
  std::optional<storage::UserRecord> contact;
  if (household && household->fixed_contact_id) {
    contact = storage::UserRepository(connection).find_by_id(*household->fixed_contact_id);
  }
  if (!household || !domain::leads_team(true, team_id, contact ? contact->team_id : std::nullopt)) {
    audit_.record_later(actor, {household_id, "team_overview", "read", "denied", "not this team lead's team"});
    throw NotFound("household.not_found", "household " + std::to_string(household_id) +
                                              " is not in the team of team lead " + std::to_string(actor.user_id));
  }
  TeamHousehold view;
  view.household = *household;
  view.fixed_contact = to_person(*contact);
  storage::TeamRepository team(connection);
  const std::string since = domain::format_timestamp(now - 365 * day + 1);
  auto facts = team.household_continuity(household_id, since);
  view.continuity = domain::continuity_indices(facts.contacts_since, now, 365);
  view.fixed_contact_changes_in_year = domain::fixed_contact_changes_since(facts.fixed_contact_changes, since);
  view.flags = domain::continuity_flags(view.continuity, view.fixed_contact_changes_in_year);
  view.fixed_contact_changes = std::move(facts.fixed_contact_changes);
  view.open_promises = team.open_promises(household_id);
  if (const auto face = storage::HouseholdRepository(connection).involved_id_of_user(household_id, contact->id)) {
    view.fixed_contact_open_actions = storage::InvolvementRepository(connection).open_actions_of(household_id, *face);
  }
  view.today = domain::format_date(domain::amsterdam_date(now));
  view.team = read_caseloads(connection, team_id);
  audit_.record_later(actor, {household_id, "team_overview", "read", "allowed", "team lead"});
  return view;
}

}  // namespace gezicht::service
