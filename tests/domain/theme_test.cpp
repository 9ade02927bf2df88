#include "domain/theme.hpp"

#include <gtest/gtest.h>

#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

std::vector<std::string> problems(const ThemeTokens& tokens) {
  try {
    validate_theme(tokens, "municipality.theme");
  } catch (const ValidationError& error) {
    std::vector<std::string> out;
    for (const auto& e : error.errors()) out.push_back(e.field + ":" + e.message_key);
    return out;
  }
  return {};
}

TEST(Theme, PlainTokensAreAllowed) {
  EXPECT_TRUE(problems({{"--basis-color-accent-1-bg-default", "#005ca9"},
                        {"--basis-text-font-family-default", "\"Fira Sans\", system-ui, sans-serif"},
                        {"--utrecht-button-border-radius", "calc(0.25rem + 1px)"},
                        {"--gz-max-inline-size", "64rem"},
                        {"--basis-color-default-color-document", "rgb(0 26 64)"}})
                  .empty());
}

TEST(Theme, NothingThatEndsADeclarationOrLoadsAnything) {
  EXPECT_EQ(problems({{"--basis-color-x", "red; } body { display: none"}}),
            (std::vector<std::string>{"municipality.theme.--basis-color-x:theme.invalid_value"}));
  EXPECT_EQ(problems({{"--basis-bg", "url(https://evil.example/x.png)"}}).size(), 1u);
  EXPECT_EQ(problems({{"--basis-bg", "u\\72l(x)"}}).size(), 1u) << "no escapes";
  EXPECT_EQ(problems({{"--basis-font", "\"Fira Sans"}}).size(), 1u) << "quotes in pairs";
  EXPECT_EQ(problems({{"--basis-x", "</style><script>"}}).size(), 1u);
  EXPECT_EQ(problems({{"--basis-x", ""}}).size(), 1u);
  EXPECT_EQ(problems({{"--basis-x", "red /* the rest of the sheet"}}).size(), 1u) << "no comments";
  EXPECT_EQ(problems({{"--basis-x", "image-set(\"x.png\" 1x)"}}).size(), 1u);
  EXPECT_EQ(problems({{"--basis-x", "src(\"x.png\")"}}).size(), 1u);
  EXPECT_EQ(problems({{"color", "red"}}), (std::vector<std::string>{"municipality.theme.color:theme.unknown_token"}));
  EXPECT_EQ(problems({{"--basis-Color", "red"}}).size(), 1u);
}

TEST(Theme, TheStylesheetSetsTheTokensForTheThemeClass) {
  EXPECT_EQ(theme_css({{"--basis-color-accent-1-bg-default", "#005ca9"}}, ".voorbeeld-theme").substr(84),
            ".voorbeeld-theme {\n  --basis-color-accent-1-bg-default: #005ca9;\n}\n");
}

TEST(Theme, TheFaviconIsTheInitialOnTheAccentColour) {
  const auto svg = favicon_svg("Gemeente Utrecht", {{"--basis-color-accent-1-bg-default", "#c00000"}});
  EXPECT_NE(svg.find("fill=\"#c00000\""), std::string::npos);
  EXPECT_NE(svg.find(">U</text>"), std::string::npos);
  const auto plain = favicon_svg("'s-Hertogenbosch", {{"--basis-color-accent-1-bg-default", "rgb(1 2 3)"}});
  EXPECT_NE(plain.find("fill=\"#1f5f8b\""), std::string::npos) << "only a #hex colour goes into the SVG";
  EXPECT_NE(plain.find(">G</text>"), std::string::npos);
}

}  // namespace
}  // namespace gezicht::domain
