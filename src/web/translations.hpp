#pragma once
// Interface texts per language, from translations/<lang>.json (compiled in).
// Dutch is the first language. A language is complete (every key Dutch has:
// Dutch and English, for every page) or a residents' language (exactly the
// resident-facing keys: the public pages, the resident portal, e-mails and
// error messages; professionals' pages stay Dutch and English). Loading
// fails on anything else, so a missing text is a defect, not a fallback.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gezicht::web {

class Translations {
 public:
  // Loads every embedded translations/*.json. Throws when a file is not a
  // flat object of strings or lacks a key that Dutch has.
  static Translations load_embedded();

  bool supports(std::string_view language) const;
  // Has every key (may show every page).
  bool is_complete(std::string_view language) const;
  // Keys a residents' language must have, by their first part ("mijn.", "refer.", ...).
  static bool is_resident_facing(std::string_view key);
  const std::vector<std::string>& languages() const { return languages_; }
  // The text for a key. An unknown key throws std::out_of_range naming it.
  const std::string& text(std::string_view language, std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& all(std::string_view language) const;

 private:
  std::vector<std::string> languages_;  // "nl" first
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> texts_;
};

// Picks the first supported language from an Accept-Language header, or "".
std::string language_from_accept_header(std::string_view header, const Translations& translations);

}  // namespace gezicht::web
