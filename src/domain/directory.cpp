#include "domain/directory.hpp"

#include <algorithm>

#include <cctype>

namespace gezicht::domain {

const Neighbourhood* Directory::neighbourhood_for(std::string_view postcode) const {
  for (const auto& neighbourhood : neighbourhoods) {
    for (const auto& range : neighbourhood.postcodes) {
      if (range.from <= postcode && postcode <= range.to) return &neighbourhood;
    }
  }
  return nullptr;
}

const Team* Directory::team(std::int64_t id) const {
  for (const auto& candidate : teams) {
    if (candidate.id == id) return &candidate;
  }
  return nullptr;
}

namespace {

// The first UTF-8 character of a word, as bytes.
std::string first_character(std::string_view word) {
  std::size_t length = 1;
  const auto lead = static_cast<unsigned char>(word[0]);
  if (lead >= 0xF0)
    length = 4;
  else if (lead >= 0xE0)
    length = 3;
  else if (lead >= 0xC0)
    length = 2;
  std::string result(word.substr(0, std::min(length, word.size())));
  if (length == 1) result[0] = static_cast<char>(std::toupper(lead));
  return result;
}

}  // namespace

std::string initials(std::string_view name) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < name.size()) {
    while (at < name.size() && name[at] == ' ') ++at;
    std::size_t end = at;
    while (end < name.size() && name[end] != ' ') ++end;
    if (end > at) words.push_back(name.substr(at, end - at));
    at = end;
  }
  if (words.empty()) return "?";
  // A name that starts with a surname prefix ("van der Berg", "de Vries", for
  // someone known only by surname) starts at its first capitalised word.
  auto starts_lower = [](std::string_view word) {
    return word[0] == '\'' || std::islower(static_cast<unsigned char>(word[0])) != 0;  // "van 't Hof"
  };
  const auto first_capital = std::find_if_not(words.begin(), words.end(), starts_lower);
  if (first_capital != words.begin() && first_capital != words.end()) words.erase(words.begin(), first_capital);
  // Dutch surname prefixes ("van", "de", "el") are lower case; the last
  // capitalised word is the one people are called by.
  std::string_view last = words.size() > 1 ? words.back() : std::string_view{};
  for (auto it = words.rbegin(); words.size() > 1 && it != words.rend() - 1; ++it) {
    if (std::isupper(static_cast<unsigned char>((*it)[0])) || static_cast<unsigned char>((*it)[0]) >= 0x80) {
      last = *it;
      break;
    }
  }
  std::string result = first_character(words.front());
  if (!last.empty()) result += first_character(last);
  return result;
}

}  // namespace gezicht::domain
