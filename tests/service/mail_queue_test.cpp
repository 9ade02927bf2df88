// The mail queue in the database, on both back-ends: a message is saved in
// the transaction of what it tells of, taken by one sender at a time, tried
// again after a failure, given up when no longer worth sending, and shared
// by several servers without any message taken twice at once.

#include "service/mail_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "backend.hpp"
#include "domain/mail_delivery.hpp"
#include "domain/resident_login.hpp"
#include "storage/mail_queue_repository.hpp"

namespace gezicht::service {
namespace {

using MailQueueTest = testing::BackendTest;

constexpr std::int64_t start = 1'800'000'000;

MailIntent code_for(const std::string& to, const std::string& code) {
  return {"login_code", to, "nl", {{"code", code}, {"minutes", "10"}}};
}

TEST_P(MailQueueTest, AMessageIsSavedOnlyWithTheTransactionThatQueuedIt) {
  ManualClock clock(start);
  int woken = 0;
  StoredMailQueue mail(clock, [&woken] { ++woken; });
  {
    storage::Transaction transaction(db());
    mail.queue(db(), code_for("weg@example.nl", "111111"));
    // rolled back: the code was never given, so neither is its mail
  }
  {
    storage::Transaction transaction(db());
    mail.queue(db(), code_for("samira@example.nl", "222222"));
    transaction.commit();
  }
  EXPECT_EQ(woken, 2) << "a sender is woken for each, committed or not; it finds only what was committed";
  storage::MailQueueRepository queue(db());
  const auto waiting = queue.waiting();
  ASSERT_EQ(waiting.size(), 1U);
  EXPECT_EQ(waiting[0].kind, "login_code");
  EXPECT_EQ(waiting[0].queued_at, start);
  EXPECT_EQ(waiting[0].send_before, start + domain::login_code_seconds);
  EXPECT_EQ(waiting[0].attempts, 0);
  const auto taken = queue.take_due(start, start + domain::mail_lease_seconds);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->to_address, "samira@example.nl");
  EXPECT_EQ(taken->language, "nl");
  EXPECT_EQ(taken->values, (std::map<std::string, std::string>{{"code", "222222"}, {"minutes", "10"}}));
  EXPECT_EQ(taken->attempts, 1);
}

TEST_P(MailQueueTest, AKindWithoutTextsIsRefusedAndNothingIsSaved) {
  ManualClock clock(start);
  StoredMailQueue mail(clock);
  EXPECT_THROW(mail.queue(db(), {"newsletter", "a@example.nl", "nl", {}}), std::invalid_argument);
  EXPECT_TRUE(storage::MailQueueRepository(db()).waiting().empty());
}

TEST_P(MailQueueTest, ValuesKeepEveryCharacter) {
  ManualClock clock(start);
  StoredMailQueue(clock).queue(db(),
                               {"feedback_invitation",
                                "zeynep@example.nl",
                                "tr",
                                {{"who", "Zeynep Yılmaz-O'Brien \"ZY\" <zy>"}, {"url", "https://x.nl/a?b=c&d=é"}}});
  const auto taken = storage::MailQueueRepository(db()).take_due(start, start + 60);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->language, "tr");
  EXPECT_EQ(taken->values.at("who"), "Zeynep Yılmaz-O'Brien \"ZY\" <zy>");
  EXPECT_EQ(taken->values.at("url"), "https://x.nl/a?b=c&d=é");
}

TEST_P(MailQueueTest, ATakenMessageWaitsForItsSenderUntilTheLeaseEnds) {
  ManualClock clock(start);
  StoredMailQueue mail(clock);
  mail.queue(db(), code_for("a@example.nl", "123456"));
  storage::MailQueueRepository queue(db());
  const auto first = queue.take_due(start, start + 300);
  ASSERT_TRUE(first);
  EXPECT_FALSE(queue.take_due(start, start + 300)) << "another sender skips it";
  EXPECT_FALSE(queue.take_due(start + 299, start + 599)) << "until the lease ends";
  // The first sender was killed: the message is sent by another.
  const auto again = queue.take_due(start + 300, start + 600);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->attempts, 2);
  queue.remove(again->id);
  EXPECT_TRUE(queue.waiting().empty());
  EXPECT_EQ(queue.size().waiting, 0);
}

