#pragma once
// PostgreSQL implementation of the storage interface, on plain libpq.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/database.hpp"

// libpq's handle types (PGconn, PGresult), declared here so that code using
// this header does not need libpq's include directory.
struct pg_conn;
struct pg_result;

namespace gezicht::storage::postgres {

struct ConnDeleter {
  void operator()(pg_conn* conn) const noexcept;
};
struct ResultDeleter {
  void operator()(pg_result* result) const noexcept;
};
using ConnPtr = std::unique_ptr<pg_conn, ConnDeleter>;
using ResultPtr = std::unique_ptr<pg_result, ResultDeleter>;

// Rewrites `?` placeholders to $1..$n and sets count to n. A `?` inside a
// quoted literal, a quoted identifier or a comment is left alone
// (standard-conforming strings; E'...' backslash escapes are not parsed).
std::string rewrite_placeholders(std::string_view sql, int& count);

// Not thread-safe: one connection per thread, as with SQLite. Statements
// refer back to their connection and must not outlive it.
class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url);

  Dialect dialect() const override { return Dialect::postgres; }
  std::unique_ptr<Statement> prepare(std::string_view sql) override;
  void execute_script(std::string_view sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  // COPY ... FROM STDIN. table is a single identifier (no schema prefix).
  void bulk_insert(std::string_view table, const std::vector<std::string>& columns,
                   const std::vector<std::vector<Value>>& rows) override;
  void run_together(const std::vector<Statement*>& statements) override;

 private:
  friend class PgStatement;

  struct Prepared {
    std::string name;
    int param_count = 0;
  };

  ResultPtr execute_prepared(const std::string& sql, const std::vector<std::optional<std::string>>& params);
  const Prepared& prepared(const std::string& sql);
  void ensure_connected();
  void configure_session();
  ResultPtr run(std::string_view sql);

  ConnPtr conn_;
  std::unordered_map<std::string, Prepared> statements_;  // by SQL text as written
  std::uint64_t next_statement_id_ = 1;
  bool in_transaction_ = false;
};

// Connects to a postgresql:// or postgres:// URL. The session runs in UTC
// with UTF-8 client encoding.
std::unique_ptr<Connection> open_postgres(const std::string& url);

}  // namespace gezicht::storage::postgres
