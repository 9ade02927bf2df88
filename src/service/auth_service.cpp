#include "service/auth_service.hpp"

#include "domain/calendar.hpp"
#include "service/password.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

Actor to_actor(const storage::UserRecord& user, const storage::SessionRecord& session) {
  return {user.id,      user.username,  user.name,          user.role,
          user.team_id, user.team_name, session.csrf_token, session.token_hash};
}

}  // namespace

AuthService::AuthService(const Clock& clock, RandomSource& random, SessionPolicy policy)
    : clock_(clock), random_(random), policy_(policy), dummy_hash_(hash_password(random_token(random))) {}

std::optional<LoginResult> AuthService::login(storage::Connection& connection, const std::string& username,
                                              const std::string& password, const std::string& previous_token) {
  storage::UserRepository users(connection);
  const auto user = users.find_by_username(username);
  const bool password_ok = verify_password(user ? user->password_hash : dummy_hash_, password);
  if (!user || !password_ok || !user->active) return std::nullopt;

  const std::int64_t now = clock_.now();
  storage::SessionRecord session;
  const std::string token = random_token(random_);
  session.token_hash = hash_token(token);
  session.user_id = user->id;
  session.csrf_token = random_token(random_);
  session.created_at = domain::format_timestamp(now);
  session.last_seen_at = session.created_at;

  storage::Transaction transaction(connection);
  if (!previous_token.empty()) users.delete_session(hash_token(previous_token));
  users.delete_expired_sessions(domain::format_timestamp(now - policy_.idle_seconds),
                                domain::format_timestamp(now - policy_.absolute_seconds));
  users.create_session(session);
  transaction.commit();
  return LoginResult{token, to_actor(*user, session)};
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
  return to_actor(found->user, session);
}

void AuthService::logout(storage::Connection& connection, const Actor& actor) {
  storage::UserRepository users(connection);
  users.delete_session(actor.session_token_hash);
}

}  // namespace gezicht::service
