#include "domain/photo_rules.hpp"

#include <gtest/gtest.h>

namespace gezicht::domain {
namespace {

TEST(PhotoRules, StaffSetTheirOwnPhotoAndTheAdministratorAnyones) {
  EXPECT_TRUE(may_set_photo(Role::professional, 5, Role::professional, 5));
  EXPECT_TRUE(may_set_photo(Role::domain_professional, 6, Role::domain_professional, 6));
  EXPECT_FALSE(may_set_photo(Role::auditor, 6, Role::auditor, 6)) << "no resident meets the auditor";
  EXPECT_FALSE(may_set_photo(Role::professional, 5, Role::professional, 6)) << "not a colleague's";
  EXPECT_FALSE(may_set_photo(Role::teamlead, 5, Role::professional, 6)) << "not even the team lead";
  EXPECT_TRUE(may_set_photo(Role::admin, 1, Role::professional, 6));
  EXPECT_TRUE(may_set_photo(Role::admin, 1, Role::teamlead, 7));
}

TEST(PhotoRules, ResidentsHaveNoPhotoHere) {
  EXPECT_FALSE(has_staff_face(Role::resident));
  EXPECT_FALSE(may_set_photo(Role::resident, 9, Role::resident, 9));
  EXPECT_FALSE(may_set_photo(Role::admin, 1, Role::resident, 9));
  for (auto role : all_roles()) {
    const bool shown = role == Role::professional || role == Role::domain_professional || role == Role::teamlead ||
                       role == Role::breakthrough_member;
    EXPECT_EQ(has_staff_face(role), shown) << to_string(role);
  }
  EXPECT_FALSE(may_set_photo(Role::admin, 1, Role::admin, 1)) << "nor the administrator's own";
}

}  // namespace
}  // namespace gezicht::domain
