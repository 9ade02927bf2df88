// Every role's home (domain::home_of) is a page of the route table that the
// role may open, so logging in never lands anyone on a refusal.

#include <gtest/gtest.h>

#include <string>

#include "domain/access_policy.hpp"
#include "web/routes.hpp"

namespace gezicht::web {
namespace {

TEST(RoleHomes, EachHomeIsAPageTheRoleMayOpen) {
  const Router router = make_router();
  for (auto role : domain::all_roles()) {
    const auto home = domain::home_of(role);
    const Route* found = nullptr;
    for (const auto& route : router.routes()) {
      if (route.method == "GET" && route.pattern == home.path) found = &route;
    }
    ASSERT_NE(found, nullptr) << domain::to_string(role) << ": no GET route at " << home.path;
    EXPECT_EQ(found->kind, RouteKind::page) << home.path;
    EXPECT_EQ(found->permission, home.permission) << home.path;
    EXPECT_TRUE(domain::role_has(role, found->permission)) << domain::to_string(role) << " may not open " << home.path;
  }
}

}  // namespace
}  // namespace gezicht::web
