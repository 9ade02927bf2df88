// The need-to-know rule, written out by hand per role and relationship, so a
// change to the table in domain/access_policy.cpp shows up here.

#include "domain/access_policy.hpp"

#include <gtest/gtest.h>

namespace gezicht::domain {
namespace {

using P = Permission;
using R = Role;

HouseholdRelationship as(bool fixed, bool involved, std::set<RecordPart> shared, bool emergency, bool resident) {
  return {fixed, involved, std::move(shared), emergency, resident};
}

TEST(AccessPolicy, RolesRoundTripAndUnknownRolesAreRefused) {
  EXPECT_EQ(all_roles().size(), 8u);
  for (auto role : all_roles()) EXPECT_EQ(parse_role(to_string(role)), role);
  EXPECT_FALSE(parse_role("Professional"));
  EXPECT_FALSE(parse_role(""));
  EXPECT_FALSE(parse_role("root"));
  for (auto permission : all_permissions()) EXPECT_STRNE(to_string(permission), "unknown");
}

TEST(AccessPolicy, OnlyCaseworkersHoldCasework) {
  EXPECT_TRUE(role_has(R::professional, P::casework));
  EXPECT_TRUE(role_has(R::domain_professional, P::casework));
  for (auto role : {R::resident, R::breakthrough_member, R::teamlead, R::policy, R::admin, R::auditor}) {
    EXPECT_FALSE(role_has(role, P::casework)) << to_string(role);
  }
  EXPECT_TRUE(role_has(R::teamlead, P::team_overview));
  EXPECT_FALSE(role_has(R::professional, P::team_overview));
  EXPECT_TRUE(role_has(R::admin, P::manage_accounts));
  EXPECT_FALSE(role_has(R::admin, P::access_log));  // accounts, not case content or its trail
  EXPECT_TRUE(role_has(R::auditor, P::audit_trail));
  EXPECT_FALSE(role_has(R::professional, P::audit_trail));
  for (auto role : all_roles()) {
    EXPECT_TRUE(role_has(role, P::public_access));
    EXPECT_TRUE(role_has(role, P::own_session));
  }
}

// Each role lands on its own work, and may open it.
TEST(AccessPolicy, EveryRoleHasAHomeItMayOpen) {
  const std::vector<std::pair<Role, std::string>> homes{{R::resident, "/mijn-gezicht"},
                                                        {R::professional, "/inbox"},
                                                        {R::domain_professional, "/gedeeld"},
                                                        {R::breakthrough_member, "/doorbraak"},
                                                        {R::teamlead, "/inbox"},
                                                        {R::policy, "/dashboard"},
                                                        {R::admin, "/beheer"},
                                                        {R::auditor, "/controle"}};
  ASSERT_EQ(homes.size(), all_roles().size());
  for (const auto& [role, path] : homes) {
    EXPECT_EQ(home_of(role).path, path) << to_string(role);
    EXPECT_TRUE(role_has(role, home_of(role).permission)) << to_string(role);
  }
  EXPECT_TRUE(role_has(R::resident, P::own_household));
  EXPECT_TRUE(role_has(R::domain_professional, P::domain_shares));
  for (auto role : {R::professional, R::breakthrough_member, R::teamlead, R::policy, R::admin, R::auditor}) {
    EXPECT_FALSE(role_has(role, P::own_household)) << to_string(role);
    EXPECT_FALSE(role_has(role, P::domain_shares)) << to_string(role);
  }
}

// The dashboard is the team lead's (their team) and policy staff's; the
// mirror is a professional's own, which not even their team lead opens.
TEST(AccessPolicy, DashboardForTeamLeadsAndPolicyTheMirrorForProfessionalsOnly) {
  for (auto role : all_roles()) {
    EXPECT_EQ(role_has(role, P::dashboard), role == R::teamlead || role == R::policy) << to_string(role);
    EXPECT_EQ(role_has(role, P::own_mirror), role == R::professional) << to_string(role);
  }
}

TEST(AccessPolicy, FixedContactAndInvolvedWorkOnTheWholeRecord) {
  for (auto relationship : {as(true, false, {}, false, false), as(false, true, {}, false, false)}) {
    const auto access = household_access(R::professional, relationship);
    EXPECT_TRUE(access.allowed());
    EXPECT_TRUE(access.may_change);
    EXPECT_TRUE(access.access_log);
    EXPECT_EQ(access.readable, (std::set<RecordPart>{RecordPart::summary, RecordPart::plan, RecordPart::contacts}));
  }
  EXPECT_EQ(household_access(R::professional, as(true, false, {}, false, false)).basis, AccessBasis::fixed_contact);
  EXPECT_EQ(household_access(R::domain_professional, as(false, true, {}, false, false)).basis, AccessBasis::involved);
}

TEST(AccessPolicy, NoRelationshipMeansNoAccess) {
  for (auto role : all_roles()) {
    const auto access = household_access(role, {});
    EXPECT_FALSE(access.allowed()) << to_string(role);
    EXPECT_TRUE(access.readable.empty());
    EXPECT_FALSE(access.may_change);
  }
}

TEST(AccessPolicy, ASharedPartIsReadOnlyAndOnlyForADomainProfessional) {
  const auto access = household_access(R::domain_professional, as(false, false, {RecordPart::plan}, false, false));
  EXPECT_EQ(access.basis, AccessBasis::shared);
  EXPECT_EQ(access.readable, (std::set<RecordPart>{RecordPart::summary, RecordPart::plan}));
  EXPECT_FALSE(access.reads(RecordPart::contacts));
  EXPECT_FALSE(access.may_change);
  EXPECT_FALSE(access.access_log);
  // A share is for a domain; a neighbourhood-team professional needs involvement.
  EXPECT_FALSE(household_access(R::professional, as(false, false, {RecordPart::plan}, false, false)).allowed());
}

TEST(AccessPolicy, BreakingTheGlassOpensTheRecordToReadOnly) {
  for (auto role : {R::professional, R::domain_professional}) {
    const auto access = household_access(role, as(false, false, {}, true, false));
    EXPECT_EQ(access.basis, AccessBasis::emergency);
    EXPECT_TRUE(access.reads(RecordPart::plan));
    EXPECT_TRUE(access.reads(RecordPart::contacts));
    EXPECT_FALSE(access.may_change);
  }
  // Roles without casework cannot break the glass into case content.
  for (auto role : {R::teamlead, R::admin, R::auditor}) {
    EXPECT_FALSE(household_access(role, as(false, false, {}, true, false)).allowed()) << to_string(role);
  }
}

TEST(AccessPolicy, TeamLeadsAdministratorsAndAuditorsNeverReadContentEvenWhenRecordedAsInvolved) {
  for (auto role : {R::teamlead, R::policy, R::admin, R::auditor, R::breakthrough_member}) {
    EXPECT_FALSE(household_access(role, as(true, true, {RecordPart::plan}, true, false)).allowed()) << to_string(role);
  }
}

TEST(AccessPolicy, ResidentsReadTheirOwnHouseholdOnlyAndChangeNothing) {
  const auto own = household_access(R::resident, as(false, false, {}, false, true));
  EXPECT_EQ(own.basis, AccessBasis::resident);
  EXPECT_TRUE(own.access_log);
  EXPECT_FALSE(own.may_change);
  EXPECT_EQ(own.readable, (std::set<RecordPart>{RecordPart::summary, RecordPart::plan, RecordPart::contacts}));
  EXPECT_FALSE(household_access(R::resident, as(true, true, {RecordPart::plan}, true, false)).allowed());
}

TEST(AccessPolicy, RecordPartsRoundTrip) {
  for (auto part : {RecordPart::summary, RecordPart::plan, RecordPart::contacts}) {
    EXPECT_EQ(parse_record_part(to_string(part)), part);
  }
  EXPECT_FALSE(parse_record_part("notes"));
}

}  // namespace
}  // namespace gezicht::domain

