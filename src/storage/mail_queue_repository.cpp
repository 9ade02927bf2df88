#include "storage/mail_queue_repository.hpp"

namespace gezicht::storage {

std::int64_t MailQueueRepository::add(const NewMail& mail) {
  // Outside a transaction each statement commits alone, and a sender could
  // take the row before its values are there. So the row is saved never due
  // (next attempt at send_before, when it is no longer worth sending) and
  // becomes due with the last statement. A crash in between leaves a row
  // that is removed unsent at send_before.
  auto row = query(connection_,
                   "INSERT INTO mail_queue (kind, to_address, language, queued_at, send_before, next_attempt_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                   mail.kind, mail.to_address, mail.language, mail.queued_at, mail.send_before, mail.send_before);
  row->step();
  const std::int64_t id = row->int64(0);
  row.reset();
  for (const auto& [name, value] : mail.values) {
    exec(connection_, "INSERT INTO mail_queue_values (mail_id, name, value) VALUES (?, ?, ?)", id, name, value);
  }
  exec(connection_, "UPDATE mail_queue SET next_attempt_at = queued_at WHERE id = ?", id);
  return id;
}

std::optional<QueuedMail> MailQueueRepository::take_due(std::int64_t now, std::int64_t lease_until) {
  // Another sender may take a candidate between the SELECT and the UPDATE:
  // the UPDATE's condition is evaluated again on the row as that sender left
  // it (PostgreSQL waits for its commit; SQLite writes one at a time), so
  // only one of them changes it. The loser tries the next candidate.
  for (int tries = 0; tries < 5; ++tries) {
    std::optional<std::int64_t> candidate;
    {
      auto row = query(connection_,
                       "SELECT id FROM mail_queue WHERE next_attempt_at <= ? AND send_before > ? "
                       "ORDER BY next_attempt_at, id LIMIT 1",
                       now, now);
      if (row->step()) candidate = row->int64(0);
    }
    if (!candidate) return std::nullopt;
    const auto taken = exec(connection_,
                            "UPDATE mail_queue SET next_attempt_at = ?, attempts = attempts + 1, last_error = NULL "
                            "WHERE id = ? AND next_attempt_at <= ?",
                            lease_until, *candidate, now);
    if (taken != 1) continue;
    QueuedMail mail;
    {
      auto row =
          query(connection_, "SELECT id, kind, to_address, language, queued_at, attempts FROM mail_queue WHERE id = ?",
                *candidate);
      if (!row->step()) continue;  // sent and removed by a sender whose lease had ended
      mail = {row->int64(0), row->text(1), row->text(2), row->text(3), {}, row->int64(4), row->int64(5)};
    }
    auto values = query(connection_, "SELECT name, value FROM mail_queue_values WHERE mail_id = ?", mail.id);
    while (values->step()) mail.values.emplace(values->text(0), values->text(1));
    return mail;
  }
  return std::nullopt;
}

void MailQueueRepository::remove(std::int64_t id) { exec(connection_, "DELETE FROM mail_queue WHERE id = ?", id); }

void MailQueueRepository::postpone(std::int64_t id, std::int64_t next_attempt_at, const std::string& error) {
  exec(connection_, "UPDATE mail_queue SET next_attempt_at = ?, last_error = ? WHERE id = ?", next_attempt_at, error,
       id);
}

std::int64_t MailQueueRepository::remove_expired(std::int64_t now) {
  return exec(connection_, "DELETE FROM mail_queue WHERE send_before <= ?", now);
}

std::int64_t MailQueueRepository::count_expired(std::int64_t now) {
  auto row = query(connection_, "SELECT COUNT(*) FROM mail_queue WHERE send_before <= ?", now);
  row->step();
  return row->int64(0);
}

MailQueueSize MailQueueRepository::size() {
  auto row = query(connection_, "SELECT COUNT(*), MIN(queued_at) FROM mail_queue");
  row->step();
  MailQueueSize size;
  size.waiting = row->int64(0);
  if (!row->is_null(1)) size.oldest_queued_at = row->int64(1);
  return size;
}

std::vector<WaitingMail> MailQueueRepository::waiting() {
  auto row = query(connection_,
                   "SELECT id, kind, queued_at, send_before, next_attempt_at, attempts, last_error FROM mail_queue "
                   "ORDER BY queued_at, id");
  std::vector<WaitingMail> list;
  while (row->step()) {
    list.push_back({row->int64(0), row->text(1), row->int64(2), row->int64(3), row->int64(4), row->int64(5),
                    row->optional_text(6)});
  }
  return list;
}

std::int64_t MailQueueRepository::make_due(std::int64_t now) {
  // Only rows that wait after a failure: a taken row has no error (take_due
  // clears it) and is left to the sender that has it.
  return exec(connection_,
              "UPDATE mail_queue SET next_attempt_at = ? WHERE next_attempt_at > ? AND last_error IS NOT NULL", now,
              now);
}

}  // namespace gezicht::storage
