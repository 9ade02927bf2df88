#include "service/audit_trail.hpp"

#include <spdlog/spdlog.h>

#include "domain/calendar.hpp"
#include "service/errors.hpp"

namespace gezicht::service {

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
  record.actor_role = domain::to_string(actor.access_role);
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
