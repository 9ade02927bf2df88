#include "web/page_cache.hpp"

namespace gezicht::web {

std::optional<Response> PageCache::find(const std::string& key, const std::string& version) const {
  std::lock_guard lock(mutex_);
  if (version != version_) return std::nullopt;
  auto found = entries_.find(key);
  if (found == entries_.end()) return std::nullopt;
  return found->second;
}

void PageCache::store(const std::string& key, const std::string& version, const Response& response) {
  std::lock_guard lock(mutex_);
  if (version != version_) {
    entries_.clear();
    version_ = version;
  }
  // Postcodes are many but finite; when full, start again rather than track use.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = response;
}

}  // namespace gezicht::web
