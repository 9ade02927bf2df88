#include "service/self_referral_limit.hpp"

#include "service/login_throttle.hpp"

namespace gezicht::service {

std::int64_t SelfReferralLimit::retry_after(storage::Connection& connection, std::string_view address) const {
  if (!is_client_address(address)) return 0;
  return addresses_.wait(connection, address, policy_.per_address, clock_.now());
}

std::int64_t SelfReferralLimit::record(storage::Connection& connection, std::string_view address) {
  if (!is_client_address(address)) return 0;
  return addresses_.count_over(connection, address, policy_.per_address, clock_.now());
}

}  // namespace gezicht::service
