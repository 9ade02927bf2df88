#pragma once
// A resident looks at their own request for help without an account: with
// the reference and the address it was made for, or with the link from the
// confirmation e-mail. Every wrong combination answers alike, and a client
// that keeps guessing is slowed down.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "domain/directory.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "service/random.hpp"
#include "service/rate_window.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct RequestStatus {
  std::string reference;
  std::string state;  // domain::RequestState
  std::optional<bool> kept;
  domain::Person contact;
  std::string promised_by;                      // YYYY-MM-DD
  std::optional<std::string> first_contact_on;  // YYYY-MM-DD in Amsterdam
};

class RequestStatusService {
 public:
  // Failed look-ups from one client address within the window at most.
  static constexpr int failures_per_client = 10;
  static constexpr std::int64_t window_seconds = 15 * 60;

  RequestStatusService(const Clock& clock, RandomSource& random, AuditTrail& audit)
      : clock_(clock), random_(random), audit_(audit), failures_("request_status", window_seconds) {}

  // NotFound("request_status.not_found") for any reference, postcode and
  // house number that do not belong together (malformed ones too);
  // Throttled after too many of those from one client.
  RequestStatus look_up(storage::Connection& connection, const std::string& reference, const std::string& postcode,
                        const std::string& house_number, const std::string& client_address);
  RequestStatus by_link(storage::Connection& connection, const std::string& token, const std::string& client_address);

 private:
  RequestStatus answer(const storage::ReferralRecord& referral, const storage::UserRecord& contact,
                       const std::string& client_address, const char* how);
  void check_throttle(storage::Connection& connection, const std::string& client_address);
  [[noreturn]] void fail(storage::Connection& connection, const std::string& client_address);

  const Clock& clock_;
  RandomSource& random_;
  AuditTrail& audit_;
  RateWindow failures_;
};

}  // namespace gezicht::service
