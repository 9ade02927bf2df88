#pragma once
// Mail waiting to be sent (migration 025). Several servers send from one
// queue: a sender takes a due row by moving its next attempt on (a lease) in
// one conditional UPDATE, so two senders never take the same row at once,
// and a row whose sender died comes due again when the lease ends.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

struct NewMail {
  std::string kind;
  std::string to_address;
  std::string language;
  std::map<std::string, std::string> values;
  std::int64_t queued_at = 0;
  std::int64_t send_before = 0;
};

struct QueuedMail {
  std::int64_t id = 0;
  std::string kind;
  std::string to_address;
  std::string language;
  std::map<std::string, std::string> values;
  std::int64_t queued_at = 0;
  std::int64_t attempts = 0;  // this one included
};

// What an operator sees of a waiting message: never the address or the values.
struct WaitingMail {
  std::int64_t id = 0;
  std::string kind;
  std::int64_t queued_at = 0;
  std::int64_t send_before = 0;
  std::int64_t next_attempt_at = 0;
  std::int64_t attempts = 0;
  std::optional<std::string> last_error;
};

struct MailQueueSize {
  std::int64_t waiting = 0;
  std::optional<std::int64_t> oldest_queued_at;
};

class MailQueueRepository {
 public:
  explicit MailQueueRepository(Connection& connection) : connection_(connection) {}

  // In the caller's transaction, if one is open. Due at once.
  std::int64_t add(const NewMail& mail);
  // The longest-due row that is still worth sending, taken until
  // `lease_until` (its last error is cleared: it is being sent); nullopt
  // when none is due (or others took every due row).
  std::optional<QueuedMail> take_due(std::int64_t now, std::int64_t lease_until);
  // Sent, or not worth trying again.
  void remove(std::int64_t id);
  // Failed: due again at `next_attempt_at`; the error is kept for the operator.
  void postpone(std::int64_t id, std::int64_t next_attempt_at, const std::string& error);
  // Rows no longer worth sending; returns how many went.
  std::int64_t remove_expired(std::int64_t now);
  std::int64_t count_expired(std::int64_t now);
  MailQueueSize size();
  // Oldest first.
  std::vector<WaitingMail> waiting();
  // Every message that waits after a failed attempt is due at `now` (the
  // mail server was repaired); returns how many.
  std::int64_t make_due(std::int64_t now);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
