#pragma once
// Need to know beyond involvement: breaking the glass, sharing a household's
// record with a domain on a legal basis, and the access log that tells a
// household who looked at it.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/access_policy.hpp"
#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

struct SharingInput {
  std::int64_t legal_basis_id = 0;
  std::vector<std::string> parts;  // within the basis's parts
  std::string resident_wish;       // the resident's own words
};

class AccessService {
 public:
  // How long breaking the glass opens a household.
  static constexpr std::int64_t emergency_seconds = 60 * 60;

  AccessService(const Clock& clock, AuditTrail& audit) : clock_(clock), audit_(audit) {}

  // Opens a household the actor is not involved in, for emergency_seconds,
  // with a reason (ValidationError "reason" when too short). NotFound when
  // the household does not exist. Returns when access ends (UTC).
  std::string break_the_glass(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                              const std::string& reason);

  // Recorded by someone who works on the household (fixed contact, involved).
  std::int64_t add_sharing(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                           const SharingInput& input);
  // By someone who works on the household, or a resident of it.
  void withdraw_sharing(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                        std::int64_t agreement_id);
  std::vector<storage::LegalBasisRecord> legal_bases(storage::Connection& connection);
  // By an administrator: the municipality's own bases.
  std::int64_t add_legal_basis(storage::Connection& connection, const Actor& actor, storage::LegalBasisRecord basis);

  // Who looked at the household, the newest first: for its residents, those
  // who work on it, and the auditor.
  std::vector<storage::AuditRecord> access_log(storage::Connection& connection, const Actor& actor,
                                               std::int64_t household_id);
  // For the auditor: every time the glass was broken.
  std::vector<storage::AuditRecord> emergency_accesses(storage::Connection& connection, const Actor& actor);

 private:
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace gezicht::service
