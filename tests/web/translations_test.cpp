// Interface texts: every language has every key, and no text is empty.

#include "web/translations.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace gezicht::web {
namespace {

const Translations& translations() {
  static const Translations loaded = Translations::load_embedded();
  return loaded;
}

std::set<std::string> keys(std::string_view language) {
  std::set<std::string> result;
  for (const auto& [key, value] : translations().all(language)) result.insert(key);
  return result;
}

TEST(Translations, LoadsDutchAndEnglish) {
  ASSERT_NO_THROW(Translations::load_embedded());
  const auto& languages = translations().languages();
  ASSERT_GE(languages.size(), 2u);
  EXPECT_EQ(languages.front(), "nl");
  EXPECT_TRUE(translations().supports("nl"));
  EXPECT_TRUE(translations().supports("en"));
  EXPECT_FALSE(translations().supports("de"));
  EXPECT_FALSE(translations().supports(""));
  EXPECT_FALSE(translations().supports("NL"));
  EXPECT_EQ(std::set<std::string>(languages.begin(), languages.end()).size(), languages.size());
}

TEST(Translations, EveryLanguageHasExactlyTheDutchKeys) {
  const auto dutch = keys("nl");
  ASSERT_GT(dutch.size(), 10u);
  for (const auto& language : translations().languages()) {
    // Both directions: a key only in English would be a text Dutch readers never get.
    EXPECT_EQ(keys(language), dutch) << language;
  }
  EXPECT_EQ(keys("en"), dutch);
}

TEST(Translations, NoTextIsEmpty) {
  for (const auto& language : translations().languages()) {
    for (const auto& [key, value] : translations().all(language)) {
      EXPECT_FALSE(value.empty()) << language << ": " << key;
      EXPECT_NE(value.find_first_not_of(" \t\r\n"), std::string::npos) << language << ": " << key << " is blank";
    }
  }
}

TEST(Translations, TextsUsedByTheTemplatesAreThere) {
  for (const char* language : {"nl", "en"}) {
    EXPECT_FALSE(translations().text(language, "error.title").empty()) << language;
    EXPECT_FALSE(translations().text(language, "nav.frontdoor").empty()) << language;
  }
  EXPECT_NE(translations().text("nl", "error.title"), translations().text("en", "error.title"));
}

TEST(Translations, UnknownKeyOrLanguageThrowsOutOfRange) {
  EXPECT_THROW(translations().text("nl", "no.such.key"), std::out_of_range);
  EXPECT_THROW(translations().text("de", "error.title"), std::out_of_range);
  EXPECT_THROW(translations().all("de"), std::out_of_range);
  try {
    translations().text("nl", "no.such.key");
  } catch (const std::out_of_range& error) {
    EXPECT_NE(std::string(error.what()).find("no.such.key"), std::string::npos) << error.what();
  }
}

TEST(Translations, LanguageFromAcceptHeader) {
  EXPECT_EQ(language_from_accept_header("en-GB,en;q=0.9,nl;q=0.8", translations()), "en");
  EXPECT_EQ(language_from_accept_header("nl-NL,nl;q=0.9", translations()), "nl");
  EXPECT_EQ(language_from_accept_header("de-DE, EN;q=0.5", translations()), "en");
  EXPECT_EQ(language_from_accept_header("de-DE,fr", translations()), "");
  EXPECT_EQ(language_from_accept_header("", translations()), "");
  EXPECT_EQ(language_from_accept_header("*", translations()), "");
}

}  // namespace
}  // namespace gezicht::web
