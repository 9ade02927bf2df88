#pragma once
// How many self-referrals one client address may send: the front door needs
// no account, so without a limit one script could fill the inbox of a team
// (and probe the front door's answers address by address). Counted in the
// database, like the login throttle; loopback is not counted (behind a
// reverse proxy not named with --trusted-proxy every client is 127.0.0.1).

#include <cstdint>
#include <string_view>

#include "service/clock.hpp"
#include "service/rate_window.hpp"

namespace gezicht::service {

struct SelfReferralPolicy {
  int per_address = 10;                   // requests from one client address ...
  std::int64_t window_seconds = 60 * 60;  // ... within this long, counted from the first
};

class SelfReferralLimit {
 public:
  explicit SelfReferralLimit(const Clock& clock, SelfReferralPolicy policy = {})
      : clock_(clock), policy_(policy), addresses_("self_referral", policy.window_seconds) {}

  // Seconds until this address may send another request; 0 when it may now.
  std::int64_t retry_after(storage::Connection& connection, std::string_view address) const;
  // Counts a request, in its transaction: returns the seconds to wait when
  // it is one too many (the caller then rolls back), 0 when it may be saved.
  // retry_after only spares a refused request the work; this decides, since
  // requests at once from one address all pass retry_after.
  std::int64_t record(storage::Connection& connection, std::string_view address);

 private:
  const Clock& clock_;
  SelfReferralPolicy policy_;
  RateWindow addresses_;
};

}  // namespace gezicht::service
