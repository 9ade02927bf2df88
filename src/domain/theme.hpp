#pragma once
// A municipality's own look through NL Design System tokens: the import
// names tokens (--basis-color-accent-1-bg-default: #005ca9) and the server
// serves them as a stylesheet after the base theme. Pure rules: which tokens
// and values are allowed (nothing that could end a declaration or load
// anything), and the stylesheet's text.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gezicht::domain {

using ThemeTokens = std::vector<std::pair<std::string, std::string>>;  // name, value

// At most this many tokens; a theme sets a few dozen.
inline constexpr std::size_t max_theme_tokens = 200;

// Throws ValidationError naming `path` + "." + the token for a name that is
// no NL Design System token (--basis-..., --utrecht-..., --gz-...) or a value
// that is not a plain colour, length, number or font list.
void validate_theme(const ThemeTokens& tokens, const std::string& path);
// ".voorbeeld-theme { --a: b; ... }": the tokens for the class the base theme uses.
std::string theme_css(const ThemeTokens& tokens, std::string_view selector);
// The favicon: the municipality's initial on its accent colour (a #hex token, or a default).
std::string favicon_svg(std::string_view municipality_name, const ThemeTokens& tokens);

}  // namespace gezicht::domain
