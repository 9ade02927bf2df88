#include "storage/user_repository.hpp"

#include "storage/settings_keys.hpp"

namespace gezicht::storage {
namespace {

const std::string user_columns =
    "SELECT " + std::string(UserRepository::user_select_list) + " FROM users u LEFT JOIN teams t ON t.id = u.team_id ";

Value optional_value(const std::optional<std::int64_t>& value) {
  if (value) return *value;
  return nullptr;
}

}  // namespace

UserRecord UserRepository::read_user(const Statement& row, int first) {
  UserRecord user;
  user.id = row.int64(first);
  user.username = row.text(first + 1);
  user.name = row.text(first + 2);
  user.role = row.text(first + 3);
  user.team_id = row.optional_int64(first + 4);
  user.team_name = row.text(first + 5);
  user.phone = row.text(first + 6);
  user.job_title = row.text(first + 7);
  user.languages = row.text(first + 8);
  user.photo_url = row.optional_text(first + 9);
  user.active = row.int64(first + 10) != 0;
  user.domain = row.text(first + 11);
  user.household_id = row.optional_int64(first + 12);
  return user;
}

std::int64_t UserRepository::add(const NewUser& user) {
  auto row = query(connection_,
                   "INSERT INTO users (username, password_hash, name, role, team_id, phone, job_title, languages, "
                   "created_at, domain, household_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   user.username, user.password_hash, user.name, user.role, optional_value(user.team_id), user.phone,
                   user.job_title, user.languages, user.created_at, user.domain, optional_value(user.household_id));
  if (!row->step()) throw DatabaseError("INSERT INTO users returned no id");
  return row->int64(0);
}

bool UserRepository::set_password_hash(const std::string& username, const std::string& password_hash) {
  return exec(connection_, "UPDATE users SET password_hash = ? WHERE username = ?", password_hash, username) == 1;
}

std::optional<UserRecord> UserRepository::find_by_username(const std::string& username) {
  auto row = query(connection_, user_columns + "WHERE u.username = ?", username);
  if (!row->step()) return std::nullopt;
  return read_user(*row);
}

std::optional<UserRepository::LoginAccount> UserRepository::find_for_login(const std::string& username) {
  auto row = query(connection_,
                   "SELECT " + std::string(user_select_list) +
                       ", u.password_hash FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.username = ?",
                   username);
  if (!row->step()) return std::nullopt;
  return LoginAccount{read_user(*row), row->text(user_column_count)};
}

std::optional<UserRecord> UserRepository::find_by_id(std::int64_t id) {
  auto row = query(connection_, user_columns + "WHERE u.id = ?", id);
  if (!row->step()) return std::nullopt;
  return read_user(*row);
}

std::vector<UserRecord> UserRepository::list(std::optional<std::int64_t> team_id) {
  auto rows = team_id ? query(connection_, user_columns + "WHERE u.team_id = ? ORDER BY u.username", *team_id)
                      : query(connection_, user_columns + "ORDER BY u.username");
  std::vector<UserRecord> users;
  while (rows->step()) users.push_back(read_user(*rows));
  return users;
}

void UserRepository::create_session(const SessionRecord& session) {
  exec(connection_,
       "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, assurance) "
       "VALUES (?, ?, ?, ?, ?, ?)",
       session.token_hash, session.user_id, session.csrf_token, session.created_at, session.last_seen_at,
       session.assurance);
}

std::optional<SessionRecord> UserRepository::find_session(const std::string& token_hash) {
  auto row = query(connection_,
                   "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, assurance FROM sessions "
                   "WHERE token_hash = ?",
                   token_hash);
  if (!row->step()) return std::nullopt;
  return SessionRecord{row->text(0), row->int64(1), row->text(2), row->text(3), row->text(4), row->text(5)};
}

std::optional<UserRepository::SessionWithUser> UserRepository::find_session_with_user(const std::string& token_hash) {
  // The account's columns first, so read_user() reads them from 0.
  auto row = query(connection_,
                   "SELECT " + std::string(user_select_list) +
                       ", s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, u.totp_enabled, s.assurance, "
                       "(SELECT value FROM settings WHERE key = ?) "
                       "FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN teams t ON t.id = u.team_id "
                       "WHERE s.token_hash = ?",
                   std::string(settings_keys::two_factor_required), token_hash);
  if (!row->step()) return std::nullopt;
  SessionWithUser found{{}, read_user(*row)};
  constexpr int s = user_column_count;
  found.session = SessionRecord{row->text(s),     found.user.id,    row->text(s + 1),
                                row->text(s + 2), row->text(s + 3), row->text(s + 5)};
  found.totp_enabled = row->int64(s + 4) != 0;
  found.two_factor_policy = row->optional_text(s + 6);
  return found;
}

void UserRepository::touch_session(const std::string& token_hash, const std::string& last_seen_at) {
  exec(connection_, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", last_seen_at, token_hash);
}

void UserRepository::delete_session(const std::string& token_hash) {
  exec(connection_, "DELETE FROM sessions WHERE token_hash = ?", token_hash);
}

void UserRepository::delete_sessions_of(const std::string& username) {
  exec(connection_, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)", username);
}

std::int64_t UserRepository::delete_expired_sessions(const std::string& idle_cutoff,
                                                     const std::string& absolute_cutoff) {
  return exec(connection_, "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?", idle_cutoff,
              absolute_cutoff);
}

std::optional<TwoFactorRecord> UserRepository::find_two_factor(std::int64_t user_id) {
  auto row = query(connection_, "SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = ?", user_id);
  if (!row->step()) return std::nullopt;
  return TwoFactorRecord{row->optional_text(0), row->int64(1) != 0, row->optional_int64(2)};
}

void UserRepository::set_pending_totp_secret(std::int64_t user_id, const std::string& secret) {
  exec(connection_, "UPDATE users SET totp_secret = ?, totp_enabled = 0, totp_last_step = NULL WHERE id = ?", secret,
       user_id);
}

std::vector<std::pair<std::int64_t, std::string>> UserRepository::totp_secrets() {
  std::vector<std::pair<std::int64_t, std::string>> secrets;
  auto rows = query(connection_, "SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY id");
  while (rows->step()) secrets.emplace_back(rows->int64(0), rows->text(1));
  return secrets;
}

bool UserRepository::replace_totp_secret(std::int64_t user_id, const std::string& before, const std::string& after) {
  return exec(connection_, "UPDATE users SET totp_secret = ? WHERE id = ? AND totp_secret = ?", after, user_id,
              before) == 1;
}

void UserRepository::enable_totp(std::int64_t user_id, std::int64_t step) {
  exec(connection_, "UPDATE users SET totp_enabled = 1, totp_last_step = ? WHERE id = ? AND totp_secret IS NOT NULL",
       step, user_id);
}

bool UserRepository::clear_totp(const std::string& username) {
  return exec(connection_,
              "UPDATE users SET totp_secret = NULL, totp_enabled = 0, totp_last_step = NULL WHERE username = ?",
              username) == 1;
}

bool UserRepository::use_totp_step(std::int64_t user_id, std::int64_t step) {
  // One statement, so two requests with the same code cannot both pass.
  return exec(connection_,
              "UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
              step, user_id, step) == 1;
}

}  // namespace gezicht::storage
