// Percent-decoding, forms and cookies.

#include "web/url_encoding.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gezicht::web {
namespace {

using namespace std::string_literals;
using Fields = std::map<std::string, std::string>;

std::optional<std::string> some(std::string text) { return text; }

TEST(PercentDecode, Escapes) {
  EXPECT_EQ(percent_decode("%3Cb%3E", false), some("<b>"));
  EXPECT_EQ(percent_decode("%3cb%3e", false), some("<b>"));  // lower-case hex
  EXPECT_EQ(percent_decode("a%20b", false), some("a b"));
  EXPECT_EQ(percent_decode("%C3%A9", false), some("é"));
  EXPECT_EQ(percent_decode("%25", false), some("%"));
  EXPECT_EQ(percent_decode("%2541", false), some("%41"));  // decoded once only
  EXPECT_EQ(percent_decode("", false), some(""));
  EXPECT_EQ(percent_decode("plain", true), some("plain"));
  EXPECT_EQ(percent_decode("%41", false), some("A"));  // escape right at the end
}

TEST(PercentDecode, Plus) {
  EXPECT_EQ(percent_decode("a+b", true), some("a b"));
  EXPECT_EQ(percent_decode("a+b", false), some("a+b"));
  EXPECT_EQ(percent_decode("a%2Bb", true), some("a+b"));
}

TEST(PercentDecode, RejectsBrokenEscapes) {
  for (const char* bad : {"%zz", "%4", "%", "a%", "a%4", "%G1", "%1G", "%%41", "% 41", "%-1", "abc%2"}) {
    EXPECT_FALSE(percent_decode(bad, true).has_value()) << bad;
    EXPECT_FALSE(percent_decode(bad, false).has_value()) << bad;
  }
}

TEST(PercentDecode, DoesNotReadPastTheEndOfTheView) {
  // The view ends in the middle of an escape; the bytes after it in memory
  // ("%41", "%4142") must not complete it.
  const std::string buffer = "x%4142";
  EXPECT_FALSE(percent_decode(std::string_view(buffer).substr(0, 3), false).has_value());
  EXPECT_FALSE(percent_decode(std::string_view(buffer).substr(0, 2), false).has_value());
  EXPECT_EQ(percent_decode(std::string_view(buffer).substr(0, 4), false), some("xA"));
  EXPECT_FALSE(parse_form(std::string_view(buffer).substr(0, 3)).has_value());
}

TEST(PercentDecode, RejectsNul) {
  EXPECT_FALSE(percent_decode("%00", false).has_value());
  EXPECT_FALSE(percent_decode("a%00b", true).has_value());
  EXPECT_FALSE(percent_decode("a\0b"s, true).has_value());
}

TEST(PercentEncode, UnreservedStayOthersEscaped) {
  EXPECT_EQ(percent_encode("abcXYZ019-_.~"), "abcXYZ019-_.~");
  EXPECT_EQ(percent_encode("a b"), "a%20b");
  EXPECT_EQ(percent_encode("/inbox?x=1&y=2"), "%2Finbox%3Fx%3D1%26y%3D2");
  EXPECT_EQ(percent_encode("<script>"), "%3Cscript%3E");
  EXPECT_EQ(percent_encode("é"), "%C3%A9");
  EXPECT_EQ(percent_encode("+%"), "%2B%25");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(PercentEncode, RoundTripsEveryByteButNul) {
  std::string all;
  for (int b = 1; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(percent_decode(percent_encode(all), true), some(all));
  EXPECT_EQ(percent_decode(percent_encode(all), false), some(all));
}

TEST(ParseForm, Basic) {
  EXPECT_EQ(parse_form("a=1&b=2"), (Fields{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parse_form(""), Fields{});
  EXPECT_EQ(parse_form("name=Jan+de+Vries&postcode=1234%20AB"),
            (Fields{{"name", "Jan de Vries"}, {"postcode", "1234 AB"}}));
  EXPECT_EQ(parse_form("q=%3Cscript%3E"), (Fields{{"q", "<script>"}}));
  EXPECT_EQ(parse_form("a=b=c"), (Fields{{"a", "b=c"}}));
  EXPECT_EQ(parse_form("x%20y=1"), (Fields{{"x y", "1"}}));
}

TEST(ParseForm, RepeatedKeyKeepsTheFirst) {
  EXPECT_EQ(parse_form("a=1&a=2"), (Fields{{"a", "1"}}));
  EXPECT_EQ(parse_form("next=%2Finbox&next=https://evil.example"), (Fields{{"next", "/inbox"}}));
  EXPECT_EQ(parse_form("a=&a=2"), (Fields{{"a", ""}}));
}

TEST(ParseForm, EmptyValuesAndPairs) {
  EXPECT_EQ(parse_form("a=&b"), (Fields{{"a", ""}, {"b", ""}}));
  EXPECT_EQ(parse_form("&&a=1&&"), (Fields{{"a", "1"}}));
  EXPECT_EQ(parse_form("flag"), (Fields{{"flag", ""}}));
}

TEST(ParseForm, RejectsBrokenEscapes) {
  for (const char* bad : {"a=%zz", "a=1&b=%4", "%zz=1", "a=%00", "a=1&b=%", "a%=1"}) {
    EXPECT_FALSE(parse_form(bad).has_value()) << bad;
  }
}

TEST(ParseCookies, Basic) {
  EXPECT_EQ(parse_cookies("a=1; b=2"), (Fields{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parse_cookies("a=1;b=2"), (Fields{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parse_cookies("  gz_session = abc123 ;  gz_lang=en  "),
            (Fields{{"gz_session", "abc123"}, {"gz_lang", "en"}}));
  EXPECT_EQ(parse_cookies(""), Fields{});
  EXPECT_EQ(parse_cookies("token=a=b"), (Fields{{"token", "a=b"}}));
}

TEST(ParseCookies, SkipsNamelessAndValuelessPairsAndKeepsTheFirst) {
  EXPECT_EQ(parse_cookies("=x; a=1; junk; ; b="), (Fields{{"a", "1"}, {"b", ""}}));
  EXPECT_EQ(parse_cookies("a=1; a=2"), (Fields{{"a", "1"}}));
}

}  // namespace
}  // namespace gezicht::web
