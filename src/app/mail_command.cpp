// `gezicht mail queue | retry`: what waits to be sent (never an address or
// what a message says), and, once the mail server works again, sending what
// failed now instead of at its next attempt (at most an hour later).

#include <cstdio>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "domain/calendar.hpp"
#include "service/clock.hpp"
#include "storage/mail_queue_repository.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {
namespace {

void add_queue(CLI::App& mail) {
  auto db = std::make_shared<std::string>();
  auto* queue = mail.add_subcommand("queue", "List the messages that wait to be sent");
  queue->add_option("--db", *db, "SQLite file or postgresql:// URL")->required();
  queue->callback([db] {
    auto connection = storage::open_connection(*db);
    storage::apply_migrations(*connection);
    const auto waiting = storage::MailQueueRepository(*connection).waiting();
    if (waiting.empty()) {
      std::printf("mail: nothing waits to be sent\n");
      return;
    }
    std::printf("mail: %zu message(s) wait to be sent, oldest first\n", waiting.size());
    for (const auto& mail : waiting) {
      std::printf("  #%lld %-20s queued %s, %lld attempt(s), next %s, given up at %s\n",
                  static_cast<long long>(mail.id), mail.kind.c_str(), domain::format_timestamp(mail.queued_at).c_str(),
                  static_cast<long long>(mail.attempts), domain::format_timestamp(mail.next_attempt_at).c_str(),
                  domain::format_timestamp(mail.send_before).c_str());
      if (mail.last_error) std::printf("      last error: %s\n", mail.last_error->c_str());
    }
  });
}

void add_retry(CLI::App& mail) {
  auto db = std::make_shared<std::string>();
  auto* retry = mail.add_subcommand("retry", "Send the messages that failed now, not at their next attempt");
  retry->add_option("--db", *db, "SQLite file or postgresql:// URL")->required();
  retry->callback([db] {
    auto connection = storage::open_connection(*db);
    storage::apply_migrations(*connection);
    const auto due = storage::MailQueueRepository(*connection).make_due(service::SystemClock().now());
    std::printf("mail: %lld message(s) are due now; the servers send them within a second\n",
                static_cast<long long>(due));
  });
}

}  // namespace

void add_mail_command(CLI::App& app) {
  auto* mail = app.add_subcommand("mail", "See and retry the mail that waits to be sent");
  mail->require_subcommand(1);
  add_queue(*mail);
  add_retry(*mail);
}

}  // namespace gezicht::app
