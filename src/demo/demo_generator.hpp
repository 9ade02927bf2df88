#pragma once
// The demo municipality: "Gemeente Voorbeeld", with neighbourhoods, teams,
// professionals, households and two years of referrals, generated
// deterministically from a seed so that a demo, a screenshot or a benchmark
// can be made again exactly.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::demo {

// The one password of every demo account.
inline constexpr const char* demo_password = "welkom-in-de-wijk";

struct DemoOptions {
  std::int64_t households = 2000;
  std::uint64_t seed = 1;
  // Contacts with the households in the past two years, on average over all
  // households (those with nobody involved get none, so the others get more).
  double contacts_per_household = 3.0;
  // "YYYY-MM-DD": the generator's today. All history lies before it; open
  // referrals are overdue or not yet due relative to it. Empty: today (UTC).
  std::string today;
  // Called now and then with (done, total), total = households; done reaches
  // total only when everything is loaded.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
  // When not empty, stored as every account's password hash instead of a
  // hash of demo_password (tests use it to skip Argon2id altogether).
  std::string password_hash_override;
};

struct DemoLogin {
  std::string username;
  std::string password;
  std::string name;
  std::string role;
  std::string team;  // empty for the administrator
};

struct DemoResult {
  // The administrator, the first team's team lead and two professionals of
  // that team, each with open referrals (overdue and not yet due).
  std::vector<DemoLogin> logins;
  std::int64_t households = 0;
  std::int64_t referrals = 0;
  std::int64_t professionals = 0;  // users with role 'professional'
  std::int64_t teams = 0;
  std::int64_t contacts = 0;
  std::int64_t involved = 0;  // involved rows: faces with and without an account
  // A postcode ("2500AB", normalised) where a household of the first team lives.
  std::string example_postcode;
};

// Fills an empty, migrated database in one transaction. Throws
// std::runtime_error("the database already holds a municipality") when
// `teams` has rows, std::invalid_argument for bad options, and
// storage::DatabaseError when loading fails (nothing is then left behind).
DemoResult generate_demo(storage::Connection& connection, const DemoOptions& options);

}  // namespace gezicht::demo
