#pragma once
// Counts events per key (a username, a client address) in a window that
// starts at the key's first event, for the throttles of login and
// self-referral. Bounded: when full, expired windows go first, then the
// oldest. Not thread-safe on its own; its owner holds a lock.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gezicht::service {

class RateWindow {
 public:
  RateWindow(std::int64_t window_seconds, std::size_t max_entries)
      : window_seconds_(window_seconds), max_entries_(max_entries) {}

  // Seconds until `key` is below `limit` events again; 0 when it is now.
  std::int64_t wait(std::string_view key, int limit, std::int64_t now) const;
  void count(std::string_view key, std::int64_t now);
  void clear(std::string_view key);

 private:
  struct Entry {
    std::int64_t window_start = 0;
    int events = 0;
  };
  std::int64_t window_seconds_;
  std::size_t max_entries_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace gezicht::service
