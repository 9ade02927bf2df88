#pragma once
// Slows down password guessing: after too many failed logins for one account,
// or from one client address, within a window, further attempts are refused
// until the window has passed, without checking the password (so a refused
// attempt costs no Argon2 time and says nothing about the password).
// The counts are in the database (service/rate_window.hpp): every server
// counts the same, and a restart forgets nothing.
// Loopback addresses (and an empty one) are not counted per address: behind
// a reverse proxy not named with --trusted-proxy every client arrives from
// 127.0.0.1, and 20 failures would lock everyone out.

#include <cstdint>
#include <string>
#include <string_view>

#include "service/clock.hpp"
#include "service/rate_window.hpp"

namespace gezicht::service {

struct ThrottlePolicy {
  int account_failures = 5;               // failures for one username ...
  int address_failures = 20;              // ... or from one client address ...
  std::int64_t window_seconds = 15 * 60;  // ... within this long, counted from the first
};

// Whether an address stands for one client: not empty, not loopback.
bool is_client_address(std::string_view address);

class LoginThrottle {
 public:
  // `scope` names its counts in the database ("login": staff; "code_login": residents' codes).
  LoginThrottle(const Clock& clock, const std::string& scope, ThrottlePolicy policy = {});

  // Seconds until this username or address may try again; 0 when it may now.
  std::int64_t retry_after(storage::Connection& connection, std::string_view username, std::string_view address) const;
  // A wrong password or code.
  void record_failure(storage::Connection& connection, std::string_view username, std::string_view address);
  // A successful login clears the account's count (not the address's: one
  // good login must not reset a guesser who holds one account's password).
  void record_success(storage::Connection& connection, std::string_view username);

  const ThrottlePolicy& policy() const { return policy_; }

 private:
  const Clock& clock_;
  ThrottlePolicy policy_;
  RateWindow accounts_;
  RateWindow addresses_;
};

}  // namespace gezicht::service