namespace gezicht::domain {
namespace {

TEST(AccessPolicy, AFormerContactReadsTheWholeRecordButChangesNothing) {
  HouseholdRelationship former;
  former.former_contact = true;
  const auto access = household_access(Role::professional, former);
  EXPECT_EQ(access.basis, AccessBasis::handover);
  EXPECT_STREQ(to_string(access.basis), "handover");
  EXPECT_TRUE(access.reads(RecordPart::summary));
  EXPECT_TRUE(access.reads(RecordPart::plan));
  EXPECT_TRUE(access.reads(RecordPart::contacts));
  EXPECT_FALSE(access.may_change);
  EXPECT_FALSE(access.access_log);
  former.involved = true;
  EXPECT_EQ(household_access(Role::professional, former).basis, AccessBasis::involved) << "involved again: works on it";
  former.involved = false;
  EXPECT_FALSE(household_access(Role::teamlead, former).allowed()) << "no case content for a team lead";
}

TEST(AccessPolicy, AShareOpensWhatTheAgreementAndTheBasisBothName) {
  using RP = RecordPart;
  EXPECT_EQ(narrow_share({RP::summary, RP::plan}, {RP::plan, RP::contacts}), (std::set<RP>{RP::plan}));
  EXPECT_EQ(narrow_share({RP::plan}, {}), (std::set<RP>{}));
  EXPECT_EQ(narrow_share({}, {RP::plan}), (std::set<RP>{})) << "an agreement never widens the basis";
  EXPECT_EQ(narrow_share({RP::summary, RP::plan, RP::contacts}, {RP::contacts}), (std::set<RP>{RP::contacts}));
}

}  // namespace
}  // namespace gezicht::domain
