// The login throttle with a manual clock: per account, per address, the
// window, a success resetting the account, and the bounded tables.

#include "service/login_throttle.hpp"

#include <gtest/gtest.h>

namespace gezicht::service {
namespace {

constexpr std::int64_t start = 1'800'000'000;

TEST(LoginThrottle, FiveFailuresForOneAccountWithinTheWindow) {
  ManualClock clock(start);
  LoginThrottle throttle(clock);
  for (int i = 0; i < 4; ++i) {
    throttle.record_failure("anna", "10.0.0.1");
    clock.advance(60);
  }
  EXPECT_EQ(throttle.retry_after("anna", "10.0.0.1"), 0);
  throttle.record_failure("anna", "10.0.0.1");  // the fifth, 4 minutes after the first
  EXPECT_EQ(throttle.retry_after("anna", "10.0.0.1"), 15 * 60 - 4 * 60);
  EXPECT_EQ(throttle.retry_after("anna", "10.0.0.2"), 15 * 60 - 4 * 60) << "from any address";
  EXPECT_EQ(throttle.retry_after("bilal", "10.0.0.1"), 0) << "another account from the same address";
  clock.advance(15 * 60 - 4 * 60 - 1);
  EXPECT_EQ(throttle.retry_after("anna", "10.0.0.3"), 1);
  clock.advance(1);
  EXPECT_EQ(throttle.retry_after("anna", "10.0.0.3"), 0) << "the window has passed";
  throttle.record_failure("anna", "10.0.0.3");
  EXPECT_EQ(throttle.retry_after("anna", "10.0.0.3"), 0) << "a new window starts with one failure";
}

TEST(LoginThrottle, FailuresSpreadOverMoreThanTheWindowDoNotAddUp) {
  ManualClock clock(start);
  LoginThrottle throttle(clock);
  for (int i = 0; i < 10; ++i) {
    throttle.record_failure("anna", "10.0.0.1");
    clock.advance(4 * 60);  // 4 failures per window at most
    if (i % 4 == 3) clock.advance(15 * 60);
  }
  EXPECT_EQ(throttle.retry_after("anna", "10.0.0.1"), 0);
}

TEST(LoginThrottle, TwentyFailuresFromOneAddress) {
  ManualClock clock(start);
  LoginThrottle throttle(clock);
  for (int i = 0; i < 19; ++i) throttle.record_failure("user" + std::to_string(i), "192.0.2.7");
  EXPECT_EQ(throttle.retry_after("someone", "192.0.2.7"), 0);
  throttle.record_failure("user19", "192.0.2.7");
  EXPECT_EQ(throttle.retry_after("someone", "192.0.2.7"), 15 * 60);
  EXPECT_EQ(throttle.retry_after("someone", "192.0.2.8"), 0);
}

TEST(LoginThrottle, LoopbackIsNotCountedPerAddress) {
  // Behind the reverse proxy every client is 127.0.0.1: counting it would lock out everyone.
  ManualClock clock(start);
  LoginThrottle throttle(clock);
  for (int i = 0; i < 30; ++i) {
    throttle.record_failure("user" + std::to_string(i), "127.0.0.1");
    throttle.record_failure("other" + std::to_string(i), "::1");
    throttle.record_failure("more" + std::to_string(i), "");
  }
  EXPECT_EQ(throttle.retry_after("someone", "127.0.0.1"), 0);
  EXPECT_EQ(throttle.retry_after("someone", "::1"), 0);
  EXPECT_FALSE(is_client_address("::ffff:127.0.0.1"));
  EXPECT_TRUE(is_client_address("192.0.2.7"));
  EXPECT_TRUE(is_client_address("2001:db8::1"));
  // The account limit still holds from loopback.
  for (int i = 0; i < 5; ++i) throttle.record_failure("anna", "127.0.0.1");
  EXPECT_GT(throttle.retry_after("anna", "127.0.0.1"), 0);
}

TEST(LoginThrottle, SuccessResetsTheAccountButNotTheAddress) {
  ManualClock clock(start);
  LoginThrottle throttle(clock, {3, 4, 900, 100});
  for (int i = 0; i < 3; ++i) throttle.record_failure("anna", "10.0.0.1");
  EXPECT_GT(throttle.retry_after("anna", "10.0.0.9"), 0);
  throttle.record_success("anna");
  EXPECT_EQ(throttle.retry_after("anna", "10.0.0.9"), 0);
  throttle.record_failure("bilal", "10.0.0.1");  // the address's fourth
  EXPECT_GT(throttle.retry_after("anna", "10.0.0.1"), 0);
}

TEST(LoginThrottle, TablesAreBoundedDroppingTheOldest) {
  ManualClock clock(start);
  LoginThrottle throttle(clock, {2, 1000, 900, 3});
  throttle.record_failure("old", "a1");
  throttle.record_failure("old", "a1");
  EXPECT_GT(throttle.retry_after("old", "x"), 0);
  for (const char* name : {"n1", "n2", "n3"}) {
    clock.advance(1);
    throttle.record_failure(name, name);
  }
  EXPECT_EQ(throttle.retry_after("old", "x"), 0) << "the oldest entry made room";
  throttle.record_failure("n3", "n3");
  EXPECT_GT(throttle.retry_after("n3", "x"), 0);
}

TEST(LoginThrottle, LongUsernamesShareOneBoundedKey) {
  ManualClock clock(start);
  LoginThrottle throttle(clock);
  const std::string base(300, 'x');
  for (int i = 0; i < 5; ++i) throttle.record_failure(base + std::to_string(i), "10.0.0.1");
  EXPECT_GT(throttle.retry_after(base, "10.0.0.2"), 0);
}

}  // namespace
}  // namespace gezicht::service
