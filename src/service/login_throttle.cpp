#include "service/login_throttle.hpp"

#include <algorithm>

namespace gezicht::service {

bool is_client_address(std::string_view address) {
  return !address.empty() && !address.starts_with("127.") && address != "::1" && !address.starts_with("::ffff:127.");
}

LoginThrottle::LoginThrottle(const Clock& clock, ThrottlePolicy policy)
    : clock_(clock),
      policy_(policy),
      accounts_(policy.window_seconds, policy.max_entries),
      addresses_(policy.window_seconds, policy.max_entries) {}

std::int64_t LoginThrottle::retry_after(std::string_view username, std::string_view address) const {
  const std::int64_t now = clock_.now();
  std::lock_guard lock(mutex_);
  const std::int64_t account = accounts_.wait(username, policy_.account_failures, now);
  if (!is_client_address(address)) return account;
  return std::max(account, addresses_.wait(address, policy_.address_failures, now));
}

void LoginThrottle::record_failure(std::string_view username, std::string_view address) {
  const std::int64_t now = clock_.now();
  std::lock_guard lock(mutex_);
  accounts_.count(username, now);
  if (is_client_address(address)) addresses_.count(address, now);
}

void LoginThrottle::record_success(std::string_view username) {
  std::lock_guard lock(mutex_);
  accounts_.clear(username);
}

}  // namespace gezicht::service
