#pragma once
// What retention finds and removes: households whose support ended long
// enough ago (with everything recorded about them) and old audit entries.

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

class RetentionRepository {
 public:
  explicit RetentionRepository(Connection& connection) : connection_(connection) {}

  // Households closed on or before `closed_on_or_before` (YYYY-MM-DD).
  std::vector<std::int64_t> closed_households(const std::string& closed_on_or_before);
  // Removes the household and every row about it, resident accounts
  // included; the audit trail keeps its entries (they name no resident).
  void remove_household(std::int64_t household_id);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
