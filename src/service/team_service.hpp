#pragma once
// The team lead's oversight: each professional's caseload against the cap,
// requests assigned over it, and a flagged household as the team lead may
// see it (its face, continuity figures, handovers and open promise; never
// the plan, contacts or members). Each read is an entry in the audit trail.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/continuity.hpp"
#include "domain/directory.hpp"
#include "domain/household.hpp"
#include "domain/team_oversight.hpp"
#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/team_repository.hpp"

namespace gezicht::service {

struct TeamMemberLoad {
  storage::TeamCaseloadRow row;
  domain::CaseloadLevel level = domain::CaseloadLevel::room;
};

struct TeamCaseloads {
  int cap = 0;
  std::vector<TeamMemberLoad> members;
  // Requests of the last 90 days that were assigned while everybody was at the cap.
  std::vector<storage::OverCapAssignmentRow> over_cap;
};

struct TeamHousehold {
  storage::HouseholdRecord household;
  std::optional<domain::Person> fixed_contact;
  domain::ContinuityIndices continuity;
  domain::ContinuityFlags flags;
  int fixed_contact_changes_in_year = 0;
  std::vector<domain::FixedContactChange> fixed_contact_changes;  // newest first
  std::vector<storage::OpenPromiseRow> open_promises;
  // How many open actions the fixed contact holds (a number, no content):
  // the handover asks whether they move along.
  int fixed_contact_open_actions = 0;
  std::string today;  // YYYY-MM-DD in Amsterdam: a promise before it is overdue
  // Who the household could be handed over to: the team, with their caseloads.
  TeamCaseloads team;
};

class TeamService {
 public:
  static constexpr int over_cap_days_shown = 90;
  static constexpr int over_cap_shown = 50;

  TeamService(const Clock& clock, AuditTrail& audit) : clock_(clock), audit_(audit) {}

  // Forbidden for anyone but a team lead with a team.
  TeamCaseloads caseloads(storage::Connection& connection, const Actor& actor);
  // NotFound (logged as refused) unless the household's fixed contact is in
  // the team lead's team.
  TeamHousehold household(storage::Connection& connection, const Actor& actor, std::int64_t household_id);

 private:
  TeamCaseloads read_caseloads(storage::Connection& connection, std::int64_t team_id);
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace gezicht::service
