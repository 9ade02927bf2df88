#pragma once
// Who is asking: the logged-in account behind a request.

#include <cstdint>
#include <optional>
#include <string>

#include "domain/access_policy.hpp"
#include "domain/resident_login.hpp"

namespace gezicht::service {

struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  std::string name;
  // The one role type; its text (domain::to_string) only where it is
  // stored or sent: the users table, the audit trail, JSON.
  domain::Role access_role = domain::Role::resident;
  std::optional<std::int64_t> team_id;
  std::string team_name;
  std::string csrf_token;
  std::string session_token_hash;
  std::string domain;                        // a domain professional's domain
  std::optional<std::int64_t> household_id;  // a resident's own household
  // Set by the web layer for the audit trail: where the request came from
  // and which route ("GET /api/v1/households/{id}").
  std::string client_address;
  std::string route;
  // Logged in with a password only while the municipality requires a second
  // factor this account has not set up yet: the router lets such a session
  // reach only the enrolment and logout (Route::before_two_factor).
  bool two_factor_enrolment_only = false;
  // How the session's person proved who they are (a municipality may keep
  // the plan and the data download for DigiD).
  domain::Assurance assurance = domain::Assurance::password;
};

}  // namespace gezicht::service
