#pragma once
// The one storage interface. Repositories are written once against
// Connection/Statement; SQLite and PostgreSQL each implement it.
//
// SQL uses `?` placeholders; the PostgreSQL implementation rewrites them to
// $1, $2, ... Values travel as text or integers; timestamps are stored as
// ISO-8601 UTC text ("2026-11-29T16:43:00Z") and dates as "YYYY-MM-DD" in both
// databases, so the same queries compare and sort them the same way.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gezicht::storage {

// Thrown for any database failure. The message is for the log and the
// administrator, never for a page.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A unique or foreign-key constraint was violated; callers may retry
// (for example a reference code that collided).
class ConstraintError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

// The connection to the database server is gone (it stopped, or a standby is
// taking over). Whatever was not committed is not saved; the next use of the
// connection connects again, so the caller may try again shortly.
class ConnectionLost : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

enum class Dialect { sqlite, postgres };

using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;

// A prepared statement. bind() then step() through the rows.
class Statement {
 public:
  virtual ~Statement() = default;
  // index is 1-based, as in both C APIs.
  virtual void bind(int index, const Value& value) = 0;
  // Executes on the first call; returns true while a row is available.
  virtual bool step() = 0;
  virtual bool is_null(int column) const = 0;
  virtual std::int64_t int64(int column) const = 0;
  virtual std::string text(int column) const = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  virtual std::int64_t changes() const = 0;

  std::optional<std::string> optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
  }
  std::optional<std::int64_t> optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
  }
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Prepared statements are cached per connection by their SQL text.
  virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
  // Runs one or more statements without parameters (migrations, pragmas).
  virtual void execute_script(std::string_view sql) = 0;
  // A write transaction. SQLite takes the write lock at once (BEGIN IMMEDIATE)
  // so two writers never deadlock on a lock upgrade.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // Fast path for loading many rows (demo data): COPY on PostgreSQL, one
  // reused prepared INSERT on SQLite. Must be called inside a transaction.
  virtual void bulk_insert(std::string_view table, const std::vector<std::string>& columns,
                           const std::vector<std::vector<Value>>& rows) = 0;
  // Runs bound, not yet stepped statements of this connection ahead of
  // reading them. PostgreSQL sends them in one round trip (pipeline mode),
  // where they also run in one implicit transaction and so see one snapshot;
  // SQLite, in-process, runs each when it is first stepped.
  virtual void run_together(const std::vector<Statement*>& statements) { (void)statements; }
};

// Opens a connection from a location: a file path for SQLite, or a
// postgresql:// (or postgres://) URL.
std::unique_ptr<Connection> open_connection(const std::string& location);
bool is_postgres_location(std::string_view location);

// RAII transaction: rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(connection) { connection_.begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!done_) {
      try {
        connection_.rollback();
      } catch (...) {
        // A failed rollback leaves nothing to save; the connection reports it next use.
      }
    }
  }
  void commit() {
    connection_.commit();
    done_ = true;
  }

 private:
  Connection& connection_;
  bool done_ = false;
};

// Convenience: prepare and bind in one call.
template <typename... Args>
std::unique_ptr<Statement> query(Connection& connection, std::string_view sql, Args&&... args) {
  auto statement = connection.prepare(sql);
  int index = 1;
  (statement->bind(index++, Value(std::forward<Args>(args))), ...);
  return statement;
}

// Runs a statement that returns no rows; returns the number of rows changed.
template <typename... Args>
std::int64_t exec(Connection& connection, std::string_view sql, Args&&... args) {
  auto statement = query(connection, sql, std::forward<Args>(args)...);
  statement->step();
  return statement->changes();
}

}  // namespace gezicht::storage
