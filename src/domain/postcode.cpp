#include "domain/postcode.hpp"

#include <cctype>

namespace gezicht::domain {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string> normalise_postcode(std::string_view text) {
  text = trim(text);
  std::string compact;
  for (char c : text) {
    if (c == ' ') continue;
    compact.push_back(upper(c));
    if (compact.size() > 6) return std::nullopt;
  }
  if (compact.size() != 6 || compact[0] == '0') return std::nullopt;
  for (int i = 0; i < 4; ++i) {
    if (!is_digit(compact[i])) return std::nullopt;
  }
  if (!is_letter(compact[4]) || !is_letter(compact[5])) return std::nullopt;
  const std::string_view letters = std::string_view(compact).substr(4);
  if (letters == "SA" || letters == "SD" || letters == "SS") return std::nullopt;
  // At most one space, and only between the digits and the letters.
  const auto space = text.find(' ');
  if (space != std::string_view::npos && (space != 4 || text.find(' ', space + 1) != std::string_view::npos)) {
    return std::nullopt;
  }
  return compact;
}

std::optional<std::string> normalise_house_number(std::string_view text) {
  text = trim(text);
  std::size_t digits = 0;
  while (digits < text.size() && is_digit(text[digits])) ++digits;
  if (digits == 0 || digits > 5 || text[0] == '0') return std::nullopt;
  std::string result(text.substr(0, digits));
  std::string_view rest = text.substr(digits);
  if (rest.empty()) return result;
  // An addition: optional separator (space or '-') and 1-4 letters or digits.
  if (rest.front() == ' ' || rest.front() == '-') {
    result.push_back(rest.front());
    rest.remove_prefix(1);
  }
  if (rest.empty() || rest.size() > 4) return std::nullopt;
  for (char c : rest) {
    if (!is_digit(c) && !is_letter(c)) return std::nullopt;
    result.push_back(upper(c));
  }
  return result;
}

std::string display_postcode(std::string_view normalised) {
  if (normalised.size() != 6) return std::string(normalised);
  return std::string(normalised.substr(0, 4)) + " " + std::string(normalised.substr(4));
}

}  // namespace gezicht::domain
