#include "storage/involvement_repository.hpp"

#include "storage/household_lists.hpp"

namespace gezicht::storage {

std::vector<domain::FixedContactChange> InvolvementRepository::fixed_contact_changes(std::int64_t household_id) {
  return household_lists::read_fixed_contact_changes(
      *household_lists::fixed_contact_changes(connection_, household_id));
}

std::vector<domain::FixedContactChange> InvolvementRepository::changes_away_from(std::int64_t household_id,
                                                                                 std::int64_t user_id) {
  auto changes = fixed_contact_changes(household_id);
  std::erase_if(changes, [&](const domain::FixedContactChange& change) { return change.from_user_id != user_id; });
  return changes;
}

int InvolvementRepository::open_actions_of(std::int64_t household_id, std::int64_t involved_id) {
  auto row =
      query(connection_, "SELECT COUNT(*) FROM actions WHERE household_id = ? AND involved_id = ? AND status = 'open'",
            household_id, involved_id);
  row->step();
  return static_cast<int>(row->int64(0));
}

int InvolvementRepository::move_open_actions(std::int64_t household_id, std::int64_t from_involved_id,
                                             std::int64_t to_involved_id) {
  auto rows = query(connection_,
                    "UPDATE actions SET involved_id = ? WHERE household_id = ? AND involved_id = ? AND status = 'open' "
                    "RETURNING id",
                    to_involved_id, household_id, from_involved_id);
  int moved = 0;
  while (rows->step()) ++moved;
  rows.reset();
  return moved;
}

bool InvolvementRepository::end_involvement(std::int64_t household_id, std::int64_t involved_id, std::int64_t by,
                                            const std::string& at) {
  auto row = query(connection_,
                   "UPDATE involved SET active = 0, ended_by = ?, ended_at = ? "
                   "WHERE household_id = ? AND id = ? AND active = 1 RETURNING id",
                   by, at, household_id, involved_id);
  return row->step();
}

void InvolvementRepository::end_involvement_of_user(std::int64_t household_id, std::int64_t user_id, std::int64_t by,
                                                    const std::string& at) {
  exec(connection_,
       "UPDATE involved SET active = 0, ended_by = ?, ended_at = ? WHERE household_id = ? AND user_id = ? "
       "AND active = 1",
       by, at, household_id, user_id);
}

}  // namespace gezicht::storage
