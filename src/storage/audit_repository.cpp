#include "storage/audit_repository.hpp"

#include <charconv>
#include <iterator>
#include <string_view>

namespace gezicht::storage {
namespace {

constexpr const char* audit_columns =
    "SELECT seq, at, actor_user_id, actor_name, actor_role, organisation, on_behalf_of, household_id, part, action, "
    "result, client_address, purpose, route, prev_hash, hash, hash_format FROM audit_log ";

// audit_log's columns in the order audit_columns reads them (migration 010).
struct AuditColumn {
  const char* name;
  bool integer;
  bool nullable;
};
constexpr AuditColumn audit_column_types[] = {
    {"seq", true, false},           {"at", false, false},         {"actor_user_id", true, true},
    {"actor_name", false, false},   {"actor_role", false, false}, {"organisation", false, false},
    {"on_behalf_of", false, false}, {"household_id", true, true}, {"part", false, false},
    {"action", false, false},       {"result", false, false},     {"client_address", false, false},
    {"purpose", false, false},      {"route", false, false},      {"prev_hash", false, false},
    {"hash", false, false},         {"hash_format", true, false}};
constexpr int audit_column_count = static_cast<int>(std::size(audit_column_types));

AuditRecord read_audit(const Statement& row) {
  return AuditRecord{row.int64(0), row.text(1),  row.optional_int64(2), row.text(3),  row.text(4),
                     row.text(5),  row.text(6),  row.optional_int64(7), row.text(8),  row.text(9),
                     row.text(10), row.text(11), row.text(12),          row.text(13), row.text(14),
                     row.text(15), row.int64(16)};
}

// The entry's columns, then the type each value is stored with.
std::string typed_audit_query(Dialect dialect) {
  std::string sql = std::string(audit_columns, std::string_view(audit_columns).find(" FROM "));
  for (const auto& column : audit_column_types) {
    sql += dialect == Dialect::postgres ? std::string(", pg_typeof(") + column.name + ")::text"
                                        : std::string(", typeof(") + column.name + ")";
  }
  return sql + " FROM audit_log ORDER BY seq";
}

std::optional<StoredTypeMismatch> first_mistyped(const Statement& row, Dialect dialect) {
  for (int i = 0; i < audit_column_count; ++i) {
    const auto& column = audit_column_types[i];
    const std::string declared =
        dialect == Dialect::postgres ? (column.integer ? "bigint" : "text") : (column.integer ? "integer" : "text");
    // PostgreSQL names the column's type for a NULL too, so NULL is checked apart.
    const bool null = row.is_null(i);
    if (null && !column.nullable) return StoredTypeMismatch{column.name, "null", declared};
    const std::string stored = row.text(audit_column_count + i);
    if (stored != declared && !(null && stored == "null")) return StoredTypeMismatch{column.name, stored, declared};
  }
  return std::nullopt;
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
       "household_id, part, action, result, client_address, purpose, route, prev_hash, hash, hash_format) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
       r.seq, r.at, nullable(r.actor_user_id), r.actor_name, r.actor_role, r.organisation, r.on_behalf_of,
       nullable(r.household_id), r.part, r.action, r.result, r.client_address, r.purpose, r.route, r.prev_hash, r.hash,
       r.hash_format);
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
                    r.prev_hash, r.hash, r.hash_format});
  }
  connection_.bulk_insert(
      "audit_log",
      {"seq", "at", "actor_user_id", "actor_name", "actor_role", "organisation", "on_behalf_of", "household_id", "part",
       "action", "result", "client_address", "purpose", "route", "prev_hash", "hash", "hash_format"},
      rows);
}

std::vector<AuditRecord> AuditRepository::for_household(std::int64_t household_id, int limit) {
  std::vector<AuditRecord> records;
  auto rows = query(connection_, std::string(audit_columns) + "WHERE household_id = ? ORDER BY seq DESC LIMIT ?",
                    household_id, std::int64_t{limit});
  while (rows->step()) records.push_back(read_audit(*rows));
  return records;
}

