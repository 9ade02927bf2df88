#include "domain/access_log.hpp"

#include <gtest/gtest.h>

namespace gezicht::domain {
namespace {

LoggedAccess read_by(std::int64_t user, std::string name) { return {user, std::move(name), "summary", "read", false}; }
LoggedAccess refused(std::int64_t user, std::string name, std::string part = "summary") {
  return {user, std::move(name), std::move(part), "read", true};
}

TEST(AccessLog, ARunOfRefusalsOfOnePersonIsOneLineWithItsCount) {
  std::vector<LoggedAccess> entries{read_by(1, "Anna")};
  for (int i = 0; i < 500; ++i) entries.push_back(refused(2, "Stan", i % 2 ? "contacts" : "summary"));
  entries.push_back(read_by(1, "Anna"));
  const auto lines = group_access_log(entries);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].first, 0u);
  EXPECT_EQ(lines[0].count, 1u);
  EXPECT_EQ(lines[1].first, 1u);
  EXPECT_EQ(lines[1].count, 500u);
  EXPECT_EQ(lines[2].first, 501u);
  EXPECT_EQ(lines[2].count, 1u);
}

TEST(AccessLog, RefusalsOfDifferentPeopleAndAllowedReadsStayApart) {
  const std::vector<LoggedAccess> entries{refused(2, "Stan"), refused(3, "Noor"), refused(3, "Noor"),
                                          read_by(3, "Noor"), refused(3, "Noor")};
  const auto lines = group_access_log(entries);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1].count, 2u);
  EXPECT_EQ(lines[2].count, 1u);  // an allowed read is never folded into refusals
  EXPECT_EQ(lines[3].first, 4u);
}

TEST(AccessLog, TheSameNameWithAnotherAccountIsAnotherPerson) {
  const auto lines = group_access_log({refused(2, "Jan"), refused(5, "Jan")});
  EXPECT_EQ(lines.size(), 2u);
}

TEST(AccessLog, EmergencyAccessAndSharingDecisionsArePinned) {
  auto entry = [](std::string part, std::string action, bool denied = false) {
    return LoggedAccess{7, "Noor", std::move(part), std::move(action), denied};
  };
  EXPECT_TRUE(is_pinned_access(entry("summary,plan,contacts", "emergency_access")));
  EXPECT_TRUE(is_pinned_access(entry("sharing", "create")));
  EXPECT_TRUE(is_pinned_access(entry("sharing", "change")));
  EXPECT_FALSE(is_pinned_access(entry("sharing", "change", true)));  // a refused attempt shares nothing
  EXPECT_FALSE(is_pinned_access(entry("sharing", "read")));
  EXPECT_FALSE(is_pinned_access(entry("summary", "read")));
  EXPECT_FALSE(is_pinned_access(entry("plan", "change")));
}

TEST(AccessLog, NothingToGroup) { EXPECT_TRUE(group_access_log({}).empty()); }

}  // namespace
}  // namespace gezicht::domain
