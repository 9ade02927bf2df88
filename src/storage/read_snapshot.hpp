#pragma once
// A read-only snapshot for reads that must agree with each other: it blocks
// no writer (SQLite's WAL with a deferred transaction, PostgreSQL's
// REPEATABLE READ READ ONLY) and ends with a rollback, since nothing was written.

#include "storage/database.hpp"

namespace gezicht::storage {

class ReadSnapshot {
 public:
  explicit ReadSnapshot(Connection& connection) : connection_(connection) {
    connection_.execute_script(connection_.dialect() == Dialect::postgres
                                   ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                   : "BEGIN DEFERRED");
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  ~ReadSnapshot() {
    try {
      connection_.execute_script("ROLLBACK");
    } catch (...) {
      // Nothing was written; the connection reports a broken state at its next use.
    }
  }

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
