#pragma once
// Login sessions for professionals: Argon2id passwords, a second factor
// (TOTP) where the municipality requires it, a throttle on failed attempts,
// random session tokens of which only a hash is stored, idle and absolute expiry.

#include <optional>
#include <string>

#include "domain/resident_login.hpp"
#include "service/actor.hpp"
#include "service/clock.hpp"
#include "service/login_throttle.hpp"
#include "service/random.hpp"
#include "service/totp_secrets.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

struct SessionPolicy {
  std::int64_t idle_seconds = 30 * 60;
  std::int64_t absolute_seconds = 12 * 60 * 60;
  // last_seen_at is written at most this often, so reading a page is not a write.
  std::int64_t touch_interval_seconds = 60;
};

struct LoginResult {
  std::string session_token;  // goes into the cookie; never stored
  Actor actor;                // two_factor_enrolment_only: send the person to the enrolment
};

struct LoginAttempt {
  std::string username;
  std::string password;
  std::string code;            // from the authenticator app; empty when none was sent
  std::string client_address;  // for the throttle
  std::string previous_token;  // ended: a login always rotates the session
};

enum class LoginStatus {
  ok,
  failed,     // unknown user, wrong password, inactive account, or a missing, wrong or used code
  throttled,  // too many failures: nothing was checked
};

struct LoginOutcome {
  LoginStatus status = LoginStatus::failed;
  std::optional<LoginResult> result;     // with ok
  std::int64_t retry_after_seconds = 0;  // with throttled
};

// Enrolment of a second factor: what the authenticator app needs.
struct TwoFactorEnrolment {
  std::string secret;  // base32, to type in by hand
  std::string uri;     // otpauth://, what the QR code holds
};

class AuthService {
 public:
  AuthService(const Clock& clock, RandomSource& random, SessionPolicy policy = {}, ThrottlePolicy throttle = {});

  // In this order: a throttled username or address is refused before anything
  // is checked; then the password (an unknown user, a wrong password and an
  // inactive account take the same time and all answer `failed`); then, if
  // the account has a second factor, the code. A missing code answers
  // `failed` like a wrong password, so an answer never tells that the
  // password alone was right (docs/security.md). A code
  // is accepted once. Failures count towards the throttle; a success clears
  // the account's count. An account without a second factor, while the
  // municipality requires one and it is not a resident's, gets a session
  // that may only enrol (Actor::two_factor_enrolment_only).
  LoginOutcome login(storage::Connection& connection, const LoginAttempt& attempt);
  // Password only, without an address: ok or nullopt (for tools and tests).
  std::optional<LoginResult> login(storage::Connection& connection, const std::string& username,
                                   const std::string& password, const std::string& previous_token = {});
  // The actor behind a session token, or nullopt when unknown or expired.
  std::optional<Actor> authenticate(storage::Connection& connection, const std::string& session_token);
  void logout(storage::Connection& connection, const Actor& actor);
  // A new session for an account whose person was just proved (a password
  // and code here; a resident's e-mail code or DigiD elsewhere), inside the
  // caller's transaction. Ends previous_token's session and expired ones.
  LoginResult start_session(storage::Connection& connection, const storage::UserRecord& user,
                            domain::Assurance assurance, const std::string& previous_token);

  // Whether the account has a confirmed second factor.
  bool two_factor_enabled(storage::Connection& connection, const Actor& actor);
  // Starts enrolment: a new secret (or, with keep_pending, the one already
  // started and not yet confirmed). Conflict "two_factor.already_enabled"
  // when the account has one: replacing it takes an administrator.
  TwoFactorEnrolment start_two_factor(storage::Connection& connection, const Actor& actor, bool keep_pending);
  // Confirms enrolment with a code from the app. ValidationError on field
  // "code" ("two_factor.code_invalid"); Conflict "two_factor.not_started" when
  // no enrolment was started, "two_factor.already_enabled" when done already.
  void confirm_two_factor(storage::Connection& connection, const Actor& actor, const std::string& code);
  // The settings_keys::two_factor_required policy ("1" when missing).
  static bool two_factor_required(storage::Connection& connection);
  // The setting two_factor_required as stored (nullopt: not set, which means on).
  static bool policy_requires_two_factor(const std::optional<std::string>& setting);

  LoginThrottle& throttle() { return throttle_; }
  // How TOTP secrets are kept: set once at start, before serving (docs/security.md).
  void use_totp_secrets(TotpSecretBox secrets) { secrets_ = std::move(secrets); }

  const SessionPolicy& policy() const { return policy_; }

 private:
  const Clock& clock_;
  RandomSource& random_;
  SessionPolicy policy_;
  std::string dummy_hash_;  // verified against when the user does not exist
  LoginThrottle throttle_;
  TotpSecretBox secrets_;
};

}  // namespace gezicht::service
