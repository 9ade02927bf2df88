#include "service/mail_queue.hpp"

#include "domain/mail_delivery.hpp"
#include "storage/mail_queue_repository.hpp"

namespace gezicht::service {

void StoredMailQueue::queue(storage::Connection& connection, MailIntent intent) {
  const std::int64_t now = clock_.now();
  // Throws for a kind without texts: a defect, caught before anything is saved.
  const std::int64_t worth = domain::mail_worth_sending_seconds(intent.kind);
  storage::MailQueueRepository(connection)
      .add({intent.kind, intent.to, intent.language, std::move(intent.values), now, now + worth});
  if (queued_) queued_();
}

}  // namespace gezicht::service
