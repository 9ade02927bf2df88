#include "web/mail_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

#include "domain/mail_delivery.hpp"
#include "web/metrics.hpp"

namespace gezicht::web {
namespace {

// "{code}" -> the value; a placeholder without a value is a defect in the texts.
std::string fill(const std::string& text, const std::map<std::string, std::string>& values, const std::string& key) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find('{', at);
    if (open == std::string::npos) break;
    const auto close = text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, at, open - at);
    const auto name = text.substr(open + 1, close - open - 1);
    const auto value = values.find(name);
    if (value == values.end())
      throw std::runtime_error("the text " + key + " names {" + name + "}, which is not given");
    out += value->second;
    at = close + 1;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace

mail::MailMessage compose_mail(const Translations& translations, const MailIdentity& from,
                               const service::MailIntent& intent) {
  const std::string language = translations.supports(intent.language) ? intent.language : "nl";
  const std::string subject_key = "mail." + intent.kind + ".subject";
  const std::string body_key = "mail." + intent.kind + ".body";
  mail::MailMessage message;
  message.from_address = from.from_address;
  message.from_name = from.from_name;
  message.to_address = intent.to;
  message.subject = fill(translations.text(language, subject_key), intent.values, subject_key);
  message.body_text =
      fill(translations.text(language, body_key), intent.values, body_key) + "\n\n" +
      fill(translations.text(language, "mail.signature"), {{"municipality", from.from_name}}, "mail.signature");
  message.language = language;
  return message;
}

MailDispatcher::MailDispatcher(const service::Clock& clock, const Translations& translations, MailIdentity from,
                               std::unique_ptr<mail::MailSender> sender, Metrics& metrics, Options options)
    : clock_(clock),
      translations_(translations),
      from_(std::move(from)),
      sender_(std::move(sender)),
      metrics_(metrics),
      options_(std::move(options)) {}

void MailDispatcher::start() {
  if (worker_.joinable()) throw std::logic_error("the mail dispatcher was started already");
  worker_ = std::thread([this] { run(); });
}

MailDispatcher::~MailDispatcher() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void MailDispatcher::wake() {
  {
    const std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void MailDispatcher::run() {
  // A wake comes before the queuing transaction commits: look at once, then
  // after 25 ms, 50 ms, ... up to the poll interval.
  constexpr std::chrono::milliseconds soon{25};
  std::unique_ptr<storage::Connection> connection;
  auto delay = options_.poll_interval;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      if (!connection) connection = storage::open_connection(options_.location);
      send_due(*connection);
    } catch (const std::exception& error) {
      // The database went away (a failover, a restart): a new connection next time.
      spdlog::error("mail: the queue could not be read: {}", error.what());
      connection.reset();
    }
    lock.lock();
    if (stopping_) break;
    wake_.wait_for(lock, delay, [this] { return stopping_ || woken_; });
    if (woken_) {
      woken_ = false;
      delay = soon;
    } else {
      delay = std::min(delay * 2, options_.poll_interval);
    }
  }
}

void MailDispatcher::send_due(storage::Connection& connection) {
  storage::MailQueueRepository queue(connection);
  // An empty queue costs one read a round, no write: on SQLite a write would
  // take the one write lock every second, and with it the other connections' caches.
  auto size = queue.size();
  if (size.waiting == 0) {
    metrics_.mail_waiting(0, 0);
    return;
  }
  if (const auto expired = queue.remove_expired(clock_.now()); expired > 0) {
    spdlog::warn("mail: {} message(s) were no longer worth sending and were removed unsent", expired);
    metrics_.mail_expired(expired);
  }
  for (;;) {
    {
      const std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    const auto now = clock_.now();
    const auto mail = queue.take_due(now, now + domain::mail_lease_seconds);
    if (!mail) break;
    send_one(connection, *mail);
  }
  size = queue.size();
  metrics_.mail_waiting(size.waiting, size.oldest_queued_at ? clock_.now() - *size.oldest_queued_at : 0);
}

void MailDispatcher::send_one(storage::Connection& connection, const storage::QueuedMail& mail) {
  storage::MailQueueRepository queue(connection);
  // Never the address or the values in the log: the kind, the row and the reason.
  const auto drop = [&](const std::exception& error) {
    spdlog::error("mail: a {} message (queue row {}) cannot be written and was removed: {}", mail.kind, mail.id,
                  error.what());
    metrics_.mail_failed();
    queue.remove(mail.id);
  };
  mail::MailMessage message;
  try {
    message = compose_mail(translations_, from_, {mail.kind, mail.to_address, mail.language, mail.values});
  } catch (const std::exception& error) {
    drop(error);  // a text names a value it was not given: trying again cannot help
    return;
  }
  try {
    sender_->send(message);
  } catch (const std::invalid_argument& error) {
    drop(error);  // the mail format refuses the message (see mail::to_rfc5322)
    return;
  } catch (const std::exception& error) {
    // The mail server (or the outbox folder) did not take it: later, again.
    const auto next = domain::next_mail_attempt(mail.attempts, clock_.now());
    spdlog::error("mail: a {} message (queue row {}) could not be sent, attempt {}; again in {} s: {}", mail.kind,
                  mail.id, mail.attempts, next - clock_.now(), error.what());
    metrics_.mail_failed();
    queue.postpone(mail.id, next, error.what());
    return;
  }
  queue.remove(mail.id);
  metrics_.mail_sent();
  spdlog::info("mail: a {} message was sent", mail.kind);
}

}  // namespace gezicht::web
