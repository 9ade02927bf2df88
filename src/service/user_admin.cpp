#include "service/user_admin.hpp"

#include <algorithm>

#include "domain/access_policy.hpp"
#include "domain/calendar.hpp"
#include "domain/household.hpp"
#include "domain/referral.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/password.hpp"
#include "storage/directory_repository.hpp"
#include "storage/language_list.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

bool valid_username(const std::string& username) {
  if (username.size() < 2 || username.size() > 64) return false;
  return std::all_of(username.begin(), username.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
}

void check_password(const std::string& password, std::vector<domain::FieldError>& errors) {
  if (password.size() < minimum_password_length)
    errors.push_back({"password", "password.too_short"});
  else if (password.size() > 1024)
    errors.push_back({"password", "password.too_long"});
}

}  // namespace

std::int64_t add_account(storage::Connection& connection, const Clock& clock, const NewAccount& account) {
  std::vector<domain::FieldError> errors;
  if (!valid_username(account.username)) errors.push_back({"username", "username.invalid"});
  check_password(account.password, errors);
  const std::string name = domain::collapse_spaces(account.name);
  if (name.empty() || !domain::is_clean_line(name)) errors.push_back({"name", "name.required"});
  const auto role = domain::parse_role(account.role);
  if (!role) errors.push_back({"role", "role.invalid"});
  // Neighbourhood teams are people residents call; other roles need no team.
  const bool team_role = role == domain::Role::professional || role == domain::Role::teamlead;
  const auto& domains = domain::involvement_domains();
  if (role == domain::Role::domain_professional &&
      std::find(domains.begin(), domains.end(), account.domain) == domains.end()) {
    errors.push_back({"domain", "domain.invalid"});
  }
  if (role == domain::Role::resident && !account.household_id) errors.push_back({"household", "household.required"});
  const auto& known = domain::contact_languages();
  for (const auto& language : storage::split_languages(account.languages)) {
    if (std::find(known.begin(), known.end(), language) == known.end())
      errors.push_back({"languages", "languages.invalid"});
  }
  storage::Transaction transaction(connection);
  storage::DirectoryRepository directory(connection);
  storage::UserRepository users(connection);
  std::optional<std::int64_t> team_id;
  if (!account.team.empty()) {
    team_id = directory.team_id_by_name(account.team);
    if (!team_id) errors.push_back({"team", "team.unknown"});
  } else if (team_role) {
    errors.push_back({"team", "team.required"});
  }
  // Residents see and call professionals and team leads: a number is part of the face.
  if (team_role && domain::collapse_spaces(account.phone).empty()) errors.push_back({"phone", "phone.required"});
  if (errors.empty() && users.find_by_username(account.username)) errors.push_back({"username", "username.taken"});
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));

  storage::NewUser user;
  user.username = account.username;
  user.password_hash = hash_password(account.password);
  user.name = name;
  user.role = account.role;
  user.team_id = team_id;
  user.phone = account.phone;
  user.job_title = account.job_title;
  user.languages = account.languages.empty() ? "nl" : account.languages;
  user.created_at = domain::format_timestamp(clock.now());
  if (role == domain::Role::domain_professional) user.domain = account.domain;
  if (role == domain::Role::resident) user.household_id = account.household_id;
  const std::int64_t id = users.add(user);
  directory.bump_directory_version();
  transaction.commit();
  return id;
}

void change_password(storage::Connection& connection, const std::string& username, const std::string& password) {
  std::vector<domain::FieldError> errors;
  check_password(password, errors);
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));
  storage::Transaction transaction(connection);
  storage::UserRepository users(connection);
  if (!users.set_password_hash(username, hash_password(password))) {
    throw NotFound("user.not_found", "no user named '" + username + "'");
  }
  // A new password ends every session of the account.
  users.delete_sessions_of(username);
  transaction.commit();
}

std::vector<storage::UserRecord> list_accounts(storage::Connection& connection, const std::string& team) {
  storage::DirectoryRepository directory(connection);
  storage::UserRepository users(connection);
  if (team.empty()) return users.list(std::nullopt);
  const auto team_id = directory.team_id_by_name(team);
  if (!team_id) throw NotFound("team.unknown", "no team named '" + team + "'");
  return users.list(team_id);
}

}  // namespace gezicht::service
