// The login throttle with a manual clock, on both databases: per account,
// per address, the window, a success resetting the account, and two
// servers counting together.

#include "service/login_throttle.hpp"

#include <gtest/gtest.h>

#include "backend.hpp"
#include "storage/rate_window_repository.hpp"

namespace gezicht::service {
namespace {

using LoginThrottleTest = testing::BackendTest;

constexpr std::int64_t start = 1'800'000'000;

TEST_P(LoginThrottleTest, FiveFailuresForOneAccountWithinTheWindow) {
  ManualClock clock(start);
  LoginThrottle throttle(clock, "login");
  for (int i = 0; i < 4; ++i) {
    throttle.record_failure(db(), "anna", "10.0.0.1");
    clock.advance(60);
  }
  EXPECT_EQ(throttle.retry_after(db(), "anna", "10.0.0.1"), 0);
  throttle.record_failure(db(), "anna", "10.0.0.1");  // the fifth, 4 minutes after the first
  EXPECT_EQ(throttle.retry_after(db(), "anna", "10.0.0.1"), 15 * 60 - 4 * 60);
  EXPECT_EQ(throttle.retry_after(db(), "anna", "10.0.0.2"), 15 * 60 - 4 * 60) << "from any address";
  EXPECT_EQ(throttle.retry_after(db(), "bilal", "10.0.0.1"), 0) << "another account from the same address";
  clock.advance(15 * 60 - 4 * 60 - 1);
  EXPECT_EQ(throttle.retry_after(db(), "anna", "10.0.0.3"), 1);
  clock.advance(1);
  EXPECT_EQ(throttle.retry_after(db(), "anna", "10.0.0.3"), 0) << "the window has passed";
  throttle.record_failure(db(), "anna", "10.0.0.3");
  EXPECT_EQ(throttle.retry_after(db(), "anna", "10.0.0.3"), 0) << "a new window starts with one failure";
}

TEST_P(LoginThrottleTest, FailuresSpreadOverMoreThanTheWindowDoNotAddUp) {
  ManualClock clock(start);
  LoginThrottle throttle(clock, "login");
  for (int i = 0; i < 10; ++i) {
    throttle.record_failure(db(), "anna", "10.0.0.1");
    clock.advance(4 * 60);  // 4 failures per window at most
    if (i % 4 == 3) clock.advance(15 * 60);
  }
  EXPECT_EQ(throttle.retry_after(db(), "anna", "10.0.0.1"), 0);
}

TEST_P(LoginThrottleTest, TwentyFailuresFromOneAddress) {
  ManualClock clock(start);
  LoginThrottle throttle(clock, "login");
  for (int i = 0; i < 19; ++i) throttle.record_failure(db(), "user" + std::to_string(i), "192.0.2.7");
  EXPECT_EQ(throttle.retry_after(db(), "someone", "192.0.2.7"), 0);
  throttle.record_failure(db(), "user19", "192.0.2.7");
  EXPECT_EQ(throttle.retry_after(db(), "someone", "192.0.2.7"), 15 * 60);
  EXPECT_EQ(throttle.retry_after(db(), "someone", "192.0.2.8"), 0);
}

TEST_P(LoginThrottleTest, LoopbackIsNotCountedPerAddress) {
  // Behind the reverse proxy every client is 127.0.0.1: counting it would lock out everyone.
  ManualClock clock(start);
  LoginThrottle throttle(clock, "login");
  for (int i = 0; i < 30; ++i) {
    throttle.record_failure(db(), "user" + std::to_string(i), "127.0.0.1");
    throttle.record_failure(db(), "other" + std::to_string(i), "::1");
    throttle.record_failure(db(), "more" + std::to_string(i), "");
  }
  EXPECT_EQ(throttle.retry_after(db(), "someone", "127.0.0.1"), 0);
  EXPECT_EQ(throttle.retry_after(db(), "someone", "::1"), 0);
  EXPECT_FALSE(is_client_address("::ffff:127.0.0.1"));
  EXPECT_TRUE(is_client_address("192.0.2.7"));
  EXPECT_TRUE(is_client_address("2001:db8::1"));
  // The account limit still holds from loopback.
  for (int i = 0; i < 5; ++i) throttle.record_failure(db(), "anna", "127.0.0.1");
  EXPECT_GT(throttle.retry_after(db(), "anna", "127.0.0.1"), 0);
}

TEST_P(LoginThrottleTest, SuccessResetsTheAccountButNotTheAddress) {
  ManualClock clock(start);
  LoginThrottle throttle(clock, "login", {3, 4, 900});
  for (int i = 0; i < 3; ++i) throttle.record_failure(db(), "anna", "10.0.0.1");
  EXPECT_GT(throttle.retry_after(db(), "anna", "10.0.0.9"), 0);
  throttle.record_success(db(), "anna");
  EXPECT_EQ(throttle.retry_after(db(), "anna", "10.0.0.9"), 0);
  throttle.record_failure(db(), "bilal", "10.0.0.1");  // the address's fourth
  EXPECT_GT(throttle.retry_after(db(), "anna", "10.0.0.1"), 0);
}

TEST_P(LoginThrottleTest, LongUsernamesShareOneBoundedKey) {
  ManualClock clock(start);
  LoginThrottle throttle(clock, "login");
  const std::string base(300, 'x');
  for (int i = 0; i < 5; ++i) throttle.record_failure(db(), base + std::to_string(i), "10.0.0.1");
  EXPECT_GT(throttle.retry_after(db(), base, "10.0.0.2"), 0);
}

// Two servers, each with its own throttle and connection, on one database:
// a guesser gains nothing by spreading tries over them.
TEST_P(LoginThrottleTest, TwoServersCountTogether) {
  ManualClock clock(start);
  LoginThrottle one(clock, "login");
  LoginThrottle other(clock, "login");
  auto second = storage::open_connection(location());
  for (int i = 0; i < 5; ++i) {
    if (i % 2 == 0) {
      one.record_failure(db(), "anna", "10.0.0.1");
    } else {
      other.record_failure(*second, "anna", "10.0.0.1");
    }
  }
  EXPECT_EQ(one.retry_after(db(), "anna", "10.0.0.2"), 15 * 60);
  EXPECT_EQ(other.retry_after(*second, "anna", "10.0.0.2"), 15 * 60);
  other.record_success(*second, "anna");
  EXPECT_EQ(one.retry_after(db(), "anna", "10.0.0.2"), 0);
}

// A row lives as long as its window: ended ones go as counting goes on.
TEST_P(LoginThrottleTest, EndedWindowsAreRemoved) {
  ManualClock clock(start);
  LoginThrottle throttle(clock, "login");
  throttle.record_failure(db(), "old", "192.0.2.1");
  clock.advance(15 * 60);
  for (int i = 0; i < 300; ++i) throttle.record_failure(db(), "user" + std::to_string(i % 3), "192.0.2.9");
  storage::RateWindowRepository windows(db());
  EXPECT_FALSE(windows.find("login:account", "old"));
  EXPECT_FALSE(windows.find("login:address", "192.0.2.1"));
  EXPECT_TRUE(windows.find("login:account", "user0"));
}

GEZICHT_ON_BOTH_BACKENDS(LoginThrottleTest);

}  // namespace
}  // namespace gezicht::service
