#pragma once
// Account administration, used by the command line (`gezicht user ...`).

#include <optional>
#include <string>
#include <vector>

#include "service/clock.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

struct NewAccount {
  std::string username;
  std::string password;
  std::string name;
  std::string role;  // see domain::Role
  std::string team;  // team name; required for professional and teamlead
  std::string phone;
  std::string job_title;
  std::string languages = "nl";
  std::string domain;                        // required for a domain professional (wmo, income, ...)
  std::optional<std::int64_t> household_id;  // required for a resident
};

// Throws domain::ValidationError naming the field (username, password, name,
// role, team, languages) or when the username is taken.
std::int64_t add_account(storage::Connection& connection, const Clock& clock, const NewAccount& account);
// Throws ValidationError for a short password, NotFound for an unknown user.
void change_password(storage::Connection& connection, const std::string& username, const std::string& password);
std::vector<storage::UserRecord> list_accounts(storage::Connection& connection, const std::string& team);

}  // namespace gezicht::service
