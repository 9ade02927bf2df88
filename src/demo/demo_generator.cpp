#include "demo/demo_generator.hpp"

#include <stdexcept>

#include "demo/demo_plan.hpp"
#include "demo/demo_writer.hpp"
#include "service/password.hpp"

namespace gezicht::demo {
namespace {

using namespace detail;

constexpr std::int64_t max_households = 10'000'000;

}  // namespace

DemoResult generate_demo(storage::Connection& connection, const DemoOptions& options) {
  if (options.households < 0) throw std::invalid_argument("the number of households cannot be negative");
  if (options.households > max_households) {
    throw std::invalid_argument("the demo generator makes at most " + std::to_string(max_households) + " households");
  }
  {
    auto existing = storage::query(connection, "SELECT COUNT(*) FROM teams");
    if (existing->step() && existing->int64(0) > 0) {
      throw std::runtime_error("the database already holds a municipality");
    }
  }
  Plan plan;
  plan.today = options.today.empty() ? today_utc() : parse_date(options.today);
  plan.now = plan.today * seconds_per_day;

  // Argon2id takes a noticeable fraction of a second per hash on purpose, so
  // hashing thousands of demo accounts one by one would take many minutes.
  // All demo accounts share one password anyway, so the hash is computed
  // once and stored for all of them. Demo data only: real accounts each get
  // their own hash with their own salt.
  const std::string password_hash =
      options.password_hash_override.empty() ? service::hash_password(demo_password) : options.password_hash_override;

  Rng rng(options.seed);
  const std::uint64_t key = mix(options.seed ^ 0xC0FFEE);
  plan_directory(plan, options.households, rng);
  plan_households(plan, options.households, rng);

  const std::int64_t total = options.households;
  const auto all_rows = static_cast<std::int64_t>(plan.households.size() + plan.referrals.size());
  std::int64_t rows_done = 0;
  const auto report = [&](std::int64_t rows) {
    rows_done += rows;
    // Households and referrals together, expressed in households.
    if (options.progress && all_rows > 0 && rows_done < all_rows) options.progress(total * rows_done / all_rows, total);
  };
  if (options.progress) options.progress(0, total);

  // One transaction: a load that fails half-way leaves an empty database, so
  // it can simply be run again.
  storage::Transaction transaction(connection);
  write_plan(connection, plan, password_hash, key, report);
  transaction.commit();
  if (options.progress) options.progress(total, total);

  DemoResult result;
  result.households = static_cast<std::int64_t>(plan.households.size());
  result.referrals = static_cast<std::int64_t>(plan.referrals.size());
  result.professionals = plan.professionals;
  result.teams = static_cast<std::int64_t>(plan.teams.size());
  const auto& first = plan.neighbourhoods.front();
  if (first.households_end > first.households_begin) {
    result.example_postcode = postcode_of(plan.households[static_cast<std::size_t>(first.households_begin)]);
  } else {
    result.example_postcode = std::to_string(first.first_pc4) + "AB";
  }
  for (const std::int32_t id : plan.printed) {
    const User& user = plan.users[static_cast<std::size_t>(id - 1)];
    result.logins.push_back({user.username, demo_password, user.name, user.role,
                             user.team < 0 ? std::string() : plan.teams[static_cast<std::size_t>(user.team)].name});
  }
  return result;
}

}  // namespace gezicht::demo
