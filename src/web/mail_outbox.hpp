#pragma once
// Sends what the services queue (service::MailQueue): writes the words in the
// resident's language from the translations and hands the message to a
// mail::MailSender (SMTP, or the outbox folder) on a thread of its own.
// In memory: a crash loses what was not sent yet (a login code is asked
// again; docs/operations.md). Bounded: when full, a message is dropped and
// logged, never a request held up.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "mail/mail_sender.hpp"
#include "service/mail_queue.hpp"
#include "web/translations.hpp"

namespace gezicht::web {

struct MailIdentity {
  std::string from_address;  // e.g. noreply@gemeente.nl
  std::string from_name;     // the municipality's name
};

// The message for an intent: subject "mail.<kind>.subject" and body
// "mail.<kind>.body", with {name} replaced by the intent's values.
mail::MailMessage compose_mail(const Translations& translations, const MailIdentity& from,
                               const service::MailIntent& intent);

class MailOutbox final : public service::MailQueue {
 public:
  static constexpr std::size_t max_queued = 1000;

  MailOutbox(const Translations& translations, MailIdentity from, std::unique_ptr<mail::MailSender> sender);
  ~MailOutbox() override;
  MailOutbox(const MailOutbox&) = delete;
  MailOutbox& operator=(const MailOutbox&) = delete;

  void queue(service::MailIntent intent) override;
  // Waits until everything queued so far was sent or failed (tests, shutdown).
  void drain();

 private:
  void run();
  const Translations& translations_;
  MailIdentity from_;
  std::unique_ptr<mail::MailSender> sender_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<service::MailIntent> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace gezicht::web
