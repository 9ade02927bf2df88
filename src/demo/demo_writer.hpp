#pragma once
// Loading a planned demo municipality into the database with bulk_insert,
// ten thousand rows at a time, with explicit ids. Internal to the demo
// generator.

#include <cstdint>
#include <functional>
#include <string>

#include "demo/demo_casework.hpp"
#include "demo/demo_plan.hpp"
#include "storage/database.hpp"

namespace gezicht::demo::detail {

// Writes settings, directory, accounts, households, referrals and the
// households' casework (demo_casework.hpp), and on PostgreSQL moves the
// identity sequences past the loaded ids. Must run inside a transaction.
// `on_rows` (may be empty) hears how many household or referral rows each
// batch wrote, `on_households` how many more households' casework is written.
CaseworkCounts write_plan(storage::Connection& connection, const Plan& plan, const std::string& password_hash,
                          std::uint64_t reference_key, double contacts_per_household,
                          const std::function<void(std::int64_t rows)>& on_rows,
                          const std::function<void(std::int64_t households)>& on_households);

// The household's normalised postcode, "2500AB".
std::string postcode_of(const Household& household);

}  // namespace gezicht::demo::detail
