#include "demo/demo_generator.hpp"

#include <cmath>
#include <stdexcept>

#include "demo/demo_plan.hpp"
#include "demo/demo_writer.hpp"
#include "service/password.hpp"

namespace gezicht::demo {
namespace {

using namespace detail;

constexpr std::int64_t max_households = 10'000'000;
constexpr double max_contacts_per_household = 1000;

// SQLite checks every foreign key of every row as it is inserted, which
// costs an eighth of the load's CPU; the generator writes referenced rows first
// by construction (and the tests check every reference), so the load runs
// without, and the connection gets them back afterwards. A no-op on
// PostgreSQL, which cannot switch them off for an ordinary user.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(storage::Connection& connection) : connection_(connection) {
    if (connection_.dialect() == storage::Dialect::sqlite) connection_.execute_script("PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    if (connection_.dialect() != storage::Dialect::sqlite) return;
    try {
      connection_.execute_script("PRAGMA foreign_keys = ON");
    } catch (...) {
      // Nothing to do: the next statement on the connection reports the failure.
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  storage::Connection& connection_;
};

}  // namespace

DemoResult generate_demo(storage::Connection& connection, const DemoOptions& options) {
  if (options.households < 0) throw std::invalid_argument("the number of households cannot be negative");
  if (options.households > max_households) {
    throw std::invalid_argument("the demo generator makes at most " + std::to_string(max_households) + " households");
  }
  if (!std::isfinite(options.contacts_per_household) || options.contacts_per_household < 0 ||
      options.contacts_per_household > max_contacts_per_household) {
    throw std::invalid_argument("contacts per household must lie between 0 and 1000");
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
  index_referrals(plan);
  plan_contact_changes(plan, key);

  // Progress in work units, expressed in households: a household or referral
  // row is one unit, a household's casework as many as it has rows on average.
  const std::int64_t total = options.households;
  const auto casework_units = static_cast<std::int64_t>(std::llround(options.contacts_per_household)) + 8;
  const std::int64_t all_units =
      static_cast<std::int64_t>(plan.households.size() + plan.referrals.size()) + total * casework_units;
  std::int64_t units_done = 0;
  const auto advance = [&](std::int64_t units) {
    units_done += units;
    if (options.progress && all_units > 0 && units_done < all_units) {
      options.progress(static_cast<std::int64_t>(static_cast<double>(total) * static_cast<double>(units_done) /
                                                 static_cast<double>(all_units)),
                       total);
    }
  };
  const auto report_rows = [&](std::int64_t rows) { advance(rows); };
  const auto report_households = [&](std::int64_t households) { advance(households * casework_units); };
  if (options.progress) options.progress(0, total);

  // One transaction: a load that fails half-way leaves an empty database, so
  // it can simply be run again.
  ForeignKeysOff unchecked(connection);
  storage::Transaction transaction(connection);
  const CaseworkCounts counts =
      write_plan(connection, plan, password_hash, key, options.contacts_per_household, report_rows, report_households);
  transaction.commit();
  if (options.progress) options.progress(total, total);

  DemoResult result;
  result.households = static_cast<std::int64_t>(plan.households.size());
  result.referrals = static_cast<std::int64_t>(plan.referrals.size());
  result.professionals = plan.professionals;
  result.teams = static_cast<std::int64_t>(plan.teams.size());
  result.contacts = counts.contacts;
  result.involved = counts.involved;
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
