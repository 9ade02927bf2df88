#pragma once
// The audit trail's rows and the head of its hash chain. Appending is the
// caller's job inside a transaction (service/audit_trail.hpp computes the
// hashes); this only reads and writes rows.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage {

class AuditRepository {
 public:
  explicit AuditRepository(Connection& connection) : connection_(connection) {}

  // The chain's head, locked until the transaction ends (PostgreSQL: the
  // row lock serialises appenders; SQLite's write lock already does).
  AuditChainHead lock_head();
  AuditChainHead head();
  void set_head(std::int64_t last_seq, const std::string& last_hash);
  // Moves the chain's start (retention removed the entries before it).
  void set_start(std::int64_t first_seq, const std::string& first_prev_hash);
  void insert(const AuditRecord& record);
  // Many at once: one COPY on PostgreSQL (the batch writer's hundred reads
  // would otherwise cost a hundred round trips), one reused INSERT on SQLite.
  void insert_all(const std::vector<AuditRecord>& records);

  // Entries about one household, the newest first.
  std::vector<AuditRecord> for_household(std::int64_t household_id, int limit);
  // Emergency accesses (breaking the glass), the newest first.
  std::vector<AuditRecord> emergency_accesses(int limit);
  // Every entry in chain order, one at a time (verification reads them all).
  void each_in_order(const std::function<void(const AuditRecord&)>& visit);
  // Entries at before `before` (UTC), for retention: count, and the last one.
  std::int64_t count_before(const std::string& before);
  std::optional<AuditRecord> last_before(const std::string& before);
  std::int64_t delete_before_seq(std::int64_t seq);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
