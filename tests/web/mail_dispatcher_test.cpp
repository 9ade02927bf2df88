// The dispatcher that sends the queued mail, on both back-ends, with a
// sender that records, fails or refuses: what is sent is removed, what
// failed waits for its next attempt, what cannot be written is dropped, and
// what is no longer worth sending is removed unsent.

#include "web/mail_dispatcher.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "backend.hpp"
#include "domain/mail_delivery.hpp"
#include "domain/resident_login.hpp"
#include "storage/mail_queue_repository.hpp"
#include "web/metrics.hpp"

namespace gezicht::web {
namespace {

constexpr std::int64_t start = 1'800'000'000;

class RecordingSender final : public mail::MailSender {
 public:
  void send(const mail::MailMessage& message) override {
    const std::lock_guard lock(mutex);
    ++attempts;
    if (failures_left > 0) {
      --failures_left;
      throw mail::MailError("the mail server refused: 451 try again later");
    }
    if (message.to_address.find(' ') != std::string::npos) throw std::invalid_argument("not an address");
    sent.push_back(message);
  }
  std::size_t sent_count() {
    const std::lock_guard lock(mutex);
    return sent.size();
  }
  int attempt_count() {
    const std::lock_guard lock(mutex);
    return attempts;
  }

  std::mutex mutex;
  int failures_left = 0;
  int attempts = 0;
  std::vector<mail::MailMessage> sent;
};

// Waits for a condition the dispatcher's thread brings about, at most 20 s.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class MailDispatcherTest : public testing::BackendTest {
 protected:
  std::unique_ptr<MailDispatcher> start_dispatcher(int failures = 0) {
    auto recording = std::make_unique<RecordingSender>();
    recording->failures_left = failures;
    sender = recording.get();
    auto dispatcher = std::make_unique<MailDispatcher>(
        clock, translations, MailIdentity{"noreply@gemeente.test", "Gemeente Test"}, std::move(recording), metrics,
        MailDispatcher::Options{location(), std::chrono::milliseconds(20)});
    dispatcher->start();
    return dispatcher;
  }
  std::int64_t waiting() { return storage::MailQueueRepository(db()).size().waiting; }

