#include "storage/team_repository.hpp"

#include "storage/household_lists.hpp"

namespace gezicht::storage {

std::vector<TeamCaseloadRow> TeamRepository::caseloads(std::int64_t team_id, const std::string& today) {
  // Counted the way DirectoryRepository::assignment_candidates counts for
  // the assignment, so the page shows what the rule saw.
  auto rows = query(connection_,
                    "SELECT u.id, u.name, "
                    "(SELECT COUNT(*) FROM households h WHERE h.fixed_contact_id = u.id), "
                    "(SELECT COUNT(*) FROM referrals r WHERE r.contact_id = u.id AND r.first_contact_at IS NULL), "
                    "(SELECT COUNT(*) FROM referrals r WHERE r.contact_id = u.id AND r.first_contact_at IS NULL "
                    "AND r.promised_by < ?) "
                    "FROM users u WHERE u.team_id = ? AND u.role = 'professional' AND u.active = 1 "
                    "ORDER BY u.name, u.id",
                    today, team_id);
  std::vector<TeamCaseloadRow> result;
  while (rows->step()) {
    result.push_back({rows->int64(0), rows->text(1), static_cast<int>(rows->int64(2)), static_cast<int>(rows->int64(3)),
                      static_cast<int>(rows->int64(4))});
  }
  return result;
}

std::vector<OverCapAssignmentRow> TeamRepository::over_cap_assignments(std::int64_t team_id, const std::string& since,
                                                                       int limit) {
  auto rows = query(connection_,
                    "SELECT r.reference, r.created_at, r.contact_id, u.name, r.first_contact_at IS NOT NULL "
                    "FROM referrals r JOIN users u ON u.id = r.contact_id "
                    "WHERE r.team_id = ? AND r.assignment_reason = 'over_cap' AND r.created_at >= ? "
                    "ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
                    team_id, since, std::int64_t{limit});
  std::vector<OverCapAssignmentRow> result;
  while (rows->step()) {
    result.push_back({rows->text(0), rows->text(1), rows->int64(2), rows->text(3), rows->int64(4) != 0});
  }
  return result;
}

HouseholdContinuityFacts TeamRepository::household_continuity(std::int64_t household_id, const std::string& since) {
  HouseholdContinuityFacts facts;
  auto contacts = household_lists::contacts_in_window(connection_, household_id, since);
  facts.contacts_since = household_lists::read_contacts_in_window(*contacts, household_id);
  auto changes = household_lists::fixed_contact_changes(connection_, household_id);
  facts.fixed_contact_changes = household_lists::read_fixed_contact_changes(*changes);
  return facts;
}

std::vector<OpenPromiseRow> TeamRepository::open_promises(std::int64_t household_id) {
  auto rows = query(connection_,
                    "SELECT r.reference, r.promised_by, r.contact_id, u.name FROM referrals r "
                    "JOIN users u ON u.id = r.contact_id "
                    "WHERE r.household_id = ? AND r.first_contact_at IS NULL ORDER BY r.promised_by, r.id",
                    household_id);
  std::vector<OpenPromiseRow> result;
  while (rows->step()) result.push_back({rows->text(0), rows->text(1), rows->int64(2), rows->text(3)});
  return result;
}

}  // namespace gezicht::storage
