#include "web/translations.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "embedded/embedded_files.hpp"

namespace gezicht::web {

Translations Translations::load_embedded() {
  Translations translations;
  const std::string prefix = "translations/";
  for (const auto& [path, content] : embedded::files()) {
    if (!path.starts_with(prefix) || !path.ends_with(".json")) continue;
    const std::string language = path.substr(prefix.size(), path.size() - prefix.size() - 5);
    const auto json = nlohmann::json::parse(content);
    if (!json.is_object()) throw std::runtime_error(path + " is not a JSON object");
    auto& texts = translations.texts_[language];
    for (const auto& [key, value] : json.items()) {
      if (!value.is_string()) throw std::runtime_error(path + ": value of '" + key + "' is not a string");
      texts[key] = value.get<std::string>();
    }
    if (language == "nl")
      translations.languages_.insert(translations.languages_.begin(), language);
    else
      translations.languages_.push_back(language);
  }
  if (translations.languages_.empty() || translations.languages_.front() != "nl") {
    throw std::runtime_error("translations/nl.json is missing");
  }
  const auto& dutch = translations.texts_.at("nl");
  for (const auto& language : translations.languages_) {
    const auto& texts = translations.texts_.at(language);
    // Complete, or exactly the resident-facing texts.
    const bool complete = texts.size() == dutch.size();
    for (const auto& [key, value] : dutch) {
      if ((complete || is_resident_facing(key)) && !texts.contains(key)) {
        throw std::runtime_error("translations/" + language + ".json lacks '" + key + "'");
      }
    }
    for (const auto& [key, value] : texts) {
      if (!dutch.contains(key))
        throw std::runtime_error("translations/" + language + ".json has '" + key + "', which Dutch has not");
      if (!complete && !is_resident_facing(key)) {
        throw std::runtime_error("translations/" + language + ".json has the professionals' text '" + key + "'");
      }
    }
  }
  // Complete languages first (Dutch, English), so a switch lists them first.
  std::stable_partition(translations.languages_.begin(), translations.languages_.end(),
                        [&](const std::string& language) { return translations.is_complete(language); });
  return translations;
}

bool Translations::is_resident_facing(std::string_view key) {
  static constexpr std::string_view parts[] = {
      "access_log", "audit", "channel", "day",  "domain", "done", "error", "experience", "frontdoor", "lang",
      "language",   "login", "mail",    "mijn", "month",  "nav",  "refer", "role",       "site",      "status"};
  const auto first = key.substr(0, key.find('.'));
  return std::find(std::begin(parts), std::end(parts), first) != std::end(parts);
}

bool Translations::is_complete(std::string_view language) const {
  return supports(language) && all(language).size() == all("nl").size();
}

bool Translations::supports(std::string_view language) const { return texts_.find(language) != texts_.end(); }

const std::string& Translations::text(std::string_view language, std::string_view key) const {
  const auto& texts = all(language);
  auto found = texts.find(key);
  if (found == texts.end())
    throw std::out_of_range("no text for '" + std::string(key) + "' in " + std::string(language));
  return found->second;
}

const std::map<std::string, std::string, std::less<>>& Translations::all(std::string_view language) const {
  auto found = texts_.find(language);
  if (found == texts_.end()) throw std::out_of_range("no translations for language '" + std::string(language) + "'");
  return found->second;
}

std::string language_from_accept_header(std::string_view header, const Translations& translations) {
  // Browsers list languages in order of preference; quality values are rarely
  // out of order, so the first supported one is taken.
  std::size_t at = 0;
  while (at < header.size()) {
    auto end = header.find(',', at);
    if (end == std::string_view::npos) end = header.size();
    auto item = header.substr(at, end - at);
    at = end + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const auto cut = item.find_first_of("-;_ ");
    std::string code(item.substr(0, cut));
    for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (translations.supports(code)) return code;
  }
  return {};
}

}  // namespace gezicht::web
