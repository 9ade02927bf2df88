#pragma once
// The audit trail's rows and the head of its hash chain. Appending is the
// caller's job inside a transaction (service/audit_trail.hpp computes the
// hashes); this only reads and writes rows.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_search.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage {

// A value stored with another type than its column's: SQLite keeps any type
// in a column that is not STRICT, and a PostgreSQL column can be altered. Such
// a value no longer matches the queries that compare it (`household_id = ?`).
struct StoredTypeMismatch {
  std::string field;   // the column
  std::string stored;  // the type as the database names it (blob, null, text)
  std::string column;  // the type the column is declared with
};

struct StoredAuditEntry {
  AuditRecord record;
  std::optional<StoredTypeMismatch> mistyped;  // the first such field, if any
};

class AuditRepository {
 public:
  explicit AuditRepository(Connection& connection) : connection_(connection) {}

  // The chain's head, locked until the transaction ends (PostgreSQL: the
  // row lock serialises appenders; SQLite's write lock already does).
  AuditChainHead lock_head();
  AuditChainHead head();
  void set_head(std::int64_t last_seq, const std::string& last_hash);
  // Moves the chain's start (retention, after appending the entry that names
  // the new start; the database refuses any other move).
  void set_start(std::int64_t first_seq, const std::string& first_prev_hash);
  void insert(const AuditRecord& record);
  // Many at once: one COPY on PostgreSQL (the batch writer's hundred reads
  // would otherwise cost a hundred round trips), one reused INSERT on SQLite.
  void insert_all(const std::vector<AuditRecord>& records);

  // Entries about one household, the newest first.
  std::vector<AuditRecord> for_household(std::int64_t household_id, int limit);
  // The same, older than entry `before` (a page cursor), when given.
  std::vector<AuditRecord> for_household_before(std::int64_t household_id, std::optional<std::int64_t> before,
                                                int limit);
  // A household's emergency accesses and sharing entries, the newest first:
  // the candidates for the top of its access log (domain::is_pinned_access decides).
  std::vector<AuditRecord> pinned_candidates_for_household(std::int64_t household_id, int limit);
  // Emergency accesses (breaking the glass), the newest first.
  std::vector<AuditRecord> emergency_accesses(int limit);
  // The auditor's search, the newest first: at most `limit` entries (not
  // search.limit, so that an export can ask for more than a page).
  std::vector<AuditRecord> search(const domain::AuditSearch& search, int limit);
  // Every entry in chain order, one at a time (verification reads them all).
  void each_in_order(const std::function<void(const AuditRecord&)>& visit);
  // The same, with each value's stored type checked against its column's.
  void each_stored_in_order(const std::function<void(const StoredAuditEntry&)>& visit);
  // Entries at before `before` (UTC), for retention: count, and the last one.
  std::int64_t count_before(const std::string& before);
  std::optional<AuditRecord> last_before(const std::string& before);
  std::int64_t delete_before_seq(std::int64_t seq);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
