#pragma once
// The households' casework: who lives there, who is involved (with or
// without an account), every contact in the past two years, what matters to
// them, goals, options and actions, and every change of fixed contact.
//
// Written household by household straight into the database, so tens of
// millions of contacts never sit in memory. Each household draws from its
// own stream, seeded from the town's key and its id, so its casework depends
// on nothing but the plan and the key. Internal to the demo generator.

#include <cstdint>
#include <functional>
#include <span>

#include "demo/demo_plan.hpp"
#include "storage/database.hpp"

namespace gezicht::demo::detail {

// A small, fast, portable stream of 64-bit draws (the mix() finaliser over a counter).
class Stream {
 public:
  explicit Stream(std::uint64_t seed) : state_(mix(seed)) {}
  std::uint64_t operator()() { return mix(state_++); }
  std::uint64_t below(std::uint64_t n) { return (*this)() % n; }
  bool percent(unsigned p) { return below(100) < p; }
  // Uniform in [low, high); low when the range is empty.
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return high > low ? low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low))) : low;
  }

 private:
  std::uint64_t state_;
};

// A household's own stream for one purpose (`salt`).
Stream household_stream(std::uint64_t key, std::size_t household, std::uint64_t salt);

inline std::span<const std::int32_t> referrals_of(const Plan& plan, std::size_t household) {
  const auto begin = static_cast<std::size_t>(plan.referral_offsets[household]);
  const auto end = static_cast<std::size_t>(plan.referral_offsets[household + 1]);
  return {plan.referral_order.data() + begin, end - begin};
}

// When the household got its (first) fixed contact; only for households with one.
Seconds assignment_time(const Plan& plan, std::size_t household);

// The household's preferred language (names::language_code index) and way of contact.
struct HouseholdProfile {
  std::uint8_t language = 0;
  Channel channel = Channel::phone;
};
HouseholdProfile household_profile(const Plan& plan, std::size_t household, std::uint64_t key);

struct CaseworkCounts {
  std::int64_t members = 0;
  std::int64_t relations = 0;
  std::int64_t involved = 0;
  std::int64_t contacts = 0;
  std::int64_t what_matters = 0;
  std::int64_t goals = 0;
  std::int64_t plan_options = 0;
  std::int64_t actions = 0;
  std::int64_t fixed_contact_changes = 0;
};

// Writes every household's casework with explicit ids starting at 1.
// Contacts: round(contacts_per_household * households) in all, spread over
// the households that have anyone involved. `on_households` (may be empty)
// hears how many more households are done, now and then.
CaseworkCounts write_casework(storage::Connection& connection, const Plan& plan, std::uint64_t key,
                              double contacts_per_household,
                              const std::function<void(std::int64_t households)>& on_households);

}  // namespace gezicht::demo::detail
