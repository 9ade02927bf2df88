// SQLite backups through the online backup API: the copy is one consistent
// snapshot (one read transaction), and the servers' writers carry on beside
// it, as the database is in WAL mode.

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/backup.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace gezicht::storage::sqlite {
namespace {

struct Closer {
  void operator()(sqlite3* db) const noexcept { sqlite3_close(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Handle open(const std::string& path, int flags, const char* what) {
  configure_sqlite_once();
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  Handle handle(db);
  if (rc != SQLITE_OK) {
    throw BackupError(std::string("cannot open ") + what + " " + path + ": " +
                      (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 10000);
  return handle;
}

void exec(sqlite3* db, const char* sql, const std::string& what) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw BackupError(what + ": " + text);
  }
}

std::string single_text(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
    throw BackupError(std::string("cannot read ") + sql + ": " + sqlite3_errmsg(db));
  }
  std::string value;
  if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0)) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  return value;
}

// Every page in one step, so the copy is one snapshot. A writer holding the
// file at that moment makes the step busy: tried again, within the busy timeout.
void copy(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) throw BackupError(what + ": " + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 200; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw BackupError(what + ": " + sqlite3_errstr(rc));
}

void check(sqlite3* db, const std::string& path) {
  const auto result = single_text(db, "PRAGMA quick_check");
  if (result != "ok") throw BackupError("the copy at " + path + " fails SQLite's check: " + result);
}

}  // namespace

void backup_sqlite(const std::string& path, const std::string& partial) {
  // Never created: a mistyped path is an error, not a new empty database.
  if (!std::filesystem::exists(path)) throw BackupError("there is no database at " + path);
  auto source = open(path, SQLITE_OPEN_READWRITE, "the database");
  if (single_text(source.get(), "SELECT name FROM sqlite_master WHERE name = 'schema_migrations'").empty()) {
    throw BackupError(path + " is not a gezicht database (it has no schema_migrations table)");
  }
  auto copy_db = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "the backup file");
  copy(source.get(), copy_db.get(), "the backup of " + path + " failed");
  // A rollback-journal file is one self-contained file, readable from a read-only backup volume.
  exec(copy_db.get(), "PRAGMA journal_mode = DELETE", "cannot make the backup one file");
  check(copy_db.get(), partial);
}

void restore_sqlite(const std::string& file, const std::string& partial) {
  auto source = open(file, SQLITE_OPEN_READONLY, "the backup");
  check(source.get(), file);
  if (single_text(source.get(), "SELECT name FROM sqlite_master WHERE name = 'schema_migrations'").empty()) {
    throw BackupError(file + " is not a backup of a gezicht database (it has no schema_migrations table)");
  }
  auto target = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "the new database");
  copy(source.get(), target.get(), "the restore from " + file + " failed");
  exec(target.get(), "PRAGMA journal_mode = WAL", "cannot put the restored database in WAL mode");
  check(target.get(), partial);
  target.reset();  // closed: its WAL is written into the file and removed
  if (std::filesystem::exists(partial + "-wal")) {
    throw BackupError("the restored database at " + partial + " kept a write-ahead log: not moved into place");
  }
}

}  // namespace gezicht::storage::sqlite
