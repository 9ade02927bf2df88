#include "service/self_referral_limit.hpp"

#include "service/login_throttle.hpp"

namespace gezicht::service {

std::int64_t SelfReferralLimit::retry_after(std::string_view address) const {
  if (!is_client_address(address)) return 0;
  const std::int64_t now = clock_.now();
  std::lock_guard lock(mutex_);
  return addresses_.wait(address, policy_.per_address, now);
}

void SelfReferralLimit::record(std::string_view address) {
  if (!is_client_address(address)) return;
  const std::int64_t now = clock_.now();
  std::lock_guard lock(mutex_);
  addresses_.count(address, now);
}

}  // namespace gezicht::service
