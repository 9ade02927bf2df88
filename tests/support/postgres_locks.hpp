#pragma once
// A barrier for PostgreSQL race tests: the lock table says when another
// session waits for a lock held by a given one, so a test can act while it
// waits, however loaded the machine is (no sleeps).

#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::testing {

inline std::int64_t backend_pid(storage::Connection& connection) {
  auto row = storage::query(connection, "SELECT pg_backend_pid()");
  if (!row->step()) throw storage::DatabaseError("pg_backend_pid() returned no row");
  return row->int64(0);
}

// True once some session waits for a lock that session `holder` holds;
// false after a minute without.
inline bool wait_until_someone_waits_for(storage::Connection& watcher, std::int64_t holder) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    auto row =
        storage::query(watcher, "SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", holder);
    if (row->step() && row->int64(0) > 0) return true;
    std::this_thread::yield();
  }
  return false;
}

// True once every one of `sessions` waits for a lock, whoever holds it (a
// row's later waiters queue behind its first, not behind its holder); false
// after a minute without.
inline bool wait_until_all_wait(storage::Connection& watcher, const std::vector<std::int64_t>& sessions) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::size_t waiting = 0;
    for (const auto pid : sessions) {
      auto row = storage::query(watcher, "SELECT cardinality(pg_blocking_pids(CAST(? AS int)))", pid);
      if (row->step() && row->int64(0) > 0) ++waiting;
    }
    if (waiting == sessions.size()) return true;
    std::this_thread::yield();
  }
  return false;
}

}  // namespace gezicht::testing
