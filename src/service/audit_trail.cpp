#include "service/audit_trail.hpp"

#include <spdlog/spdlog.h>

#include "domain/calendar.hpp"
#include "service/errors.hpp"
#include "service/random.hpp"
#include "storage/audit_repository.hpp"

namespace gezicht::service {
namespace {

// Each field with its length, so no two different entries read the same.
void append_field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

std::string optional_number(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string("-");
}

}  // namespace

std::string audit_hash(const std::string& prev_hash, const storage::AuditRecord& r) {
  std::string text;
  text.reserve(512);
  append_field(text, prev_hash);
  append_field(text, std::to_string(r.seq));
  append_field(text, r.at);
  append_field(text, optional_number(r.actor_user_id));
  append_field(text, r.actor_name);
  append_field(text, r.actor_role);
  append_field(text, r.organisation);
  append_field(text, r.on_behalf_of);
  append_field(text, optional_number(r.household_id));
  append_field(text, r.part);
  append_field(text, r.action);
  append_field(text, r.result);
  append_field(text, r.client_address);
  append_field(text, r.purpose);
  append_field(text, r.route);
  return blake2b_hex(text, 32);
}

void append_to_chain(storage::Connection& connection, std::vector<storage::AuditRecord>& records) {
  storage::AuditRepository audit(connection);
  auto head = audit.lock_head();
  if (records.empty()) return;
  for (auto& record : records) {
    record.seq = ++head.last_seq;
    record.prev_hash = head.last_hash;
    record.hash = audit_hash(record.prev_hash, record);
    head.last_hash = record.hash;
  }
  audit.insert_all(records);
  audit.set_head(head.last_seq, head.last_hash);
}

ChainCheck verify_audit_chain(storage::Connection& connection) {
  storage::AuditRepository audit(connection);
  const auto head = audit.head();
  ChainCheck check;
  std::int64_t expected_seq = head.first_seq;
  std::string running = head.first_prev_hash;
  auto broken = [&](std::int64_t seq, std::string problem) {
    if (!check.intact) return;
    check.intact = false;
    check.first_broken_seq = seq;
    check.problem = std::move(problem);
  };
  audit.each_in_order([&](const storage::AuditRecord& record) {
    ++check.entries;
    if (!check.intact) return;
    if (record.seq != expected_seq) {
      broken(expected_seq,
             "entry " + std::to_string(expected_seq) + " is missing (next is " + std::to_string(record.seq) + ")");
      return;
    }
    if (record.prev_hash != running) {
      broken(record.seq, "entry " + std::to_string(record.seq) + " does not follow the entry before it");
      return;
    }
    if (audit_hash(record.prev_hash, record) != record.hash) {
      broken(record.seq, "entry " + std::to_string(record.seq) + " was changed after it was written");
      return;
    }
    running = record.hash;
    ++expected_seq;
  });
  if (check.intact && (expected_seq - 1 != head.last_seq || running != head.last_hash)) {
    broken(expected_seq, "the chain ends at entry " + std::to_string(expected_seq - 1) + " but its head says " +
                             std::to_string(head.last_seq) + ": entries at the end were removed");
  }
  check.head_hash = head.last_hash;
  return check;
}

AuditTrail::AuditTrail(const Clock& clock, Options options) : clock_(clock), options_(std::move(options)) {
  if (!options_.location.empty()) {
    writer_connection_ = storage::open_connection(options_.location);
    writer_ = std::thread([this] { run_writer(); });
  }
}

AuditTrail::~AuditTrail() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
}

storage::AuditRecord AuditTrail::make_record(const Actor& actor, const AuditEvent& event) const {
  storage::AuditRecord record;
  record.at = domain::format_timestamp(clock_.now());
  record.actor_user_id = actor.user_id;
  record.actor_name = actor.name;
  record.actor_role = actor.role;
  record.organisation = actor.team_name.empty() ? "Gemeente" : actor.team_name;
  record.household_id = event.household_id;
  record.part = event.part;
  record.action = event.action;
  record.result = event.result;
  record.client_address = actor.client_address;
  record.purpose = event.purpose;
  record.route = actor.route;
  return record;
}

void AuditTrail::record_in(storage::Connection& connection, const Actor& actor, const AuditEvent& event) {
  std::vector<storage::AuditRecord> records{make_record(actor, event)};
  append_to_chain(connection, records);
}

void AuditTrail::record_later(const Actor& actor, const AuditEvent& event) {
  if (!options_.log_reads && event.result == "allowed") return;
  auto record = make_record(actor, event);
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(record));
    ++queued_total_;
  }
}

bool AuditTrail::write_batch(storage::Connection& connection, std::vector<storage::AuditRecord>& batch) {
  try {
    storage::Transaction transaction(connection);
    append_to_chain(connection, batch);
    transaction.commit();
    return true;
  } catch (const std::exception& error) {
    spdlog::error("audit trail: {} entries not written yet, will retry: {}", batch.size(), error.what());
    return false;
  }
}

void AuditTrail::run_writer() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, options_.flush_interval, [this] { return stopping_ || flush_requested_; });
    flush_requested_ = false;
    if (!queue_.empty()) {
      std::vector<storage::AuditRecord> batch(std::make_move_iterator(queue_.begin()),
                                              std::make_move_iterator(queue_.end()));
      queue_.clear();
      lock.unlock();
      const bool written = write_batch(*writer_connection_, batch);
      lock.lock();
      if (written) {
        written_total_ += batch.size();
        written_.notify_all();
      } else {
        // Back at the front, in order, for the next round.
        queue_.insert(queue_.begin(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
      }
    }
    if (stopping_ && queue_.empty()) return;
    if (stopping_) {
      spdlog::error("audit trail: stopping with {} entries that could not be written", queue_.size());
      return;
    }
  }
}

void AuditTrail::flush() {
  std::unique_lock lock(mutex_);
  if (!writer_.joinable()) throw std::logic_error("AuditTrail::flush() without a writer: pass a connection");
  const auto target = queued_total_;
  flush_requested_ = true;
  wake_.notify_all();
  written_.wait(lock, [&] { return written_total_ >= target; });
}

void AuditTrail::catch_up(storage::Connection& connection) {
  if (!writer_.joinable()) {
    flush(connection);
    return;
  }
  std::unique_lock lock(mutex_);
  const auto target = queued_total_;
  if (written_total_ >= target) return;
  flush_requested_ = true;
  wake_.notify_all();
  if (!written_.wait_for(lock, options_.catch_up_patience, [&] { return written_total_ >= target; })) {
    throw Unavailable("audit.unavailable", "audit trail: " + std::to_string(target - written_total_) +
                                               " queued reads not written within " +
                                               std::to_string(options_.catch_up_patience.count()) + " ms");
  }
}

void AuditTrail::flush(storage::Connection& connection) {
  std::vector<storage::AuditRecord> batch;
  {
    std::lock_guard lock(mutex_);
    batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
    queue_.clear();
  }
  if (batch.empty()) return;
  storage::Transaction transaction(connection);
  append_to_chain(connection, batch);
  transaction.commit();
  std::lock_guard lock(mutex_);
  written_total_ += batch.size();
}

}  // namespace gezicht::service
