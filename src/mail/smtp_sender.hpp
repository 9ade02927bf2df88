#pragma once
// Sends mail to an SMTP server (the municipality's relay) with libcurl.

#include <cstdint>
#include <functional>
#include <string>

#include "mail/mail_sender.hpp"

namespace gezicht::mail {

struct SmtpSettings {
  std::string url;       // smtp://host:port or smtps://host:port (TLS from the first byte)
  std::string username;  // empty: no AUTH
  std::string password;
  // STARTTLS on an smtp:// connection; smtps:// is always TLS.
  enum class Tls { none, starttls_required, starttls_if_offered } tls = Tls::starttls_required;
  bool verify_peer = true;    // certificate chain and host name
  std::string ca_file;        // PEM; empty: the system's CA store
  long timeout_seconds = 20;  // bound on connecting, and on the whole send

  // Throws std::invalid_argument for a URL that is not smtp:// or smtps://
  // with a host, credentials in the URL (they belong in username and
  // password, away from logged URLs), a password without a username, or a
  // timeout that is not positive.
  void validate() const;
};

class SmtpSender final : public MailSender {
 public:
  // Seconds since the Unix epoch, UTC; must be safe to call from any thread.
  using Clock = std::function<std::int64_t()>;

  // Validates settings (std::invalid_argument). sender_domain is the
  // Message-ID's right-hand side; empty: the domain of each From address.
  // Without a clock the system clock is used.
  explicit SmtpSender(SmtpSettings settings, std::string sender_domain = {}, Clock clock = {});

  // One connection per message; safe to call from several threads at once.
  // MailError carries curl's error text and the server's last reply code.
  void send(const MailMessage& message) override;

 private:
  SmtpSettings settings_;
  std::string sender_domain_;
  Clock clock_;
};

}  // namespace gezicht::mail
