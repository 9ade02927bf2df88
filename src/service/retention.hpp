#pragma once
// Retention: removes what is kept longer than the municipality's periods
// allow, and writes what it removed into the audit trail. A dry run only
// lists what it would do.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/retention_policy.hpp"
#include "service/clock.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

// From the settings table: retention_closed_household_years (the general
// period), retention_audit_log_years and retention_years.<domain>. A missing
// key keeps the default; a malformed one, an unknown domain or a period below
// the legal minimum throws, naming the key.
domain::RetentionPolicy load_retention_policy(storage::Connection& connection);

// Sets one period: `domain` is a domain, "general" or "audit_log". Checked as
// load_retention_policy checks it; throws std::invalid_argument when refused.
void set_retention_period(storage::Connection& connection, const std::string& domain, int years);

struct RetentionStep {
  std::string kind;  // "household", "audit_log" or "mail"
  std::int64_t count = 0;
  std::string detail;  // which households (and which period governs them), or up to which entry
};

// One transaction: everything due, or nothing.
std::vector<RetentionStep> run_retention(storage::Connection& connection, const Clock& clock, bool dry_run);

}  // namespace gezicht::service
