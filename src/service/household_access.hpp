#pragma once
// How an account stands to a household (fixed contact, involved, shared with
// its domain, broke the glass, resident), read from the database, and what
// domain::household_access() then allows. Every household service asks here.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/access_policy.hpp"
#include "domain/household.hpp"
#include "service/actor.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

// The parts shared with `domain` by agreements in force, each narrowed to
// what its legal basis allows.
std::set<domain::RecordPart> shared_parts(const std::vector<storage::SharingAgreementRecord>& agreements,
                                          const std::string& domain);
// "plan,contacts" -> parts; unknown names are an error in stored data.
std::set<domain::RecordPart> parse_parts(const std::string& text);
std::string join_parts(const std::set<domain::RecordPart>& parts);

struct AccessDecision {
  domain::HouseholdAccess access;
  std::string purpose;  // for the audit trail: the basis, with the share's purpose or the emergency's end
};

// changes: the household's changes of fixed contact (at least those away
// from the actor), live rows: a former contact reads until the warm handover
// (domain::former_contact_read_access). now: seconds since the epoch.
AccessDecision decide(const Actor& actor, const storage::HouseholdRecord& household, bool involved,
                      const std::optional<std::string>& emergency_until,
                      const std::vector<storage::SharingAgreementRecord>& agreements,
                      const std::vector<domain::FixedContactChange>& changes, std::int64_t now);

// Reads what decide() needs for one household (outside the record's batch).
AccessDecision decide_from_database(storage::Connection& connection, const Actor& actor,
                                    const storage::HouseholdRecord& household, const std::string& now);

}  // namespace gezicht::service
