#pragma once
// A small cache of rendered public pages (the front door), which are the
// same for every visitor without a session and change only when the
// directory does. Bounded; emptied whenever the directory version changes.

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "web/http.hpp"

namespace gezicht::web {

class PageCache {
 public:
  explicit PageCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

  // The cached response for key, if it was stored under the same version.
  std::optional<Response> find(const std::string& key, const std::string& version) const;
  void store(const std::string& key, const std::string& version, const Response& response);

 private:
  mutable std::mutex mutex_;
  std::size_t max_entries_;
  std::string version_;
  std::map<std::string, Response, std::less<>> entries_;
};

}  // namespace gezicht::web
