#include "service/rate_window.hpp"

#include <algorithm>

namespace gezicht::service {
namespace {

// Keys are bounded too: a username is at most what a login form carries.
constexpr std::size_t max_key_length = 256;

std::string key_of(std::string_view text) { return std::string(text.substr(0, max_key_length)); }

}  // namespace

std::int64_t RateWindow::wait(std::string_view key, int limit, std::int64_t now) const {
  const auto found = entries_.find(key_of(key));
  if (found == entries_.end() || found->second.events < limit) return 0;
  const std::int64_t left = found->second.window_start + window_seconds_ - now;
  return std::max<std::int64_t>(left, 0);
}

void RateWindow::count(std::string_view key, std::int64_t now) {
  auto found = entries_.find(key_of(key));
  if (found == entries_.end()) {
    if (entries_.size() >= max_entries_) {
      // Expired windows first; if none, the oldest window. A linear scan,
      // but only for a new key when the table is full.
      std::erase_if(entries_, [&](const auto& item) { return now - item.second.window_start >= window_seconds_; });
      if (!entries_.empty() && entries_.size() >= max_entries_) {
        entries_.erase(std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
          return a.second.window_start < b.second.window_start;
        }));
      }
    }
    found = entries_.emplace(key_of(key), Entry{now, 0}).first;
  } else if (now - found->second.window_start >= window_seconds_) {
    found->second = Entry{now, 0};
  }
  ++found->second.events;
}

void RateWindow::clear(std::string_view key) { entries_.erase(key_of(key)); }

}  // namespace gezicht::service
