#include "web/mail_outbox.hpp"

#include <spdlog/spdlog.h>

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

MailOutbox::MailOutbox(const Translations& translations, MailIdentity from, std::unique_ptr<mail::MailSender> sender)
    : translations_(translations), from_(std::move(from)), sender_(std::move(sender)), worker_([this] { run(); }) {}

MailOutbox::~MailOutbox() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void MailOutbox::queue(service::MailIntent intent) {
  {
    const std::lock_guard lock(mutex_);
    if (queue_.size() >= max_queued) {
      spdlog::error("mail: the queue is full; a {} message was dropped", intent.kind);
      return;
    }
    queue_.push_back(std::move(intent));
  }
  wake_.notify_one();
}

void MailOutbox::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void MailOutbox::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    // What is queued at a graceful stop is still sent.
    if (queue_.empty()) {
      if (stopping_) return;
      continue;
    }
    auto intent = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    try {
      sender_->send(compose_mail(translations_, from_, intent));
      spdlog::info("mail: a {} message was sent", intent.kind);
    } catch (const std::exception& error) {
      // Never the address or the code in the log: the kind and the reason.
      spdlog::error("mail: a {} message could not be sent: {}", intent.kind, error.what());
    }
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

}  // namespace gezicht::web
