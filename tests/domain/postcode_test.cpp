// Dutch postcodes and house numbers.

#include "domain/postcode.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace gezicht::domain {
namespace {

TEST(Postcode, NormalisesCaseAndSpaces) {
  EXPECT_EQ(normalise_postcode("1234 ab"), std::optional<std::string>("1234AB"));
  EXPECT_EQ(normalise_postcode(" 1234AB "), std::optional<std::string>("1234AB"));
  EXPECT_EQ(normalise_postcode("1234AB"), std::optional<std::string>("1234AB"));
  EXPECT_EQ(normalise_postcode("1234aB"), std::optional<std::string>("1234AB"));
  EXPECT_EQ(normalise_postcode("9999 ZZ"), std::optional<std::string>("9999ZZ"));
  EXPECT_EQ(normalise_postcode("1000 AA"), std::optional<std::string>("1000AA"));
  EXPECT_EQ(normalise_postcode("\t3511 lk\n"), std::optional<std::string>("3511LK"));
}

TEST(Postcode, AcceptsLettersThatOnlyStartWithS) {
  EXPECT_EQ(normalise_postcode("1234 SB"), std::optional<std::string>("1234SB"));
  EXPECT_EQ(normalise_postcode("1234 AS"), std::optional<std::string>("1234AS"));
  EXPECT_EQ(normalise_postcode("1234 DS"), std::optional<std::string>("1234DS"));
}

TEST(Postcode, RejectsMalformed) {
  for (const char* text : {"0123AB",  "0123 AB",  "1234SA",   "1234 sa", "1234SD",   "1234 sd",  "1234SS",
                           "12345",   "1234 A B", "1234  AB", "",        " ",        "<script>", "1234",
                           "123AB",   "12345AB",  "1234ABC",  "1234A",   "1234 A",   "12 34AB",  "AB1234",
                           "1234 1B", "1234A1",   "ABCD EF",  "1234-AB", "1234\tAB", "1234ÄB",   "１２３４AB"}) {
    EXPECT_FALSE(normalise_postcode(text).has_value()) << '"' << text << '"';
  }
}

TEST(Postcode, Display) {
  EXPECT_EQ(display_postcode("1234AB"), "1234 AB");
  EXPECT_EQ(display_postcode(*normalise_postcode("3511 lk")), "3511 LK");
  // Not a normalised postcode: returned as it is.
  EXPECT_EQ(display_postcode("123"), "123");
  EXPECT_EQ(display_postcode(""), "");
}

TEST(HouseNumber, AcceptsAndNormalises) {
  EXPECT_EQ(normalise_house_number("12"), std::optional<std::string>("12"));
  EXPECT_EQ(normalise_house_number("1"), std::optional<std::string>("1"));
  EXPECT_EQ(normalise_house_number("12a"), std::optional<std::string>("12A"));
  EXPECT_EQ(normalise_house_number("12A"), std::optional<std::string>("12A"));
  EXPECT_EQ(normalise_house_number("12-2"), std::optional<std::string>("12-2"));
  EXPECT_EQ(normalise_house_number("12 bis"), std::optional<std::string>("12 BIS"));
  EXPECT_EQ(normalise_house_number(" 12 "), std::optional<std::string>("12"));
  EXPECT_EQ(normalise_house_number("12-hs"), std::optional<std::string>("12-HS"));
  EXPECT_EQ(normalise_house_number("99999"), std::optional<std::string>("99999"));
  EXPECT_EQ(normalise_house_number("12 abcd"), std::optional<std::string>("12 ABCD"));
}

TEST(HouseNumber, RejectsMalformed) {
  for (const char* text : {"0", "012", "abc", "123456", "12-", "12-abcde", "12 A B", "12--2", "12_a", "", " ", "-12",
                           "a12", "12<b>", "12 -2", "12/2", "12é"}) {
    EXPECT_FALSE(normalise_house_number(text).has_value()) << '"' << text << '"';
  }
}

}  // namespace
}  // namespace gezicht::domain
