#include "storage/involvement_repository.hpp"

namespace gezicht::storage {
namespace {

constexpr const char* changes_columns =
    "SELECT f.from_user_id, f.to_user_id, u.name, f.kind, f.reason, f.warm_handover_on, f.no_warm_reason, "
    "f.changed_at FROM fixed_contact_changes f JOIN users u ON u.id = f.to_user_id ";

std::vector<domain::FixedContactChange> read_changes(Statement& rows) {
  std::vector<domain::FixedContactChange> changes;
  while (rows.step()) {
    changes.push_back({rows.optional_int64(0), rows.int64(1), rows.text(2), rows.text(3), rows.text(4),
                       rows.optional_text(5), rows.text(6), rows.text(7)});
  }
  return changes;
}

}  // namespace

std::vector<domain::FixedContactChange> InvolvementRepository::fixed_contact_changes(std::int64_t household_id) {
  auto rows = query(connection_,
                    std::string(changes_columns) + "WHERE f.household_id = ? ORDER BY f.changed_at DESC, f.id DESC",
                    household_id);
  return read_changes(*rows);
}

std::vector<domain::FixedContactChange> InvolvementRepository::changes_away_from(std::int64_t household_id,
                                                                                 std::int64_t user_id) {
  auto rows = query(connection_,
                    std::string(changes_columns) +
                        "WHERE f.household_id = ? AND f.from_user_id = ? ORDER BY f.changed_at DESC, f.id DESC",
                    household_id, user_id);
  return read_changes(*rows);
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
