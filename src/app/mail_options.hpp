#pragma once
// How `gezicht serve` sends mail: over SMTP (--smtp-url), or into an outbox
// folder of RFC 5322 files (--mail-outbox), the default for the demo.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "mail/mail_sender.hpp"

namespace gezicht::app {

struct MailOptions {
  std::string outbox;  // a folder; used when no SMTP URL is given
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password_file;     // a file, so the password is in no process list
  std::string smtp_tls = "starttls";  // starttls | try | none
  std::string smtp_ca_file;
  std::string from_address;  // default: noreply@ and the public URL's host
  std::string public_url;    // default: http:// and the listen address
};

void add_mail_options(CLI::App& command, MailOptions& options);
// The sender the options ask for; std::runtime_error naming the option when
// they are inconsistent. `default_outbox` when neither SMTP nor an outbox is given.
std::unique_ptr<mail::MailSender> make_mail_sender(const MailOptions& options, const std::string& default_outbox,
                                                   const std::string& sender_domain);
// Where mail goes, for the log (after the "listening on" line scripts read first).
std::string describe_mail(const MailOptions& options, const std::string& default_outbox);
// "https://mijn.gemeente.nl" -> "mijn.gemeente.nl".
std::string host_of_url(const std::string& url);

}  // namespace gezicht::app
