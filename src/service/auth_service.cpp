#include "service/auth_service.hpp"

#include <stdexcept>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/password.hpp"
#include "service/totp.hpp"
#include "storage/directory_repository.hpp"
#include "storage/settings_keys.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

Actor to_actor(const storage::UserRecord& user, const storage::SessionRecord& session) {
  const auto role = domain::parse_role(user.role);
  // The database's CHECK allows only known roles; anything else is a bug, not a guest.
  if (!role) throw std::runtime_error("account " + std::to_string(user.id) + " has an unknown role: " + user.role);
  Actor actor;
  actor.user_id = user.id;
  actor.username = user.username;
  actor.name = user.name;
  actor.access_role = *role;
  actor.team_id = user.team_id;
  actor.team_name = user.team_name;
  actor.csrf_token = session.csrf_token;
  actor.session_token_hash = session.token_hash;
  actor.domain = user.domain;
  actor.household_id = user.household_id;
  const auto assurance = domain::parse_assurance(session.assurance);
  if (!assurance) throw std::runtime_error("a session has an unknown assurance: " + session.assurance);
  actor.assurance = *assurance;
  return actor;
}

// Codes as people type them: "123 456" is "123456".
std::string normalize_code(const std::string& code) {
  std::string digits;
  for (const char c : code) {
    if (c != ' ' && c != '-') digits += c;
  }
  return digits;
}

// Whether this account, without a second factor, may only enrol.
bool must_enrol(storage::Connection& connection, const storage::UserRecord& user, bool two_factor_enabled) {
  if (two_factor_enabled || user.role == domain::to_string(domain::Role::resident)) return false;
  return AuthService::two_factor_required(connection);
}

}  // namespace

AuthService::AuthService(const Clock& clock, RandomSource& random, SessionPolicy policy, ThrottlePolicy throttle)
    : clock_(clock),
      random_(random),
      policy_(policy),
      dummy_hash_(hash_password(random_token(random))),
      throttle_(clock, "login", throttle) {}

bool AuthService::two_factor_required(storage::Connection& connection) {
  const auto settings = storage::DirectoryRepository(connection).load_settings();
  const auto found = settings.find(storage::settings_keys::two_factor_required);
  return policy_requires_two_factor(found == settings.end() ? std::nullopt : std::optional(found->second));
}

bool AuthService::policy_requires_two_factor(const std::optional<std::string>& setting) {
  return !setting || *setting != "0";  // missing means on
}

std::optional<LoginResult> AuthService::login(storage::Connection& connection, const std::string& username,
                                              const std::string& password, const std::string& previous_token) {
  auto outcome = login(connection, LoginAttempt{username, password, "", "", previous_token});
  return std::move(outcome.result);
}

LoginOutcome AuthService::login(storage::Connection& connection, const LoginAttempt& attempt) {
  const auto& username = attempt.username;
  // Before anything is read: a throttled guess costs no Argon2 time and
  // cannot tell a right password from a wrong one.
  if (const auto wait = throttle_.retry_after(connection, username, attempt.client_address); wait > 0) {
    return {LoginStatus::throttled, std::nullopt, wait};
  }
  storage::UserRepository users(connection);
  const auto account = users.find_for_login(username);
  const bool password_ok = verify_password(account ? account->password_hash : dummy_hash_, attempt.password);
  const auto user = account ? std::optional(account->user) : std::nullopt;
  // Residents log in on their own page, with a code or DigiD; their accounts
  // have no password, and this form answers for them as for a wrong one.
  const bool resident = user && user->role == domain::to_string(domain::Role::resident);
  if (!user || !password_ok || !user->active || resident) {
    throttle_.record_failure(connection, username, attempt.client_address);
    return {};
  }

  const std::int64_t now = clock_.now();
  const auto two_factor = users.find_two_factor(user->id);
  const bool has_two_factor = two_factor && two_factor->enabled && two_factor->secret;
  if (has_two_factor) {
    const std::string code = normalize_code(attempt.code);
    // No code counts as a wrong one: otherwise the answer would tell a
    // guesser that the password was right.
    const auto step = code.empty() ? std::nullopt
                                   : totp::verify(secrets_.open(*two_factor->secret), code, now, two_factor->last_step);
    if (!step || !users.use_totp_step(user->id, *step)) {
      throttle_.record_failure(connection, username, attempt.client_address);
      return {};
    }
  }
  const bool enrolment_only = must_enrol(connection, *user, has_two_factor);
  throttle_.record_success(connection, username);

  storage::Transaction transaction(connection);
  LoginResult result = start_session(connection, *user, domain::Assurance::password, attempt.previous_token);
  transaction.commit();
  result.actor.two_factor_enrolment_only = enrolment_only;
  return {LoginStatus::ok, std::move(result), 0};
}

