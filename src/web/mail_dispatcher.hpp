#pragma once
// Sends the mail that waits in the database (storage::MailQueueRepository):
// writes the words in the resident's language from the translations and hands
// each message to a mail::MailSender (SMTP, or the outbox folder), on a thread
// of its own with a connection of its own. Every server runs one; they share
// the queue, and each message is taken by one of them at a time.
//
// A message is removed once the mail server has it. If sending fails it is
// tried again later (domain::next_mail_attempt) until it is no longer worth
// sending (domain::mail_worth_sending_seconds). A server killed while sending
// leaves the message taken until its lease ends; then another sends it, so a
// message can arrive twice, never not at all while it is worth sending.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "mail/mail_sender.hpp"
#include "service/clock.hpp"
#include "service/mail_queue.hpp"
#include "storage/database.hpp"
#include "storage/mail_queue_repository.hpp"
#include "web/translations.hpp"

namespace gezicht::web {

class Metrics;

struct MailIdentity {
  std::string from_address;  // e.g. noreply@gemeente.nl
  std::string from_name;     // the municipality's name
};

// The message for an intent: subject "mail.<kind>.subject" and body
// "mail.<kind>.body", with {name} replaced by the intent's values.
mail::MailMessage compose_mail(const Translations& translations, const MailIdentity& from,
                               const service::MailIntent& intent);

class MailDispatcher {
 public:
  struct Options {
    std::string location;  // the database
    // How often the queue is looked at without being woken: what another
    // server (or the CLI) queued waits at most this long.
    std::chrono::milliseconds poll_interval{1000};
  };

  MailDispatcher(const service::Clock& clock, const Translations& translations, MailIdentity from,
                 std::unique_ptr<mail::MailSender> sender, Metrics& metrics, Options options);
  // Finishes the message being sent; the rest waits in the database.
  ~MailDispatcher();
  // Starts sending, on the dispatcher's thread. Apart from the constructor,
  // so that a server can start it after its "listening on" line, which
  // scripts read as the first.
  void start();
  MailDispatcher(const MailDispatcher&) = delete;
  MailDispatcher& operator=(const MailDispatcher&) = delete;

  // Something was queued: look soon. The queuing transaction may not have
  // committed yet, so the dispatcher looks again shortly after.
  void wake();

 private:
  void run();
  // Removes what expired and sends everything due.
  void send_due(storage::Connection& connection);
  void send_one(storage::Connection& connection, const storage::QueuedMail& mail);

  const service::Clock& clock_;
  const Translations& translations_;
  MailIdentity from_;
  std::unique_ptr<mail::MailSender> sender_;
  Metrics& metrics_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace gezicht::web
