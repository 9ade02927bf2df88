// Route pattern matching (the router's only pure part).

#include "web/router.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace gezicht::web {
namespace {

using Params = std::map<std::string, std::string>;

TEST(MatchPattern, LiteralPaths) {
  Params params;
  EXPECT_TRUE(match_pattern("/", "/", params));
  EXPECT_TRUE(params.empty());
  EXPECT_TRUE(match_pattern("/inbox", "/inbox", params));
  EXPECT_TRUE(match_pattern("/api/v1/health", "/api/v1/health", params));
  EXPECT_FALSE(match_pattern("/inbox", "/inbox/", params));
  EXPECT_FALSE(match_pattern("/inbox/", "/inbox", params));
  EXPECT_FALSE(match_pattern("/inbox", "/Inbox", params));
  EXPECT_FALSE(match_pattern("/inbox", "/inbox/extra", params));
  EXPECT_FALSE(match_pattern("/inbox/extra", "/inbox", params));
  EXPECT_FALSE(match_pattern("/inbox", "/inboxx", params));
  EXPECT_FALSE(match_pattern("/inbox", "inbox", params));
  EXPECT_FALSE(match_pattern("/inbox", "", params));
  EXPECT_FALSE(match_pattern("/", "", params));
  EXPECT_FALSE(match_pattern("/", "//", params));
  EXPECT_FALSE(match_pattern("/a/b", "/a//b", params));
}

TEST(MatchPattern, OneParameter) {
  Params params;
  EXPECT_TRUE(match_pattern("/a/{x}/b", "/a/12/b", params));
  EXPECT_EQ(params, (Params{{"x", "12"}}));
  EXPECT_TRUE(match_pattern("/api/v1/referrals/{reference}", "/api/v1/referrals/GZ-7K3M-Q9XD", params));
  EXPECT_EQ(params, (Params{{"reference", "GZ-7K3M-Q9XD"}}));
  EXPECT_FALSE(match_pattern("/a/{x}/b", "/a/12/c", params));
  EXPECT_FALSE(match_pattern("/a/{x}/b", "/a/12", params));
  EXPECT_FALSE(match_pattern("/a/{x}/b", "/a/12/b/c", params));
  EXPECT_FALSE(match_pattern("/a/{x}", "/b/12", params));
}

TEST(MatchPattern, ParameterValuesAreDecoded) {
  Params params;
  EXPECT_TRUE(match_pattern("/avatars/{file}", "/avatars/a%20b.svg", params));
  EXPECT_EQ(params.at("file"), "a b.svg");
  // '+' is a plus in a path, not a space.
  EXPECT_TRUE(match_pattern("/avatars/{file}", "/avatars/a+b", params));
  EXPECT_EQ(params.at("file"), "a+b");
  EXPECT_TRUE(match_pattern("/p/{x}", "/p/%3Cscript%3E", params));
  EXPECT_EQ(params.at("x"), "<script>");
}

TEST(MatchPattern, EmptyOrBrokenParameterDoesNotMatch) {
  Params params;
  EXPECT_FALSE(match_pattern("/a/{x}", "/a/", params));
  EXPECT_FALSE(match_pattern("/a/{x}/b", "/a//b", params));
  EXPECT_FALSE(match_pattern("/a/{x}", "/a/%zz", params));
  EXPECT_FALSE(match_pattern("/a/{x}", "/a/%4", params));
  EXPECT_FALSE(match_pattern("/a/{x}", "/a/%00", params));
}

TEST(MatchPattern, SeveralParameters) {
  Params params;
  EXPECT_TRUE(match_pattern("/teams/{team}/people/{person}", "/teams/7/people/42", params));
  EXPECT_EQ(params, (Params{{"team", "7"}, {"person", "42"}}));
}

TEST(MatchPattern, ParamsAreClearedOnEveryCall) {
  Params params{{"stale", "value"}};
  EXPECT_TRUE(match_pattern("/inbox", "/inbox", params));
  EXPECT_TRUE(params.empty());
  params = {{"stale", "value"}};
  EXPECT_FALSE(match_pattern("/a/{x}", "/b", params));
  EXPECT_EQ(params.count("stale"), 0u);
}

TEST(MatchPattern, BracesThatAreNotAParameterAreLiteral) {
  Params params;
  EXPECT_TRUE(match_pattern("/a/{}", "/a/{}", params));
  EXPECT_TRUE(params.empty());
  EXPECT_FALSE(match_pattern("/a/{}", "/a/x", params));
}

}  // namespace
}  // namespace gezicht::web
