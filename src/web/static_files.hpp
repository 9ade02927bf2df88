#pragma once
// CSS served from memory with a strong ETag: the NL Design System bundle and
// theme (installed by npm) and our own stylesheet (compiled in).

#include <map>
#include <string>
#include <string_view>

namespace gezicht::web {

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzip_body;  // empty when not worth compressing
  std::string etag;
};

class StaticFiles {
 public:
  // node_modules_dir: where `npm ci` put @utrecht/... and @nl-design-system-unstable/...
  // Throws naming the missing file, so a server without its styles does not start unnoticed.
  static StaticFiles load(const std::string& node_modules_dir);
  const StaticFile* find(std::string_view name) const;

 private:
  void add(const std::string& name, std::string content_type, std::string body);
  std::map<std::string, StaticFile, std::less<>> files_;
};

}  // namespace gezicht::web
