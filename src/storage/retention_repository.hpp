#pragma once
// What retention finds and removes: households whose support ended long
// enough ago (with everything recorded about them) and old audit entries.

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

// A closed household and the domains that worked with it (those of everyone
// involved, ended or not, and of its actions), sorted and distinct.
struct ClosedHousehold {
  std::int64_t id = 0;
  std::string closed_on;  // YYYY-MM-DD
  std::vector<std::string> domains;
};

class RetentionRepository {
 public:
  explicit RetentionRepository(Connection& connection) : connection_(connection) {}

  // Households closed on or before `closed_on_or_before` (YYYY-MM-DD), by id.
  std::vector<ClosedHousehold> closed_households(const std::string& closed_on_or_before);
  // Removes the household and every row about it, resident accounts
  // included; the audit trail keeps its entries (they name no resident).
  void remove_household(std::int64_t household_id);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