std::vector<AuditRecord> AuditRepository::for_household_before(std::int64_t household_id,
                                                               std::optional<std::int64_t> before, int limit) {
  if (!before) return for_household(household_id, limit);
  std::vector<AuditRecord> records;
  auto rows =
      query(connection_, std::string(audit_columns) + "WHERE household_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
            household_id, *before, std::int64_t{limit});
  while (rows->step()) records.push_back(read_audit(*rows));
  return records;
}

std::vector<AuditRecord> AuditRepository::pinned_candidates_for_household(std::int64_t household_id, int limit) {
  std::vector<AuditRecord> records;
  auto rows = query(connection_,
                    std::string(audit_columns) +
                        "WHERE household_id = ? AND (action = 'emergency_access' OR part = 'sharing') "
                        "ORDER BY seq DESC LIMIT ?",
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

std::vector<AuditRecord> AuditRepository::search(const domain::AuditSearch& search, int limit) {
  std::string sql = audit_columns;
  std::vector<Value> values;
  std::string where;
  auto add = [&](const std::string& clause) { where += (where.empty() ? "WHERE " : " AND ") + clause; };
  if (search.household_id) {
    add("household_id = ?");
    values.emplace_back(*search.household_id);
  }
  if (search.actor_user_id) {
    add("actor_user_id = ?");
    values.emplace_back(*search.actor_user_id);
  }
  if (search.from_at) {
    add("at >= ?");
    values.emplace_back(*search.from_at);
  }
  if (search.until_at) {
    add("at < ?");
    values.emplace_back(*search.until_at);
  }
  if (search.before_seq) {
    add("seq < ?");
    values.emplace_back(*search.before_seq);
  }
  // The kind's matches, as the domain defines them: any one of them fits.
  std::string kinds;
  for (const auto& match : domain::audit_kind_matches(search.kind)) {
    std::string all;
    auto also = [&](const std::string& clause) { all += (all.empty() ? "" : " AND ") + clause; };
    if (match.action) {
      also("action = ?");
      values.emplace_back(*match.action);
    }
    if (match.result) {
      also("result = ?");
      values.emplace_back(*match.result);
    }
    if (match.part) {
      also("part = ?");
      values.emplace_back(*match.part);
    }
    if (match.purpose_prefix) {
      // substr, not LIKE: a purpose's own % or _ must not act as a wildcard.
      also("substr(purpose, 1, ?) = ?");
      values.emplace_back(static_cast<std::int64_t>(match.purpose_prefix->size()));
      values.emplace_back(*match.purpose_prefix);
    }
    kinds += (kinds.empty() ? "(" : " OR (") + all + ")";
  }
  if (!kinds.empty()) add("(" + kinds + ")");
  sql += where + " ORDER BY seq DESC LIMIT ?";
  values.emplace_back(std::int64_t{limit});
  auto rows = connection_.prepare(sql);
  for (std::size_t i = 0; i < values.size(); ++i) rows->bind(static_cast<int>(i + 1), values[i]);
  std::vector<AuditRecord> records;
  while (rows->step()) records.push_back(read_audit(*rows));
  return records;
}

void AuditRepository::each_in_order(const std::function<void(const AuditRecord&)>& visit) {
  auto rows = query(connection_, std::string(audit_columns) + "ORDER BY seq");
  while (rows->step()) visit(read_audit(*rows));
}

void AuditRepository::each_stored_in_order(const std::function<void(const StoredAuditEntry&)>& visit) {
  const auto dialect = connection_.dialect();
  auto rows = query(connection_, typed_audit_query(dialect));
  while (rows->step()) {
    StoredAuditEntry entry;
    entry.mistyped = first_mistyped(*rows, dialect);
    try {
      entry.record = read_audit(*rows);
    } catch (const DatabaseError&) {
      // A value of another type may not even read as its column's (PostgreSQL
      // bytea as an integer); the entry is reported by its mismatch.
      if (!entry.mistyped) throw;
      const auto seq = rows->text(0);
      std::from_chars(seq.data(), seq.data() + seq.size(), entry.record.seq);
    }
    visit(entry);
  }
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
