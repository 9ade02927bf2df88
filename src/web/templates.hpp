#pragma once
// Page templates (Mustache, HTML-escaped by default, see template_engine.hpp) compiled once per
// language at start-up. Interface texts are written as [[key]] in the
// template files and filled in, escaped, before compiling, so a page render
// does not look up translations.

#include <map>
#include <string>
#include <string_view>

#include "web/template_engine.hpp"
#include "web/translations.hpp"

namespace gezicht::web {

// Moves large nested data in instead of copying it.
inline void put(TemplateData& data, std::string key, TemplateData&& value) {
  data.set(std::move(key), std::move(value));
}
inline void put(TemplateData& data, std::string key, TemplateList&& list) {
  data.set(std::move(key), TemplateData(std::move(list)));
}

class Templates {
 public:
  // Compiles every embedded templates/**/*.mustache for every language, with
  // templates/partials/<name>.mustache as the partial {{> name}} (parsed into
  // each template that includes it; not a page of its own). Throws on a syntax
  // error, an unknown [[key]], an unknown partial or a cycle of partials,
  // naming the file.
  // A residents' language (Translations::is_complete false) gets the
  // residents' pages only (is_resident_page), each compiled as strictly.
  explicit Templates(const Translations& translations);

  // The pages residents and visitors see: the layout, errors, the front door,
  // the self-referral, the logins, the access log and the portal (portal/*).
  static bool is_resident_page(std::string_view name);

  // Renders templates/<name>.mustache ("household/plan" for a subfolder). Compiled templates are immutable, so
  // threads share them.
  std::string render(std::string_view name, std::string_view language, const TemplateData& data) const;

 private:
  std::map<std::string, CompiledTemplate, std::less<>> compiled_;  // key: "<lang>/<name>"
};

// Replaces [[key]] markers with HTML-escaped texts; throws on an unknown key.
std::string fill_texts(std::string_view source, const std::map<std::string, std::string, std::less<>>& texts,
                       std::string_view file_name);

}  // namespace gezicht::web
