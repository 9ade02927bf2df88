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

// One page of a household's access log.
struct AccessLogLine {
  storage::AuditRecord newest;  // what the line says, and when it last happened
  std::int64_t count = 1;       // a run of refusals of one person: how many
  std::string oldest_at;        // when the run began (= newest.at for one entry)
};
struct AccessLogPage {
  // Emergency accesses and sharing decisions, the newest first: shown above
  // every page, so nothing that came after them pushes them out of sight.
  std::vector<storage::AuditRecord> pinned;
  std::vector<AccessLogLine> lines;
  std::optional<std::int64_t> next_before;  // the cursor of older lines, if there are any
};

// A household that shares something with the viewer's domain.
struct DomainShare {
  std::int64_t household_id = 0;
  std::string postcode;
  std::string house_number;
  std::set<domain::RecordPart> parts;                       // what the agreements open, each narrowed to its basis
  std::vector<storage::SharingAgreementRecord> agreements;  // in force, the newest first
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

  // Who looked at the household, the newest first, a page at a time: for
  // its residents, those who work on it, and the auditor. `before` is the
  // cursor of the page before (AccessLogPage::next_before); `lines` at most
  // domain::access_log_max_lines.
  AccessLogPage access_log(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                           std::optional<std::int64_t> before, int lines);
  // For a domain professional: the households whose agreements in force
  // open something to their domain, the most recently shared first, at
  // most domain_shares_shown agreements read. An account without a domain
  // has none. One search entry in the audit trail.
  static constexpr int domain_shares_shown = 500;
  std::vector<DomainShare> domain_shares(storage::Connection& connection, const Actor& actor);

  // For the auditor: every time the glass was broken.
  std::vector<storage::AuditRecord> emergency_accesses(storage::Connection& connection, const Actor& actor);

 private:
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace gezicht::service
