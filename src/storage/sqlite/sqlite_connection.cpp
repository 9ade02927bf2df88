#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <charconv>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gezicht::storage::sqlite {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, std::string_view context) {
  std::string message = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  if ((code & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(message);
  throw DatabaseError(message);
}

}  // namespace

void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    const int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (rc != SQLITE_OK) fail(nullptr, rc, "configuring SQLite (memory statistics off)");
  });
}

namespace {

class SqliteStatement final : public Statement {
 public:
  // The statement comes from the connection's cache; it is reset, not
  // finalised, when this wrapper goes away.
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use) : db_(db), stmt_(stmt), in_use_(in_use) {}
  ~SqliteStatement() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  }

  void bind(int index, const Value& value) override {
    // Binding after a run starts a fresh run (as on PostgreSQL); SQLite
    // refuses bindings until the statement is reset.
    if (stepped_) {
      sqlite3_reset(stmt_);
      stepped_ = false;
    }
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
      rc = sqlite3_bind_null(stmt_, index);
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
      rc = sqlite3_bind_int64(stmt_, index, *number);
    } else {
      const auto& text = std::get<std::string>(value);
      rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) fail(db_, rc, "binding parameter " + std::to_string(index));
  }

  bool step() override {
    stepped_ = true;
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    fail(db_, rc, std::string("executing ") + sqlite3_sql(stmt_));
  }

  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::int64_t int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const override {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!data) return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::int64_t changes() const override { return changes_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
  std::int64_t changes_ = 0;
  bool stepped_ = false;
};

// A statement prepared for one-off use (the cached one was busy) owns itself.
class OwnedSqliteStatement final : public Statement {
 public:
  OwnedSqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : stmt_{stmt}, in_use_(true), inner_(db, stmt, &in_use_) {}
  ~OwnedSqliteStatement() override = default;
  void bind(int index, const Value& value) override { inner_.bind(index, value); }
  bool step() override { return inner_.step(); }
  bool is_null(int column) const override { return inner_.is_null(column); }
  std::int64_t int64(int column) const override { return inner_.int64(column); }
  std::string text(int column) const override { return inner_.text(column); }
  std::int64_t changes() const override { return inner_.changes(); }

 private:
  struct Finalizer {
    sqlite3_stmt* stmt;
    ~Finalizer() { sqlite3_finalize(stmt); }
  };
  Finalizer stmt_;  // declared before inner_, so destroyed after it
  bool in_use_;
  SqliteStatement inner_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    configure_sqlite_once();
    int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string message =
          "cannot open SQLite database '" + path + "': " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      sqlite3_close(db_);
      throw DatabaseError(message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
    execute_script(
        "PRAGMA journal_mode = WAL;"
        "PRAGMA synchronous = FULL;"
        "PRAGMA foreign_keys = ON;"
        "PRAGMA temp_store = MEMORY;"
        "PRAGMA cache_size = -32000;");
  }

  ~SqliteConnection() override {
    for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  std::unique_ptr<Statement> prepare(std::string_view sql) override {
    auto found = cache_.find(std::string(sql));
    if (found != cache_.end()) {
      if (!found->second.in_use) {
        found->second.in_use = true;
        return std::make_unique<SqliteStatement>(db_, found->second.stmt, &found->second.in_use);
      }
      return std::make_unique<OwnedSqliteStatement>(db_, compile(sql, 0));
    }
    // Compiled before it is cached: a statement that fails to compile must
    // fail again next time, not leave a null statement behind.
    auto* stmt = compile(sql, SQLITE_PREPARE_PERSISTENT);
    auto& entry = cache_[std::string(sql)];
    entry.stmt = stmt;
    entry.in_use = true;
    return std::make_unique<SqliteStatement>(db_, entry.stmt, &entry.in_use);
  }

  void execute_script(std::string_view sql) override {
    char* error = nullptr;
    std::string script(sql);
    int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = std::string("SQLite script failed: ") + (error ? error : sqlite3_errstr(rc));
      sqlite3_free(error);
      if ((rc & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(message);
      throw DatabaseError(message);
    }
  }

  void begin() override { execute_script("BEGIN IMMEDIATE"); }
  void commit() override { execute_script("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) execute_script("ROLLBACK");
  }

  void bulk_insert(std::string_view table, const std::vector<std::string>& columns,
                   const std::vector<std::vector<Value>>& rows) override {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + columns[i];
      marks += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    for (const auto& row : rows) {
      if (row.size() != columns.size()) throw DatabaseError("bulk_insert into " + std::string(table) + ": row width");
      auto statement = prepare(sql);
      for (std::size_t i = 0; i < row.size(); ++i) statement->bind(static_cast<int>(i + 1), row[i]);
      statement->step();
    }
  }

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  sqlite3_stmt* compile(std::string_view sql, unsigned flags) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), flags, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "preparing " + std::string(sql));
    return stmt;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, CachedStatement> cache_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

}  // namespace gezicht::storage::sqlite
