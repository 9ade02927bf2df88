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

TEST(Translations, CompleteLanguagesHaveTheDutchKeysResidentsLanguagesTheResidentFacingOnes) {
  const auto dutch = keys("nl");
  ASSERT_GT(dutch.size(), 10u);
  std::set<std::string> resident_facing;
  for (const auto& key : dutch) {
    if (Translations::is_resident_facing(key)) resident_facing.insert(key);
  }
  ASSERT_GT(resident_facing.size(), 100u);
  ASSERT_LT(resident_facing.size(), dutch.size()) << "the professionals' pages have texts of their own";
  // Both directions: a key only in English would be a text Dutch readers never get.
  EXPECT_EQ(keys("en"), dutch);
  EXPECT_TRUE(translations().is_complete("en"));
  for (const char* language : {"tr", "ar", "pl", "uk"}) {
    ASSERT_TRUE(translations().supports(language)) << language;
    EXPECT_FALSE(translations().is_complete(language)) << language;
    EXPECT_EQ(keys(language), resident_facing) << language;
  }
  for (const auto& language : translations().languages()) {
    const auto own = keys(language);
    EXPECT_TRUE(own == dutch || own == resident_facing) << language;
  }
}

TEST(Translations, EachLanguageNamesItselfInItsOwnScriptAndSaysItsDirection) {
  EXPECT_EQ(translations().text("ar", "lang.name"), "\u0627\u0644\u0639\u0631\u0628\u064a\u0629");
  EXPECT_EQ(translations().text("ar", "lang.dir"), "rtl");
  EXPECT_EQ(translations().text("uk", "lang.name"), "\u0423\u043a\u0440\u0430\u0457\u043d\u0441\u044c\u043a\u0430");
  for (const char* language : {"nl", "en", "tr", "pl", "uk"})
    EXPECT_EQ(translations().text(language, "lang.dir"), "ltr");
  // Complete languages first: the language switch lists Dutch and English first.
  EXPECT_EQ(translations().languages().at(0), "nl");
  EXPECT_EQ(translations().languages().at(1), "en");
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
