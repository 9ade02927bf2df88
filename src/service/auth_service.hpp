#pragma once
// Login sessions for professionals: Argon2id passwords, random session
// tokens of which only a hash is stored, idle and absolute expiry.

#include <optional>
#include <string>

#include "service/actor.hpp"
#include "service/clock.hpp"
#include "service/random.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct SessionPolicy {
  std::int64_t idle_seconds = 30 * 60;
  std::int64_t absolute_seconds = 12 * 60 * 60;
  // last_seen_at is written at most this often, so reading a page is not a write.
  std::int64_t touch_interval_seconds = 60;
};

struct LoginResult {
  std::string session_token;  // goes into the cookie; never stored
  Actor actor;
};

class AuthService {
 public:
  AuthService(const Clock& clock, RandomSource& random, SessionPolicy policy = {});

  // nullopt for an unknown user, a wrong password or an inactive account;
  // the three take the same time, so the answer does not reveal which.
  // A previous session token (if any) is ended: a login always rotates.
  std::optional<LoginResult> login(storage::Connection& connection, const std::string& username,
                                   const std::string& password, const std::string& previous_token = {});
  // The actor behind a session token, or nullopt when unknown or expired.
  std::optional<Actor> authenticate(storage::Connection& connection, const std::string& session_token);
  void logout(storage::Connection& connection, const Actor& actor);

  const SessionPolicy& policy() const { return policy_; }

 private:
  const Clock& clock_;
  RandomSource& random_;
  SessionPolicy policy_;
  std::string dummy_hash_;  // verified against when the user does not exist
};

}  // namespace gezicht::service
