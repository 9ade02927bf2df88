#pragma once
// Where the application's mail goes: an SMTP server in production, a folder
// of .eml files for development, demos and the end-to-end tests.

#include <stdexcept>

#include "mail/mail_message.hpp"

namespace gezicht::mail {

// Delivery failed (server unreachable, refused, disk full). what() is for
// the administrator's log and never holds a password.
class MailError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Hands the message on, or throws MailError. A message that cannot be
  // rendered (see to_rfc5322) throws std::invalid_argument instead: that is
  // the caller's mistake, not a delivery problem to retry.
  virtual void send(const MailMessage& message) = 0;
};

}  // namespace gezicht::mail
