#include "storage/migrations.hpp"

#include <cctype>
#include <chrono>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "embedded/embedded_files.hpp"
#include "storage/read_models.hpp"

namespace gezicht::storage {
namespace {

struct Migration {
  std::int64_t version;
  std::string_view sql;
};

std::vector<Migration> migrations_for(Dialect dialect) {
  const std::string prefix = dialect == Dialect::sqlite ? "migrations/sqlite/" : "migrations/postgres/";
  std::vector<Migration> found;
  // The map is ordered by path, and file names start with a zero-padded number.
  for (const auto& [path, content] : embedded::files()) {
    if (!path.starts_with(prefix)) continue;
    std::string_view name = std::string_view(path).substr(prefix.size());
    std::int64_t version = 0;
    std::size_t digits = 0;
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) {
      version = version * 10 + (name[digits] - '0');
      ++digits;
    }
    if (digits == 0) throw DatabaseError("migration file without a number: " + path);
    found.push_back({version, content});
  }
  return found;
}

}  // namespace

int apply_migrations(Connection& connection, std::int64_t up_to_version) {
  connection.execute_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)");
  int applied = 0;
  const bool sqlite = connection.dialect() == Dialect::sqlite;
  const auto migrations = migrations_for(connection.dialect());
  for (const auto& migration : migrations) {
    if (migration.version > up_to_version) break;
    // SQLite changes a constraint by rebuilding the table, which its foreign
    // keys would refuse; they are checked by hand before the commit instead
    // (SQLite's documented procedure). The pragma only works outside a transaction.
    if (sqlite) connection.execute_script("PRAGMA foreign_keys = OFF");
    struct ForeignKeysBackOn {
      Connection& connection;
      bool sqlite;
      ~ForeignKeysBackOn() {
        if (sqlite) connection.execute_script("PRAGMA foreign_keys = ON");
      }
    } back_on{connection, sqlite};
    Transaction transaction(connection);
    if (connection.dialect() == Dialect::postgres) {
      connection.execute_script("LOCK TABLE schema_migrations IN EXCLUSIVE MODE");
    }
    // Inside the write transaction, so two processes migrating at once
    // cannot both apply the same step.
    auto seen = query(connection, "SELECT 1 FROM schema_migrations WHERE version = ?", migration.version);
    if (seen->step()) continue;
    seen.reset();
    connection.execute_script(migration.sql);
    if (sqlite) {
      auto broken = query(connection, "PRAGMA foreign_key_check");
      if (broken->step()) {
        throw DatabaseError("migration " + std::to_string(migration.version) + " broke a foreign key in table " +
                            broken->text(0));
      }
    }
    exec(connection, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", migration.version,
         domain::format_timestamp(
             std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                 .count()));
    transaction.commit();
    ++applied;
  }
  // The read models are built from the schema as the last migration left
  // it; a database held at an older version for a test has none.
  if (!migrations.empty() && migrations.back().version <= up_to_version) ensure_read_models(connection);
  return applied;
}

void reset_schema(Connection& connection) {
  if (connection.dialect() == Dialect::postgres) {
    connection.execute_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    return;
  }
  std::vector<std::string> tables;
  auto rows = query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  while (rows->step()) tables.push_back(rows->text(0));
  rows.reset();
  connection.execute_script("PRAGMA foreign_keys = OFF");
  for (const auto& table : tables) connection.execute_script("DROP TABLE IF EXISTS \"" + table + "\"");
  connection.execute_script("PRAGMA foreign_keys = ON");
}

}  // namespace gezicht::storage
