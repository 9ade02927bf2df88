#include <gtest/gtest.h>

#include "domain/household.hpp"

namespace gezicht::domain {
namespace {

TEST(MayHandOver, TheFixedContactAndTheLeadOfTheirTeam) {
  EXPECT_TRUE(may_hand_over({10, false, 1}, 10, 1));
  EXPECT_TRUE(may_hand_over({13, true, 1}, 10, 1));
  EXPECT_FALSE(may_hand_over({21, true, 2}, 10, 1)) << "the lead of another team";
  EXPECT_FALSE(may_hand_over({11, false, 1}, 10, 1)) << "a colleague in the same team";
}

TEST(MayHandOver, AnUnknownTeamOnEitherSideIsNoTeamInCommon) {
  EXPECT_FALSE(may_hand_over({13, true, std::nullopt}, 10, std::nullopt)) << "two missing teams are not one team";
  EXPECT_FALSE(may_hand_over({13, true, 1}, 10, std::nullopt));
  EXPECT_FALSE(may_hand_over({13, true, std::nullopt}, 10, 1));
}

TEST(MayHandOver, AHouseholdWithoutAFixedContactIsHandedOverByNobody) {
  EXPECT_FALSE(may_hand_over({13, true, 1}, std::nullopt, std::nullopt));
  EXPECT_FALSE(may_hand_over({0, false, std::nullopt}, std::nullopt, std::nullopt));
}

TEST(MayLogContactWith, AnActiveFaceOrTheOneItWasLoggedWith) {
  Involved left;
  left.id = 7;
  left.active = false;
  Involved here;
  here.id = 8;
  EXPECT_TRUE(may_log_contact_with(left, 7)) << "a correction keeps who was there";
  EXPECT_FALSE(may_log_contact_with(left, 8)) << "but does not move a contact to someone who left";
  EXPECT_TRUE(may_log_contact_with(here, 7));
}

}  // namespace
}  // namespace gezicht::domain
