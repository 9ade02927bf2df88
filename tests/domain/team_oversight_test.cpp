#include "domain/team_oversight.hpp"

#include <gtest/gtest.h>

#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

ReassignCheck check(bool leads, bool contacted, bool target_ok, bool target_is_current) {
  ReassignCheck result;
  result.leads_the_team = leads;
  result.first_contact_made = contacted;
  result.target_is_active_professional_of_team = target_ok;
  result.target_is_current_contact = target_is_current;
  return result;
}

TEST(TeamOversight, ATeamLeadLeadsOnlyTheirOwnTeam) {
  EXPECT_TRUE(leads_team(true, 4, 4));
  EXPECT_FALSE(leads_team(true, 4, 5));
  EXPECT_FALSE(leads_team(false, 4, 4));
  EXPECT_FALSE(leads_team(true, std::nullopt, 4));
  EXPECT_FALSE(leads_team(true, 4, std::nullopt));
}

TEST(TeamOversight, CaseloadAgainstTheCap) {
  EXPECT_EQ(caseload_level(59, 60), CaseloadLevel::room);
  EXPECT_EQ(caseload_level(60, 60), CaseloadLevel::at_cap);
  EXPECT_EQ(caseload_level(61, 60), CaseloadLevel::over_cap);
  EXPECT_EQ(caseload_level(500, 0), CaseloadLevel::room) << "no cap set";
  EXPECT_STREQ(to_string(CaseloadLevel::over_cap), "over_cap");
}

TEST(TeamOversight, ARequestIsReassignedOnlyBeforeFirstContactByItsTeamLead) {
  EXPECT_TRUE(may_reassign_referral(check(true, false, true, false)));
  EXPECT_FALSE(may_reassign_referral(check(true, true, true, false)));
  EXPECT_FALSE(may_reassign_referral(check(false, false, true, false)));
  auto met = check(true, false, true, false);
  met.household_contacted = true;
  EXPECT_FALSE(may_reassign_referral(met)) << "the household has met its face through another request";
}

TEST(TeamOversight, TheNewContactMustBeAnotherActiveProfessionalOfTheTeam) {
  try {
    validate_reassign_target(check(true, false, false, false));
    FAIL() << "an outsider was accepted";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.errors().at(0).field, "to_user_id");
    EXPECT_EQ(error.errors().at(0).message_key, "to_user_id.invalid");
  }
  try {
    validate_reassign_target(check(true, false, true, true));
    FAIL() << "the current contact was accepted";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.errors().at(0).message_key, "to_user_id.same_contact");
  }
  EXPECT_NO_THROW(validate_reassign_target(check(true, false, true, false)));
}

}  // namespace
}  // namespace gezicht::domain
