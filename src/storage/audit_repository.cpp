#include "storage/audit_repository.hpp"

namespace gezicht::storage {
namespace {

constexpr const char* audit_columns =
    "SELECT seq, at, actor_user_id, actor_name, actor_role, organisation, on_behalf_of, household_id, part, action, "
    "result, client_address, purpose, route, prev_hash, hash FROM audit_log ";

AuditRecord read_audit(const Statement& row) {
  return AuditRecord{row.int64(0), row.text(1),  row.optional_int64(2), row.text(3),
                     row.text(4),  row.text(5),  row.text(6),           row.optional_int64(7),
                     row.text(8),  row.text(9),  row.text(10),          row.text(11),
                     row.text(12), row.text(13), row.text(14),          row.text(15)};
}

Value nullable(const std::optional<std::int64_t>& value) {
  if (value) return *value;
  return nullptr;
}

AuditChainHead read_head(Statement& row) {
  if (!row.step()) throw DatabaseError("audit_chain has no head row (migration 004 missing?)");
  return AuditChainHead{row.int64(0), row.text(1), row.int64(2), row.text(3)};
}

}  // namespace

AuditChainHead AuditRepository::lock_head() {
  const bool postgres = connection_.dialect() == Dialect::postgres;
  auto row = query(connection_, postgres ? "SELECT last_seq, last_hash, first_seq, first_prev_hash FROM audit_chain "
                                           "WHERE id = 1 FOR UPDATE"
                                         : "SELECT last_seq, last_hash, first_seq, first_prev_hash FROM audit_chain "
                                           "WHERE id = 1");
  return read_head(*row);
}

AuditChainHead AuditRepository::head() {
  auto row = query(connection_, "SELECT last_seq, last_hash, first_seq, first_prev_hash FROM audit_chain WHERE id = 1");
  return read_head(*row);
}

void AuditRepository::set_head(std::int64_t last_seq, const std::string& last_hash) {
  exec(connection_, "UPDATE audit_chain SET last_seq = ?, last_hash = ? WHERE id = 1", last_seq, last_hash);
}

void AuditRepository::set_start(std::int64_t first_seq, const std::string& first_prev_hash) {
  exec(connection_, "UPDATE audit_chain SET first_seq = ?, first_prev_hash = ? WHERE id = 1", first_seq,
       first_prev_hash);
}

void AuditRepository::insert(const AuditRecord& r) {
  exec(connection_,
       "INSERT INTO audit_log (seq, at, actor_user_id, actor_name, actor_role, organisation, on_behalf_of, "
       "household_id, part, action, result, client_address, purpose, route, prev_hash, hash) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
       r.seq, r.at, nullable(r.actor_user_id), r.actor_name, r.actor_role, r.organisation, r.on_behalf_of,
       nullable(r.household_id), r.part, r.action, r.result, r.client_address, r.purpose, r.route, r.prev_hash, r.hash);
}

void AuditRepository::insert_all(const std::vector<AuditRecord>& records) {
  if (records.size() == 1) {
    insert(records.front());
    return;
  }
  std::vector<std::vector<Value>> rows;
  rows.reserve(records.size());
  for (const auto& r : records) {
    rows.push_back({r.seq, r.at, nullable(r.actor_user_id), r.actor_name, r.actor_role, r.organisation, r.on_behalf_of,
                    nullable(r.household_id), r.part, r.action, r.result, r.client_address, r.purpose, r.route,
                    r.prev_hash, r.hash});
  }
  connection_.bulk_insert(
      "audit_log",
      {"seq", "at", "actor_user_id", "actor_name", "actor_role", "organisation", "on_behalf_of", "household_id", "part",
       "action", "result", "client_address", "purpose", "route", "prev_hash", "hash"},
      rows);
}

std::vector<AuditRecord> AuditRepository::for_household(std::int64_t household_id, int limit) {
  std::vector<AuditRecord> records;
  auto rows = query(connection_, std::string(audit_columns) + "WHERE household_id = ? ORDER BY seq DESC LIMIT ?",
                    household_id, std::int64_t{limit});
  while (rows->step()) records.push_back(read_audit(*rows));
  return records;
}

std::vector<AuditRecord> AuditRepository::emergency_accesses(int limit) {
  std::vector<AuditRecord> records;
  auto rows = query(connection_,
                    std::string(audit_columns) +
                        "WHERE action = 'emergency_access' ORDER BY seq DESC "
                        "LIMIT ?",
                    std::int64_t{limit});
  while (rows->step()) records.push_back(read_audit(*rows));
  return records;
}

void AuditRepository::each_in_order(const std::function<void(const AuditRecord&)>& visit) {
  auto rows = query(connection_, std::string(audit_columns) + "ORDER BY seq");
  while (rows->step()) visit(read_audit(*rows));
}

std::int64_t AuditRepository::count_before(const std::string& before) {
  auto row = query(connection_, "SELECT COUNT(*) FROM audit_log WHERE at < ?", before);
  row->step();
  return row->int64(0);
}

std::optional<AuditRecord> AuditRepository::last_before(const std::string& before) {
  auto row = query(connection_, std::string(audit_columns) + "WHERE at < ? ORDER BY seq DESC LIMIT 1", before);
  if (!row->step()) return std::nullopt;
  return read_audit(*row);
}

std::int64_t AuditRepository::delete_before_seq(std::int64_t seq) {
  return exec(connection_, "DELETE FROM audit_log WHERE seq < ?", seq);
}

}  // namespace gezicht::storage
