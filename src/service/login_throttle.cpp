#include "service/login_throttle.hpp"

#include <algorithm>

namespace gezicht::service {
namespace {

// Keys are bounded too: a username is at most what a login form carries.
constexpr std::size_t max_key_length = 256;

std::string key_of(std::string_view text) { return std::string(text.substr(0, max_key_length)); }

}  // namespace

bool is_client_address(std::string_view address) {
  return !address.empty() && !address.starts_with("127.") && address != "::1" && !address.starts_with("::ffff:127.");
}

LoginThrottle::LoginThrottle(const Clock& clock, ThrottlePolicy policy) : clock_(clock), policy_(policy) {}

std::int64_t LoginThrottle::wait_for(const Table& table, std::string_view key, int limit, std::int64_t now) const {
  const auto found = table.find(key_of(key));
  if (found == table.end() || found->second.failures < limit) return 0;
  const std::int64_t left = found->second.window_start + policy_.window_seconds - now;
  return std::max<std::int64_t>(left, 0);
}

std::int64_t LoginThrottle::retry_after(std::string_view username, std::string_view address) const {
  const std::int64_t now = clock_.now();
  std::lock_guard lock(mutex_);
  const std::int64_t account = wait_for(accounts_, username, policy_.account_failures, now);
  if (!is_client_address(address)) return account;
  return std::max(account, wait_for(addresses_, address, policy_.address_failures, now));
}

void LoginThrottle::count(Table& table, std::string_view key, std::int64_t now) {
  auto found = table.find(key_of(key));
  if (found == table.end()) {
    if (table.size() >= policy_.max_entries) {
      // Expired windows first; if none, the oldest window. A linear scan,
      // but only for a failure with a new key when the table is full.
      std::erase_if(table, [&](const auto& item) { return now - item.second.window_start >= policy_.window_seconds; });
      if (!table.empty() && table.size() >= policy_.max_entries) {
        table.erase(std::min_element(table.begin(), table.end(), [](const auto& a, const auto& b) {
          return a.second.window_start < b.second.window_start;
        }));
      }
    }
    found = table.emplace(key_of(key), Entry{now, 0}).first;
  } else if (now - found->second.window_start >= policy_.window_seconds) {
    found->second = Entry{now, 0};
  }
  ++found->second.failures;
}

void LoginThrottle::record_failure(std::string_view username, std::string_view address) {
  const std::int64_t now = clock_.now();
  std::lock_guard lock(mutex_);
  count(accounts_, username, now);
  if (is_client_address(address)) count(addresses_, address, now);
}

void LoginThrottle::record_success(std::string_view username) {
  std::lock_guard lock(mutex_);
  accounts_.erase(key_of(username));
}

}  // namespace gezicht::service