TEST_P(MailQueueTest, AFailedMessageWaitsForItsNextAttemptOrAnOperatorsRetry) {
  ManualClock clock(start);
  StoredMailQueue mail(clock);
  mail.queue(db(), code_for("a@example.nl", "123456"));
  mail.queue(db(), code_for("b@example.nl", "654321"));
  storage::MailQueueRepository queue(db());
  const auto first = queue.take_due(start, start + 300);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->to_address, "a@example.nl") << "oldest first";
  queue.postpone(first->id, domain::next_mail_attempt(first->attempts, start), "connection refused");
  const auto second = queue.take_due(start, start + 300);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->to_address, "b@example.nl");
  EXPECT_FALSE(queue.take_due(start + 59, start + 359));
  auto waiting = queue.waiting();
  ASSERT_EQ(waiting.size(), 2U);
  EXPECT_EQ(waiting[0].last_error, "connection refused");
  EXPECT_EQ(waiting[0].next_attempt_at, start + 60);
  EXPECT_EQ(waiting[1].last_error, std::nullopt) << "being sent";
  // The operator repaired the mail server: what failed is due now, what a sender has is left to it.
  EXPECT_EQ(queue.make_due(start + 10), 1);
  const auto retried = queue.take_due(start + 10, start + 310);
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->id, first->id);
  EXPECT_EQ(retried->attempts, 2);
  EXPECT_FALSE(queue.take_due(start + 10, start + 310));
  EXPECT_EQ(queue.waiting()[0].last_error, std::nullopt) << "taken again, the old error is gone";
}

TEST_P(MailQueueTest, AMessageNoLongerWorthSendingIsNeverTakenAndIsRemoved) {
  ManualClock clock(start);
  StoredMailQueue mail(clock);
  mail.queue(db(), code_for("a@example.nl", "123456"));
  clock.advance(60);
  mail.queue(db(), {"referral_received", "b@example.nl", "nl", {{"reference", "A-1"}}});
  storage::MailQueueRepository queue(db());
  const auto late = start + domain::login_code_seconds;
  const auto taken = queue.take_due(late, late + 300);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->kind, "referral_received") << "the code expired; its mail is not sent";
  EXPECT_EQ(queue.size().waiting, 2);
  EXPECT_EQ(queue.size().oldest_queued_at, start);
  EXPECT_EQ(queue.remove_expired(late), 1);
  EXPECT_EQ(queue.size().waiting, 1);
  EXPECT_EQ(queue.size().oldest_queued_at, start + 60);
}

TEST_P(MailQueueTest, SendersOnSeveralConnectionsNeverTakeOneMessageAtOnce) {
  ManualClock clock(start);
  StoredMailQueue mail(clock);
  constexpr int messages = 200;
  {
    storage::Transaction transaction(db());
    for (int i = 0; i < messages; ++i) mail.queue(db(), code_for("r" + std::to_string(i) + "@example.nl", "000000"));
    transaction.commit();
  }
  std::mutex mutex;
  std::vector<std::int64_t> taken;
  std::vector<std::thread> senders;
  std::atomic<int> failures = 0;
  for (int s = 0; s < 4; ++s) {
    senders.emplace_back([&] {
      try {
        auto connection = storage::open_connection(location());
        storage::MailQueueRepository queue(*connection);
        while (auto message = queue.take_due(start, start + 300)) {
          const std::lock_guard lock(mutex);
          taken.push_back(message->id);
        }
      } catch (const std::exception& error) {
        ADD_FAILURE() << error.what();
        ++failures;
      }
    });
  }
  for (auto& sender : senders) sender.join();
  ASSERT_EQ(failures, 0);
  EXPECT_EQ(taken.size(), static_cast<std::size_t>(messages));
  EXPECT_EQ(std::set<std::int64_t>(taken.begin(), taken.end()).size(), static_cast<std::size_t>(messages))
      << "no message was taken twice";
  for (const auto& waiting : storage::MailQueueRepository(db()).waiting()) EXPECT_EQ(waiting.attempts, 1);
}

GEZICHT_ON_BOTH_BACKENDS(MailQueueTest);

}  // namespace
}  // namespace gezicht::service