LoginResult AuthService::start_session(storage::Connection& connection, const storage::UserRecord& user,
                                       domain::Assurance assurance, const std::string& previous_token) {
  const std::int64_t now = clock_.now();
  storage::SessionRecord session;
  const std::string token = random_token(random_);
  session.token_hash = hash_token(token);
  session.user_id = user.id;
  session.csrf_token = random_token(random_);
  session.created_at = domain::format_timestamp(now);
  session.last_seen_at = session.created_at;
  session.assurance = domain::to_string(assurance);
  storage::UserRepository users(connection);
  if (!previous_token.empty()) users.delete_session(hash_token(previous_token));
  users.delete_expired_sessions(domain::format_timestamp(now - policy_.idle_seconds),
                                domain::format_timestamp(now - policy_.absolute_seconds));
  users.create_session(session);
  return {token, to_actor(user, session)};
}

std::optional<Actor> AuthService::authenticate(storage::Connection& connection, const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 128) return std::nullopt;
  storage::UserRepository users(connection);
  const auto found = users.find_session_with_user(hash_token(session_token));
  if (!found) return std::nullopt;
  const auto& session = found->session;
  const std::int64_t now = clock_.now();
  const auto created = domain::parse_timestamp(session.created_at);
  const auto last_seen = domain::parse_timestamp(session.last_seen_at);
  if (!created || !last_seen || now - *last_seen > policy_.idle_seconds || now - *created > policy_.absolute_seconds) {
    users.delete_session(session.token_hash);
    return std::nullopt;
  }
  if (!found->user.active) return std::nullopt;
  if (now - *last_seen >= policy_.touch_interval_seconds) {
    users.touch_session(session.token_hash, domain::format_timestamp(now));
  }
  Actor actor = to_actor(found->user, session);
  // Decided on every request rather than stored with the session, so a
  // confirmed enrolment opens the session at once, and a policy switched on
  // applies to sessions already open.
  // Read with the session in one query: every signed-in request asks this.
  actor.two_factor_enrolment_only = actor.access_role != domain::Role::resident && !found->totp_enabled &&
                                    policy_requires_two_factor(found->two_factor_policy);
  return actor;
}

void AuthService::logout(storage::Connection& connection, const Actor& actor) {
  storage::UserRepository users(connection);
  users.delete_session(actor.session_token_hash);
}

bool AuthService::two_factor_enabled(storage::Connection& connection, const Actor& actor) {
  const auto two_factor = storage::UserRepository(connection).find_two_factor(actor.user_id);
  return two_factor && two_factor->enabled;
}

TwoFactorEnrolment AuthService::start_two_factor(storage::Connection& connection, const Actor& actor,
                                                 bool keep_pending) {
  storage::UserRepository users(connection);
  storage::Transaction transaction(connection);
  const auto two_factor = users.find_two_factor(actor.user_id);
  if (!two_factor) throw NotFound("not_found", "account " + std::to_string(actor.user_id) + " is gone");
  if (two_factor->enabled) {
    throw Conflict("two_factor.already_enabled", "account " + std::to_string(actor.user_id) + " has TOTP already");
  }
  std::string secret;
  if (keep_pending && two_factor->secret) {
    secret = secrets_.open(*two_factor->secret);
  } else {
    secret = totp::new_secret(random_);
    users.set_pending_totp_secret(actor.user_id, secrets_.seal(secret));
  }
  transaction.commit();
  const auto settings = storage::DirectoryRepository(connection).load_settings();
  const auto name = settings.find(storage::settings_keys::municipality_name);
  const std::string issuer = name == settings.end() || name->second.empty() ? "gezicht" : name->second;
  return {secret, totp::otpauth_uri(issuer, actor.username, secret)};
}

void AuthService::confirm_two_factor(storage::Connection& connection, const Actor& actor, const std::string& code) {
  storage::UserRepository users(connection);
  storage::Transaction transaction(connection);
  const auto two_factor = users.find_two_factor(actor.user_id);
  if (!two_factor || !two_factor->secret) {
    throw Conflict("two_factor.not_started", "account " + std::to_string(actor.user_id) + " started no enrolment");
  }
  if (two_factor->enabled) {
    throw Conflict("two_factor.already_enabled", "account " + std::to_string(actor.user_id) + " has TOTP already");
  }
  const auto step =
      totp::verify(secrets_.open(*two_factor->secret), normalize_code(code), clock_.now(), two_factor->last_step);
  if (!step) throw domain::ValidationError("code", "two_factor.code_invalid");
  users.enable_totp(actor.user_id, *step);
  transaction.commit();
}

}  // namespace gezicht::service
