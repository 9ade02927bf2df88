#pragma once
// Retention: removes what is kept longer than the municipality's periods
// allow, and writes what it removed into the audit trail. A dry run only
// lists what it would do.

#include <cstdint>
#include <string>
#include <vector>

#include "service/clock.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct RetentionPolicy {
  int closed_household_years = 7;
  int audit_log_years = 7;
};

// From the settings table; a missing key keeps the default, a malformed one throws.
RetentionPolicy load_retention_policy(storage::Connection& connection);

struct RetentionStep {
  std::string kind;  // "household" or "audit_log"
  std::int64_t count = 0;
  std::string detail;  // which households, or up to which entry
};

// One transaction: everything due, or nothing.
std::vector<RetentionStep> run_retention(storage::Connection& connection, const Clock& clock, bool dry_run);

}  // namespace gezicht::service
