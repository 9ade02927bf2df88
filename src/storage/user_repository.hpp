#pragma once
// Accounts and login sessions.

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage {

struct NewUser {
  std::string username;
  std::string password_hash;
  std::string name;
  std::string role;
  std::optional<std::int64_t> team_id;
  std::string phone;
  std::string job_title;
  std::string languages = "nl";
  std::string created_at;
  std::string domain;
  std::optional<std::int64_t> household_id;
};

// An account's second factor (migration 005), read apart from UserRecord so
// the secret is loaded only where a code is checked.
struct TwoFactorRecord {
  std::optional<std::string> secret;  // base32; set when enrolment starts. Never log it.
  bool enabled = false;               // a code was confirmed
  std::optional<std::int64_t> last_step;
};

class UserRepository {
 public:
  explicit UserRepository(Connection& connection) : connection_(connection) {}

  std::int64_t add(const NewUser& user);
  bool set_password_hash(const std::string& username, const std::string& password_hash);
  std::optional<UserRecord> find_by_username(const std::string& username);
  // The one read of a password hash: for checking a password at login.
  struct LoginAccount {
    UserRecord user;
    std::string password_hash;
  };
  std::optional<LoginAccount> find_for_login(const std::string& username);
  std::optional<UserRecord> find_by_id(std::int64_t id);
  // All accounts, or those of one team, by username.
  std::vector<UserRecord> list(std::optional<std::int64_t> team_id);
  // An account's columns (users u LEFT JOIN teams t), for queries that read
  // one along with other things; read_user() reads them from `first` on.
  static constexpr const char* user_select_list =
      "u.id, u.username, u.name, u.role, u.team_id, COALESCE(t.name, ''), u.phone, u.job_title, "
      "u.languages, u.photo_url, u.active, u.domain, u.household_id";
  static constexpr int user_column_count = 13;
  static UserRecord read_user(const Statement& row, int first = 0);

  void create_session(const SessionRecord& session);
  std::optional<SessionRecord> find_session(const std::string& token_hash);
  // The session and its account in one query (every signed-in request asks).
  struct SessionWithUser {
    SessionRecord session;
    UserRecord user;
    bool totp_enabled = false;
    std::optional<std::string> two_factor_policy;  // the setting two_factor_required, if set
  };
  std::optional<SessionWithUser> find_session_with_user(const std::string& token_hash);
  void touch_session(const std::string& token_hash, const std::string& last_seen_at);
  void delete_session(const std::string& token_hash);
  void delete_sessions_of(const std::string& username);
  // Sessions whose last activity is before the cut-off, or that began before the absolute cut-off.
  std::int64_t delete_expired_sessions(const std::string& idle_cutoff, const std::string& absolute_cutoff);

  // Two-factor login. find_two_factor: nullopt for an unknown account.
  std::optional<TwoFactorRecord> find_two_factor(std::int64_t user_id);
  // Starts (or restarts) enrolment: a new secret, not yet enabled.
  void set_pending_totp_secret(std::int64_t user_id, const std::string& secret);
  // Every stored secret (a key rotation seals them again): (user id, stored value).
  std::vector<std::pair<std::int64_t, std::string>> totp_secrets();
  // Replaces a stored secret when it is still `before` (an enrolment meanwhile wins).
  bool replace_totp_secret(std::int64_t user_id, const std::string& before, const std::string& after);
  // Enables the second factor and records the step of the confirming code.
  void enable_totp(std::int64_t user_id, std::int64_t step);
  // Removes the second factor (an administrator, for a lost phone).
  bool clear_totp(const std::string& username);
  // Records that the code of `step` was used, unless a code of that step or a
  // later one already was: false then (a replay, possibly by a parallel request).
  bool use_totp_step(std::int64_t user_id, std::int64_t step);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
