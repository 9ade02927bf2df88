// The self-referral limit with a manual clock: per client address, within an
// hour from the first request, loopback not counted.

#include "service/self_referral_limit.hpp"

#include <gtest/gtest.h>

namespace gezicht::service {
namespace {

constexpr std::int64_t start = 1'800'000'000;

TEST(SelfReferralLimit, TenRequestsFromOneAddressWithinTheHour) {
  ManualClock clock(start);
  SelfReferralLimit limit(clock);
  for (int i = 0; i < 9; ++i) {
    limit.record("203.0.113.7");
    clock.advance(60);
  }
  EXPECT_EQ(limit.retry_after("203.0.113.7"), 0);
  limit.record("203.0.113.7");  // the tenth, 9 minutes after the first
  EXPECT_EQ(limit.retry_after("203.0.113.7"), 60 * 60 - 9 * 60);
  EXPECT_EQ(limit.retry_after("203.0.113.8"), 0) << "another address";
  clock.advance(60 * 60 - 9 * 60);
  EXPECT_EQ(limit.retry_after("203.0.113.7"), 0) << "the hour has passed";
}

TEST(SelfReferralLimit, LoopbackIsNotCountedBehindTheProxy) {
  ManualClock clock(start);
  SelfReferralLimit limit(clock, {1, 3600, 100});
  limit.record("127.0.0.1");
  limit.record("127.0.0.1");
  EXPECT_EQ(limit.retry_after("127.0.0.1"), 0);
  limit.record("198.51.100.1");
  EXPECT_EQ(limit.retry_after("198.51.100.1"), 3600);
}

TEST(SelfReferralLimit, TheTableStaysBounded) {
  ManualClock clock(start);
  SelfReferralLimit limit(clock, {1, 3600, 3});
  limit.record("198.51.100.1");
  clock.advance(1);
  limit.record("198.51.100.2");
  limit.record("198.51.100.3");
  limit.record("198.51.100.4");  // the table is full: the oldest window goes
  EXPECT_EQ(limit.retry_after("198.51.100.1"), 0);
  EXPECT_GT(limit.retry_after("198.51.100.4"), 0);
}

}  // namespace
}  // namespace gezicht::service
