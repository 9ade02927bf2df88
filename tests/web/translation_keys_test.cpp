// Every text in every language is used somewhere: named in a template
// ([[key]]), in the code ("key"), as an error's message key (error.<key> is
// thrown as "<key>"), or under a prefix the code composes ("day." + n). A
// text nobody shows is a defect like a missing one (which the loader and the
// template compiler refuse).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "web/translations.hpp"

namespace gezicht::web {
namespace {

namespace fs = std::filesystem;

std::string all_sources() {
  std::string text;
  const fs::path root(GEZICHT_SOURCE_DIR);
  for (const auto* folder : {"templates", "src"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      const auto extension = entry.path().extension();
      if (extension != ".mustache" && extension != ".cpp" && extension != ".hpp") continue;
      std::ifstream file(entry.path());
      std::ostringstream content;
      content << file.rdbuf();
      text += content.str();
    }
  }
  return text;
}

bool is_used(const std::string& key, const std::string& sources) {
  const auto quoted = [&](const std::string& text) { return sources.find('"' + text + '"') != std::string::npos; };
  if (sources.find("[[" + key + "]]") != std::string::npos || quoted(key)) return true;
  if (key.starts_with("error.") && quoted(key.substr(6))) return true;
  for (auto dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1)) {
    if (quoted(key.substr(0, dot + 1))) return true;
  }
  return false;
}

TEST(TranslationKeys, EveryTextOfEveryLanguageIsUsed) {
  const auto translations = Translations::load_embedded();
  const std::string sources = all_sources();
  ASSERT_GT(sources.size(), 100'000u) << "the sources were not found under " << GEZICHT_SOURCE_DIR;
  for (const auto& language : translations.languages()) {
    for (const auto& [key, value] : translations.all(language)) {
      EXPECT_TRUE(is_used(key, sources)) << language << ": '" << key << "' is shown nowhere";
    }
  }
}

TEST(TranslationKeys, TheRuleSeesAKeyNobodyUses) {
  const std::string sources = R"(text("mijn.home.title") [[status.title]] throw X("feedback.given") "day." )";
  EXPECT_TRUE(is_used("mijn.home.title", sources));
  EXPECT_TRUE(is_used("status.title", sources));
  EXPECT_TRUE(is_used("error.feedback.given", sources));
  EXPECT_TRUE(is_used("day.3", sources));
  EXPECT_FALSE(is_used("mijn.home.gone", sources));
  EXPECT_FALSE(is_used("error.feedback.other", sources));
}

}  // namespace
}  // namespace gezicht::web
