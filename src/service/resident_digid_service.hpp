#pragma once
// Residents log in with DigiD through the municipality's OpenID Connect
// broker: the authorization code flow with PKCE, `state` and `nonce`, and the
// ID token checked against the broker's keys (src/oidc). The first DigiD
// login of a resident needs an invitation, which ties the DigiD subject to
// the household; after that the subject alone finds the account.

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "service/audit_trail.hpp"
#include "service/auth_service.hpp"
#include "service/clock.hpp"
#include "service/random.hpp"
#include "service/rate_window.hpp"
#include "storage/database.hpp"

namespace gezicht::oidc {
class ProviderClient;
}

namespace gezicht::service {

struct DigidSettings {
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;  // https://.../mijn-gezicht/inloggen/digid/terug
  std::string ca_file;
  bool allow_http_loopback = false;  // the test suite's own provider on 127.0.0.1
  // The municipality keeps the plan and the data download for DigiD (an
  // e-mail code is a lower assurance level: docs/security.md).
  bool required_for_plan = false;
};

class ResidentDigidService {
 public:
  // A login in progress is kept this long for the broker to answer.
  static constexpr std::int64_t login_seconds = 10 * 60;

  ResidentDigidService(const Clock& clock, RandomSource& random, AuthService& auth, AuditTrail& audit,
                       std::optional<DigidSettings> settings);
  ~ResidentDigidService();

  bool enabled() const { return settings_.has_value(); }
  bool required_for_plan() const { return settings_ && settings_->required_for_plan; }

  // Where to send the resident: the broker's authorization URL with a new
  // state, nonce and PKCE challenge, kept in the database (any server may get
  // the answer); `state` goes into a cookie too, so the answer is taken only
  // from the browser that asked. `resident`: an e-mail code session adding
  // DigiD to its account. Unavailable("digid.unavailable") when the broker
  // cannot be reached.
  struct Start {
    std::string url;
    std::string state;
  };
  Start begin(storage::Connection& connection, const std::string& invitation_token, const Actor* resident);
  // The broker's answer. ok with a session (assurance digid); failed for an
  // unknown or used state, a refused code or a token that fails a check
  // (logged with the reason), or a subject without an account and no
  // invitation (failure_key says which, for the page).
  struct Outcome {
    LoginOutcome login;
    std::string failure_key;  // digid.failed, digid.no_account
  };
  // `browser_state`: the state from the cookie begin() asked for.
  Outcome finish(storage::Connection& connection, const std::string& code, const std::string& state,
                 const std::string& browser_state, const std::string& client_address,
                 const std::string& previous_token);

 private:
  const Clock& clock_;
  RandomSource& random_;
  AuthService& auth_;
  AuditTrail& audit_;
  std::optional<DigidSettings> settings_;
  std::unique_ptr<oidc::ProviderClient> client_;
  // Failed answers per client address (not per account: there is none to
  // guess, and a shared key would let anyone lock DigiD for everyone).
  bool throttled(storage::Connection& connection, const std::string& client_address, std::int64_t& wait);
  void count_failure(storage::Connection& connection, const std::string& client_address);
  RateWindow failures_{"digid", 15 * 60};
};

}  // namespace gezicht::service
