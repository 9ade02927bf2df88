#include "web/templates.hpp"

#include <algorithm>
#include <stdexcept>

#include "embedded/embedded_files.hpp"

namespace gezicht::web {

std::string fill_texts(std::string_view source, const std::map<std::string, std::string, std::less<>>& texts,
                       std::string_view file_name) {
  std::string out;
  out.reserve(source.size());
  std::size_t at = 0;
  while (true) {
    const auto open = source.find("[[", at);
    if (open == std::string_view::npos) break;
    const auto close = source.find("]]", open + 2);
    if (close == std::string_view::npos) {
      throw std::runtime_error(std::string(file_name) + ": unclosed [[ at byte " + std::to_string(open));
    }
    out.append(source.substr(at, open - at));
    const auto key = source.substr(open + 2, close - open - 2);
    auto found = texts.find(key);
    if (found == texts.end()) {
      throw std::runtime_error(std::string(file_name) + ": unknown text [[" + std::string(key) + "]]");
    }
    append_html_escaped(out, found->second);
    at = close + 2;
  }
  out.append(source.substr(at));
  return out;
}

Templates::Templates(const Translations& translations) {
  const std::string prefix = "templates/";
  const std::string partial_prefix = "templates/partials/";
  const std::string suffix = ".mustache";
  const auto name_of = [&](const std::string& path, const std::string& folder) {
    return path.substr(folder.size(), path.size() - folder.size() - suffix.size());
  };
  for (const auto& language : translations.languages()) {
    const bool complete = translations.is_complete(language);
    // templates/partials/<name>.mustache is {{> name}}, filled in this
    // language. The residents' pages include none, so a residents' language
    // has no partials.
    PartialSources partials;
    for (const auto& [path, content] : embedded::files()) {
      if (!complete || !path.starts_with(partial_prefix) || !path.ends_with(suffix)) continue;
      partials.emplace(name_of(path, partial_prefix), fill_texts(content, translations.all(language), path));
    }
    for (const auto& [path, content] : embedded::files()) {
      if (!path.starts_with(prefix) || path.starts_with(partial_prefix) || !path.ends_with(suffix)) continue;
      if (!complete && !is_resident_page(name_of(path, prefix))) continue;
      try {
        compiled_.emplace(language + "/" + name_of(path, prefix),
                          CompiledTemplate(fill_texts(content, translations.all(language), path), partials));
      } catch (const std::runtime_error& error) {
        throw std::runtime_error(path + ": " + error.what());
      }
    }
  }
}

bool Templates::is_resident_page(std::string_view name) {
  static constexpr std::string_view pages[] = {"layout",     "error", "frontdoor", "refer",
                                               "refer_done", "login", "access_log"};
  return name.starts_with("portal/") || std::find(std::begin(pages), std::end(pages), name) != std::end(pages);
}

std::string Templates::render(std::string_view name, std::string_view language, const TemplateData& data) const {
  auto found = compiled_.find(std::string(language) + "/" + std::string(name));
  if (found == compiled_.end()) {
    throw std::out_of_range("no template '" + std::string(name) + "' for language '" + std::string(language) + "'");
  }
  return found->second.render(data);
}

}  // namespace gezicht::web
