#include "app/mail_options.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "mail/outbox_sender.hpp"
#include "mail/smtp_sender.hpp"

namespace gezicht::app {

void add_mail_options(CLI::App& command, MailOptions& options) {
  command.add_option("--mail-outbox", options.outbox, "Folder for outgoing mail as .eml files (instead of SMTP)");
  command.add_option("--smtp-url", options.smtp_url, "smtp://host:port or smtps://host:port for outgoing mail");
  command.add_option("--smtp-user", options.smtp_user, "SMTP user name");
  command.add_option("--smtp-password-file", options.smtp_password_file, "File holding the SMTP password");
  command.add_option("--smtp-tls", options.smtp_tls, "starttls (required), try (if offered) or none")
      ->check(CLI::IsMember({"starttls", "try", "none"}))
      ->capture_default_str();
  command.add_option("--smtp-ca-file", options.smtp_ca_file, "CA certificates for the SMTP server");
  command.add_option("--mail-from", options.from_address, "Sender address (default noreply@ the public host)");
  command.add_option("--public-url", options.public_url,
                     "Where residents reach this server, for links in e-mails (default: the listen address)");
}

std::string describe_mail(const MailOptions& options, const std::string& default_outbox) {
  if (!options.smtp_url.empty()) return "mail goes out over SMTP: " + options.smtp_url;
  const std::string folder = options.outbox.empty() ? default_outbox : options.outbox;
  return "mail is written to the outbox folder " + folder + (options.outbox.empty() ? " (no --smtp-url given)" : "");
}

std::string host_of_url(const std::string& url) {
  const auto scheme = url.find("://");
  const auto start = scheme == std::string::npos ? 0 : scheme + 3;
  const auto end = url.find_first_of(":/", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::unique_ptr<mail::MailSender> make_mail_sender(const MailOptions& options, const std::string& default_outbox,
                                                   const std::string& sender_domain) {
  if (!options.smtp_url.empty()) {
    if (!options.outbox.empty()) throw std::runtime_error("give --smtp-url or --mail-outbox, not both");
    mail::SmtpSettings settings;
    settings.url = options.smtp_url;
    settings.username = options.smtp_user;
    if (!options.smtp_password_file.empty()) {
      std::ifstream file(options.smtp_password_file);
      if (!file) throw std::runtime_error("--smtp-password-file: cannot read " + options.smtp_password_file);
      std::getline(file, settings.password);
    }
    settings.tls = options.smtp_tls == "none"  ? mail::SmtpSettings::Tls::none
                   : options.smtp_tls == "try" ? mail::SmtpSettings::Tls::starttls_if_offered
                                               : mail::SmtpSettings::Tls::starttls_required;
    settings.ca_file = options.smtp_ca_file;
    settings.validate();
    return std::make_unique<mail::SmtpSender>(settings);
  }
  const std::string folder = options.outbox.empty() ? default_outbox : options.outbox;
  return std::make_unique<mail::OutboxSender>(folder, sender_domain);
}

}  // namespace gezicht::app
