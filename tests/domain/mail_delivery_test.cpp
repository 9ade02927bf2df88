#include "domain/mail_delivery.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/resident_login.hpp"

namespace gezicht::domain {
namespace {

constexpr std::int64_t now = 1'800'000'000;

TEST(MailDeliveryTest, RetriesWaitTwiceAsLongEachTimeUpToAnHour) {
  EXPECT_EQ(next_mail_attempt(1, now), now + 60);
  EXPECT_EQ(next_mail_attempt(2, now), now + 120);
  EXPECT_EQ(next_mail_attempt(3, now), now + 240);
  EXPECT_EQ(next_mail_attempt(6, now), now + 1920);
  EXPECT_EQ(next_mail_attempt(7, now), now + 3600);
  EXPECT_EQ(next_mail_attempt(1000, now), now + 3600);
  EXPECT_THROW(next_mail_attempt(0, now), std::invalid_argument);
}

TEST(MailDeliveryTest, EachKindIsWorthSendingAsLongAsWhatItCarries) {
  EXPECT_EQ(mail_worth_sending_seconds("login_code"), login_code_seconds);
  EXPECT_EQ(mail_worth_sending_seconds("invitation"), invitation_seconds);
  EXPECT_EQ(mail_worth_sending_seconds("invitation_self"), invitation_seconds);
  EXPECT_EQ(mail_worth_sending_seconds("referral_received"), 3 * 24 * 60 * 60);
  EXPECT_EQ(mail_worth_sending_seconds("feedback_invitation"), 3 * 24 * 60 * 60);
  EXPECT_THROW(mail_worth_sending_seconds("newsletter"), std::invalid_argument);
  EXPECT_THROW(mail_worth_sending_seconds(""), std::invalid_argument);
}

}  // namespace
}  // namespace gezicht::domain
