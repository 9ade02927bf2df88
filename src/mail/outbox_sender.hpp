#pragma once
// Writes each mail as a file instead of sending it: for development, demos
// and the end-to-end tests, which read the codes back from the files.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "mail/mail_sender.hpp"

namespace gezicht::mail {

class OutboxSender final : public MailSender {
 public:
  // Seconds since the Unix epoch, UTC; must be safe to call from any thread.
  using Clock = std::function<std::int64_t()>;

  // Creates directory (mode 0700, parents as needed) when it is missing, or
  // throws MailError. sender_domain is the Message-ID's right-hand side;
  // empty: the domain of each From address. Without a clock the system
  // clock is used.
  explicit OutboxSender(std::filesystem::path directory, std::string sender_domain = {}, Clock clock = {});

  // Writes <yyyymmddThhmmssZ>-<16 hex>.eml, mode 0600, atomically: readers
  // see the whole file or none, and it survives a crash once send returns.
  // The file name without .eml is also the Message-ID's local part.
  // Safe to call from several threads at once.
  void send(const MailMessage& message) override;

  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
  std::string sender_domain_;
  Clock clock_;
};

}  // namespace gezicht::mail
