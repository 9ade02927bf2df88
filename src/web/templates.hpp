#pragma once
// Page templates (Mustache, HTML-escaped by default) compiled once per
// language at start-up. Interface texts are written as [[key]] in the
// template files and filled in, escaped, before compiling, so a page render
// does not look up translations.

#include <kainjow/mustache.hpp>

#include <map>
#include <string>
#include <string_view>

#include "web/translations.hpp"

namespace gezicht::web {

using TemplateData = kainjow::mustache::data;
using TemplateList = kainjow::mustache::list;

// kainjow's set() deep-copies its argument (twice for a list); the household
// page builds large nested data, so objects and lists are moved in instead.
inline void put(TemplateData& data, const std::string& key, TemplateData&& value) { data[key] = std::move(value); }
inline void put(TemplateData& data, const std::string& key, TemplateList&& list) { data[key] = TemplateData(list); }

class Templates {
 public:
  // Compiles every embedded templates/*.mustache for every language. Throws
  // on a syntax error or an unknown [[key]], naming the file.
  explicit Templates(const Translations& translations);

  // Renders templates/<name>.mustache. Rendering only reads the compiled
  // templates (no partials or lambdas are used), so threads may share them.
  std::string render(std::string_view name, std::string_view language, const TemplateData& data) const;

 private:
  std::map<std::string, kainjow::mustache::mustache, std::less<>> compiled_;  // key: "<lang>/<name>"
};

// Replaces [[key]] markers with HTML-escaped texts; throws on an unknown key.
std::string fill_texts(std::string_view source, const std::map<std::string, std::string, std::less<>>& texts,
                       std::string_view file_name);

}  // namespace gezicht::web
