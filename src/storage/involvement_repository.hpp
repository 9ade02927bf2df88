#pragma once
// Writes and reads about who is involved with a household that the
// handover and the end of an involvement need: the history of the fixed
// contact as live rows, the open actions of a face, and ending an
// involvement (the row stays, inactive, with who ended it and when).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/household.hpp"
#include "storage/database.hpp"

namespace gezicht::storage {

class InvolvementRepository {
 public:
  explicit InvolvementRepository(Connection& connection) : connection_(connection) {}

  // Every change of the household's fixed contact, newest first, from the
  // table itself (access is decided from it).
  std::vector<domain::FixedContactChange> fixed_contact_changes(std::int64_t household_id);
  // The changes away from one account, newest first.
  std::vector<domain::FixedContactChange> changes_away_from(std::int64_t household_id, std::int64_t user_id);

  // How many open actions name this face.
  int open_actions_of(std::int64_t household_id, std::int64_t involved_id);
  // Moves the open actions of one face to another; returns how many.
  int move_open_actions(std::int64_t household_id, std::int64_t from_involved_id, std::int64_t to_involved_id);

  // Ends an active involvement; false when there is none with that id.
  bool end_involvement(std::int64_t household_id, std::int64_t involved_id, std::int64_t by, const std::string& at);
  // Ends an account's active involvement (the former contact at a handover).
  void end_involvement_of_user(std::int64_t household_id, std::int64_t user_id, std::int64_t by, const std::string& at);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
