#pragma once
// Languages are stored as a comma-separated list of ISO 639 codes.

#include <string>
#include <string_view>
#include <vector>

namespace gezicht::storage {

inline std::vector<std::string> split_languages(std::string_view text) {
  std::vector<std::string> languages;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto comma = text.find(',', at);
    const auto end = comma == std::string_view::npos ? text.size() : comma;
    if (end > at) languages.emplace_back(text.substr(at, end - at));
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  return languages;
}

}  // namespace gezicht::storage
