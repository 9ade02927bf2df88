#pragma once
// The audit trail: every access to personal data, appended to a hash chain.
//
// Changes are logged inside their own transaction (record_in), so a change
// and its entry are saved together or not at all. Reads and refused
// attempts are queued (record_later) and written by a background thread in
// batches, every flush interval (250 ms by default), so that logging does
// not slow reading: a crash can lose at most that interval's reads, never a
// change's entry. Whoever reads the trail first has what is queued written
// (catch_up), so a read shows in "who looked at it" at once.
//
// Why not more often: on SQLite every commit makes the other connections
// drop their page caches. At a batch every 50 ms the household API cost
// 45 µs of CPU per request more than with read logging off; at 250 ms,
// 16-36 µs (docs/performance.md).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "service/actor.hpp"
#include "service/audit_chain.hpp"
#include "service/clock.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

// What a service knows about an access; the trail adds who, when and the chain.
struct AuditEvent {
  std::optional<std::int64_t> household_id;
  std::string part;    // summary, plan, contacts (comma-separated), access_log, caseload, referral, ...
  std::string action;  // read, search, create, change, delete, export, emergency_access
  std::string result = "allowed";
  std::string purpose;  // the basis of access (fixed_contact, shared: ...), or the reason given
};

class AuditTrail {
 public:
  struct Options {
    std::string location;   // the database the writer thread opens; empty: record_later writes at flush()
    bool log_reads = true;  // off only for the benchmark's comparison (serve --benchmark-without-read-audit)
    std::chrono::milliseconds flush_interval{250};
    std::chrono::milliseconds catch_up_patience{5000};  // how long catch_up waits for the writer
  };
  AuditTrail(const Clock& clock, Options options);
  // Writes what is still queued.
  ~AuditTrail();
  AuditTrail(const AuditTrail&) = delete;
  AuditTrail& operator=(const AuditTrail&) = delete;

  // Appends inside the caller's open transaction.
  void record_in(storage::Connection& connection, const Actor& actor, const AuditEvent& event);
  // Queues a read (skipped when reads are not logged) or a refusal.
  void record_later(const Actor& actor, const AuditEvent& event);
  // Writes everything queued so far, over the writer's connection or the one given.
  void flush();
  void flush(storage::Connection& connection);
  // Before the trail is read: writes what is queued so far (through the
  // writer, or over `connection` without one). Throws Unavailable when the
  // writer cannot write it within catch_up_patience, rather than show a
  // trail that misses reads.
  void catch_up(storage::Connection& connection);
  bool logs_reads() const { return options_.log_reads; }

 private:
  storage::AuditRecord make_record(const Actor& actor, const AuditEvent& event) const;
  void run_writer();
  bool write_batch(storage::Connection& connection, std::vector<storage::AuditRecord>& batch);

  const Clock& clock_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable written_;
  std::deque<storage::AuditRecord> queue_;
  std::uint64_t queued_total_ = 0;   // records ever queued
  std::uint64_t written_total_ = 0;  // of those, records written
  bool stopping_ = false;
  bool flush_requested_ = false;
  std::unique_ptr<storage::Connection> writer_connection_;
  std::thread writer_;
};

}  // namespace gezicht::service