  service::ManualClock clock{start};
  Translations translations = Translations::load_embedded();
  Metrics metrics;
  RecordingSender* sender = nullptr;
};

TEST_P(MailDispatcherTest, SendsWhatWasCommittedInTheResidentsLanguageAndRemovesIt) {
  auto dispatcher = start_dispatcher();
  service::StoredMailQueue queue(clock, [&] { dispatcher->wake(); });
  {
    storage::Transaction transaction(db());
    queue.queue(db(), {"login_code", "samira@example.nl", "tr", {{"code", "483920"}, {"minutes", "10"}}});
    transaction.commit();
  }
  ASSERT_TRUE(eventually([&] { return sender->sent_count() == 1 && waiting() == 0; }));
  const auto& message = sender->sent[0];
  EXPECT_EQ(message.to_address, "samira@example.nl");
  EXPECT_EQ(message.language, "tr");
  EXPECT_EQ(message.subject, translations.text("tr", "mail.login_code.subject"));
  EXPECT_NE(message.body_text.find("483920"), std::string::npos);
  EXPECT_NE(message.body_text.find("Gemeente Test"), std::string::npos);
  EXPECT_NE(metrics.render().find("gezicht_mail_sent_total 1\n"), std::string::npos);
}

TEST_P(MailDispatcherTest, AFailedMessageIsTriedAgainAtItsNextAttempt) {
  auto dispatcher = start_dispatcher(1);
  service::StoredMailQueue queue(clock, [&] { dispatcher->wake(); });
  queue.queue(db(), {"referral_received",
                     "bilal@example.nl",
                     "nl",
                     {{"reference", "A-7"},
                      {"contact", "Anna"},
                      {"phone", "010"},
                      {"promised_by", "maandag"},
                      {"url", "https://x.test/s"}}});
  ASSERT_TRUE(eventually([&] {
    const auto list = storage::MailQueueRepository(db()).waiting();
    return list.size() == 1 && list[0].last_error.has_value();
  }));
  const auto failed = storage::MailQueueRepository(db()).waiting()[0];
  EXPECT_EQ(failed.attempts, 1);
  EXPECT_EQ(failed.next_attempt_at, start + domain::first_mail_retry_seconds);
  EXPECT_EQ(*failed.last_error, "the mail server refused: 451 try again later");
  EXPECT_NE(metrics.render().find("gezicht_mail_failed_total 1\n"), std::string::npos);
  // Polled many times meanwhile, and not tried again before its time.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(sender->attempt_count(), 1);
  clock.advance(domain::first_mail_retry_seconds);
  ASSERT_TRUE(eventually([&] { return sender->sent_count() == 1 && waiting() == 0; }));
  EXPECT_EQ(sender->attempt_count(), 2);
}

TEST_P(MailDispatcherTest, AMessageThatCannotBeWrittenIsDroppedNotRetried) {
  auto dispatcher = start_dispatcher();
  service::StoredMailQueue queue(clock, [&] { dispatcher->wake(); });
  // An address the sender refuses, and a text missing a value: neither can ever be sent.
  queue.queue(db(), {"login_code", "not an address", "nl", {{"code", "1"}, {"minutes", "10"}}});
  queue.queue(db(), {"login_code", "a@example.nl", "nl", {{"code", "1"}}});
  queue.queue(db(), {"login_code", "b@example.nl", "nl", {{"code", "2"}, {"minutes", "10"}}});
  ASSERT_TRUE(eventually([&] { return waiting() == 0 && sender->sent_count() == 1; }));
  EXPECT_EQ(sender->sent[0].to_address, "b@example.nl");
  EXPECT_NE(metrics.render().find("gezicht_mail_failed_total 2\n"), std::string::npos);
}

TEST_P(MailDispatcherTest, WhatIsNoLongerWorthSendingIsRemovedUnsent) {
  auto dispatcher = start_dispatcher(1);
  service::StoredMailQueue queue(clock, [&] { dispatcher->wake(); });
  queue.queue(db(), {"login_code", "a@example.nl", "nl", {{"code", "1"}, {"minutes", "10"}}});
  ASSERT_TRUE(eventually([&] { return sender->attempt_count() == 1; }));
  // The mail server stays down past the code's ten minutes.
  clock.advance(domain::login_code_seconds);
  dispatcher->wake();
  ASSERT_TRUE(eventually([&] { return waiting() == 0; }));
  EXPECT_EQ(sender->sent_count(), 0U);
  EXPECT_EQ(sender->attempt_count(), 1);
  EXPECT_NE(metrics.render().find("gezicht_mail_expired_total 1\n"), std::string::npos);
}

TEST_P(MailDispatcherTest, TwoServersSendEachMessageOnce) {
  auto first = start_dispatcher();
  auto* first_sender = sender;
  auto second = start_dispatcher();
  auto* second_sender = sender;
  service::StoredMailQueue queue(clock, [&] {
    first->wake();
    second->wake();
  });
  constexpr int messages = 60;
  for (int i = 0; i < messages; ++i) {
    queue.queue(db(),
                {"login_code", "r" + std::to_string(i) + "@example.nl", "nl", {{"code", "1"}, {"minutes", "10"}}});
  }
  // A row goes only after its message was sent.
  ASSERT_TRUE(eventually([&] { return waiting() == 0; }));
  std::set<std::string> to;
  std::size_t sent = 0;
  for (auto* one : {first_sender, second_sender}) {
    const std::lock_guard lock(one->mutex);
    for (const auto& message : one->sent) to.insert(message.to_address);
    sent += one->sent.size();
  }
  EXPECT_EQ(sent, static_cast<std::size_t>(messages));
  EXPECT_EQ(to.size(), static_cast<std::size_t>(messages));
}

GEZICHT_ON_BOTH_BACKENDS(MailDispatcherTest);

}  // namespace
}  // namespace gezicht::web
