#include "service/login_throttle.hpp"

#include <algorithm>

namespace gezicht::service {

bool is_client_address(std::string_view address) {
  return !address.empty() && !address.starts_with("127.") && address != "::1" && !address.starts_with("::ffff:127.");
}

LoginThrottle::LoginThrottle(const Clock& clock, const std::string& scope, ThrottlePolicy policy)
    : clock_(clock),
      policy_(policy),
      accounts_(scope + ":account", policy.window_seconds),
      addresses_(scope + ":address", policy.window_seconds) {}

std::int64_t LoginThrottle::retry_after(storage::Connection& connection, std::string_view username,
                                        std::string_view address) const {
  const std::int64_t now = clock_.now();
  const std::int64_t account = accounts_.wait(connection, username, policy_.account_failures, now);
  if (!is_client_address(address)) return account;
  return std::max(account, addresses_.wait(connection, address, policy_.address_failures, now));
}

void LoginThrottle::record_failure(storage::Connection& connection, std::string_view username,
                                   std::string_view address) {
  const std::int64_t now = clock_.now();
  accounts_.count(connection, username, now);
  if (is_client_address(address)) addresses_.count(connection, address, now);
}

void LoginThrottle::record_success(storage::Connection& connection, std::string_view username) {
  accounts_.clear(connection, username);
}

}  // namespace gezicht::service
