#include "domain/theme.hpp"

#include <algorithm>
#include <cctype>

#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

bool valid_name(std::string_view name) {
  const bool known_prefix = name.starts_with("--basis-") || name.starts_with("--utrecht-") || name.starts_with("--gz-");
  return known_prefix && name.size() <= 100 && std::all_of(name.begin() + 2, name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A colour, a length, a number, a font list or a function of those
// (rgb(), calc()); no ; { } < > \ that could end the declaration or the
// style, no url() or @ that could load anything, quotes only in pairs.
bool valid_value(std::string_view value) {
  if (value.empty() || value.size() > 200) return false;
  for (char c : value) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '#' || c == '%' || c == '.' ||
                       c == ',' || c == '(' || c == ')' || c == '-' || c == '+' || c == '*' || c == '/' || c == '_' ||
                       c == '"' || c == '\'';
    if (!plain) return false;
  }
  // Nothing that loads (url(), image-set(), src()) or comments out the rest of the sheet (/* */).
  const std::string folded = lower(value);
  for (const char* refused : {"url", "expression", "image-set", "src(", "/*", "*/"}) {
    if (folded.find(refused) != std::string::npos) return false;
  }
  return std::count(value.begin(), value.end(), '"') % 2 == 0 &&
         std::count(value.begin(), value.end(), '\'') % 2 == 0 &&
         std::count(value.begin(), value.end(), '(') == std::count(value.begin(), value.end(), ')');
}

bool is_hex_colour(std::string_view value) {
  return (value.size() == 4 || value.size() == 7) && value[0] == '#' &&
         std::all_of(value.begin() + 1, value.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

void validate_theme(const ThemeTokens& tokens, const std::string& path) {
  std::vector<FieldError> errors;
  if (tokens.size() > max_theme_tokens) errors.push_back({path, "theme.too_many"});
  for (const auto& [name, value] : tokens) {
    std::string field = path;
    field += '.';
    field += name;
    if (!valid_name(name)) {
      errors.push_back({std::move(field), "theme.unknown_token"});
    } else if (!valid_value(value)) {
      errors.push_back({std::move(field), "theme.invalid_value"});
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

std::string theme_css(const ThemeTokens& tokens, std::string_view selector) {
  std::string css = "/* The municipality's own tokens (gezicht directory import: municipality.theme). */\n";
  css += selector;
  css += " {\n";
  for (const auto& [name, value] : tokens) {
    css += "  ";
    css += name;
    css += ": ";
    css += value;
    css += ";\n";
  }
  css += "}\n";
  return css;
}

std::string favicon_svg(std::string_view municipality_name, const ThemeTokens& tokens) {
  std::string colour = "#1f5f8b";  // white on it: 6.6:1
  for (const auto& [name, value] : tokens) {
    if (name == "--basis-color-accent-1-bg-default" && is_hex_colour(value)) colour = value;
  }
  // The first letter of the name after "Gemeente ", as a municipality's mark.
  std::string_view name = municipality_name;
  if (name.starts_with("Gemeente ")) name.remove_prefix(9);
  std::string letter = "G";
  if (!name.empty() && std::isalpha(static_cast<unsigned char>(name.front()))) {
    letter = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(name.front()))));
  }
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" "
      "fill=\"";
  svg += colour;
  svg +=
      "\"/><text x=\"16\" y=\"23\" font-family=\"sans-serif\" font-size=\"20\" font-weight=\"700\" "
      "text-anchor=\"middle\" fill=\"#ffffff\">";
  svg += letter;
  svg += "</text></svg>";
  return svg;
}

}  // namespace gezicht::domain
