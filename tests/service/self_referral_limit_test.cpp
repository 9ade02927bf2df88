// The self-referral limit with a manual clock, on both databases: per client
// address, within an hour from the first request, loopback not counted.

#include "service/self_referral_limit.hpp"

#include <gtest/gtest.h>

#include "backend.hpp"

namespace gezicht::service {
namespace {

using SelfReferralLimitTest = testing::BackendTest;

constexpr std::int64_t start = 1'800'000'000;

TEST_P(SelfReferralLimitTest, TenRequestsFromOneAddressWithinTheHour) {
  ManualClock clock(start);
  SelfReferralLimit limit(clock);
  for (int i = 0; i < 9; ++i) {
    EXPECT_EQ(limit.record(db(), "203.0.113.7"), 0);
    clock.advance(60);
  }
  EXPECT_EQ(limit.retry_after(db(), "203.0.113.7"), 0);
  EXPECT_EQ(limit.record(db(), "203.0.113.7"), 0) << "the tenth, 9 minutes after the first, is within the limit";
  EXPECT_EQ(limit.retry_after(db(), "203.0.113.7"), 60 * 60 - 9 * 60);
  // An eleventh counted anyway (sent together with the tenth): over the
  // limit, to be rolled back by the caller.
  EXPECT_EQ(limit.record(db(), "203.0.113.7"), 60 * 60 - 9 * 60);
  EXPECT_EQ(limit.retry_after(db(), "203.0.113.8"), 0) << "another address";
  clock.advance(60 * 60 - 9 * 60);
  EXPECT_EQ(limit.retry_after(db(), "203.0.113.7"), 0) << "the hour has passed";
}

TEST_P(SelfReferralLimitTest, LoopbackIsNotCountedBehindTheProxy) {
  ManualClock clock(start);
  SelfReferralLimit limit(clock, {1, 3600});
  EXPECT_EQ(limit.record(db(), "127.0.0.1"), 0);
  EXPECT_EQ(limit.record(db(), "127.0.0.1"), 0);
  EXPECT_EQ(limit.retry_after(db(), "127.0.0.1"), 0);
  limit.record(db(), "198.51.100.1");
  EXPECT_EQ(limit.retry_after(db(), "198.51.100.1"), 3600);
}

GEZICHT_ON_BOTH_BACKENDS(SelfReferralLimitTest);

}  // namespace
}  // namespace gezicht::service
