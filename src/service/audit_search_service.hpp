#pragma once
// The auditor's work on the trail: searching it, exporting a search and
// verifying its hash chain. The auditor reads the trail only, never a
// record; each search, export and verification is itself an entry.

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/audit_search.hpp"
#include "service/actor.hpp"
#include "service/audit_chain.hpp"
#include "service/audit_trail.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

struct AuditSearchResult {
  domain::AuditSearch search;
  // The person searched for, when the search names one that has an account.
  std::optional<storage::UserRecord> person;
  std::vector<storage::AuditRecord> entries;  // the newest first
  std::optional<std::int64_t> next_before;    // the cursor of older entries, if there are any
};

struct AuditExport {
  domain::AuditSearch search;
  std::vector<storage::AuditRecord> entries;  // the newest first, at most domain::audit_export_max_entries
  bool truncated = false;                     // more entries match than the export holds
};

class AuditSearchService {
 public:
  explicit AuditSearchService(AuditTrail& audit) : audit_(audit) {}

  // One page of a search. Throws domain::ValidationError naming the field,
  // "person" too when a name is no account.
  AuditSearchResult search(storage::Connection& connection, const Actor& actor, const domain::AuditSearchInput& input);
  // Every entry of a search (cursor and page size ignored), up to the export's maximum.
  AuditExport export_entries(storage::Connection& connection, const Actor& actor,
                             const domain::AuditSearchInput& input);
  // `gezicht audit verify`, for the page and the API.
  ChainCheck verify(storage::Connection& connection, const Actor& actor);

 private:
  domain::AuditSearch checked(storage::Connection& connection, const domain::AuditSearchInput& input,
                              std::optional<storage::UserRecord>& person);
  AuditTrail& audit_;
};

}  // namespace gezicht::service
