#pragma once
// Slows down password guessing: after too many failed logins for one account,
// or from one client address, within a window, further attempts are refused
// until the window has passed, without checking the password (so a refused
// attempt costs no Argon2 time and says nothing about the password).
// In memory, per process: a restart forgets, and several processes each
// count on their own. The tables are bounded; when full, the entry whose
// window started first is dropped.
// Loopback addresses (and an empty one) are not counted per address: behind
// the reverse proxy every client arrives from 127.0.0.1, and 20 failures
// would lock everyone out (X-Forwarded-For is not read yet, docs/security.md).

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string_view>

#include "service/clock.hpp"
#include "service/rate_window.hpp"

namespace gezicht::service {

struct ThrottlePolicy {
  int account_failures = 5;               // failures for one username ...
  int address_failures = 20;              // ... or from one client address ...
  std::int64_t window_seconds = 15 * 60;  // ... within this long, counted from the first
  std::size_t max_entries = 10'000;       // per table
};

// Whether an address stands for one client: not empty, not loopback.
bool is_client_address(std::string_view address);

class LoginThrottle {
 public:
  explicit LoginThrottle(const Clock& clock, ThrottlePolicy policy = {});

  // Seconds until this username or address may try again; 0 when it may now.
  std::int64_t retry_after(std::string_view username, std::string_view address) const;
  // A wrong password or code.
  void record_failure(std::string_view username, std::string_view address);
  // A successful login clears the account's count (not the address's: one
  // good login must not reset a guesser who holds one account's password).
  void record_success(std::string_view username);

  const ThrottlePolicy& policy() const { return policy_; }

 private:
  const Clock& clock_;
  ThrottlePolicy policy_;
  mutable std::mutex mutex_;
  RateWindow accounts_;
  RateWindow addresses_;
};

}  // namespace gezicht::service
