#pragma once
// The demo municipality as planned in memory before it is written: compact
// records (no strings per household or referral), so that a million
// households fit in a few tens of megabytes and are formatted only while
// being loaded. Internal to the demo generator.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "demo/demo_calendar.hpp"

namespace gezicht::demo::detail {

using Rng = std::mt19937_64;

// Portable draws: std::uniform_int_distribution differs between standard
// libraries, so the same seed would give another town elsewhere.
inline std::uint64_t below(Rng& rng, std::uint64_t n) { return rng() % n; }
inline bool percent(Rng& rng, unsigned p) { return rng() % 100 < p; }

// A stateless 64-bit mix (splitmix64 finaliser) for values derived from a key.
inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Office hours, in UTC (about 08:30 to 17:00 in Amsterdam): demo data does
// not need to follow summer time.
inline constexpr Seconds office_opens = 7 * 3600 + 30 * 60;
inline constexpr Seconds office_hours = 8 * 3600 + 30 * 60;
inline constexpr Days household_history_days = 3 * 365;
inline constexpr Days referral_history_days = 2 * 365;

inline constexpr int caseload_cap = 60;
inline constexpr int promise_working_days = 3;
inline constexpr int first_pc4 = 2500;
// Letter pairs of household postcodes: the letters PostNL uses (no F, I, O,
// Q, U or Y), without SA, SD and SS. Ranges still run from AA to ZZ.
inline constexpr int letter_pair_count = 20 * 20 - 3;
// "AB" for a pair index.
void letter_pair(int index, char* out);

enum class Reason : std::uint8_t { existing_contact, language_match, lowest_caseload };
const char* to_string(Reason reason);
enum class Channel : std::uint8_t { phone, home_visit, walk_in };
const char* to_string(Channel channel);

struct Neighbourhood {
  std::string name;
  int first_pc4 = 0;
  int pc4_count = 0;
  std::int64_t households_begin = 0;  // index range into Plan::households
  std::int64_t households_end = 0;
};

// Team i serves neighbourhood i.
struct Team {
  std::string name;
  std::string phone;
  std::string email;
  std::vector<std::int32_t> professionals;  // user ids
  std::int32_t lead = 0;                    // user id
};

struct WalkIn {
  std::int32_t team = 0;  // index
  int weekday = 1;
  std::string opens;
  std::string closes;
  std::string place;
  std::string address;
};

struct User {
  std::string username;
  std::string name;
  std::string role;
  std::string phone;
  std::string job_title;
  std::string languages;        // "nl,ar"
  std::uint16_t language_mask;  // bit i: names::language_code(i)
  std::int32_t team = -1;       // index, -1 for the administrator
  Seconds created_at = 0;
  std::string domain;  // a domain professional's domain
};

struct Household {
  Seconds created_at = 0;
  std::int32_t contact = 0;          // fixed contact user id, 0 for none
  std::int32_t first_referral = -1;  // index while planning
  std::uint16_t pc4 = 0;
  std::uint16_t letters = 0;  // letter pair index
  std::uint8_t number = 0;    // house number 1..150
  std::uint8_t referral_count = 0;
};

struct Referral {
  Seconds created_at = 0;
  Seconds contacted_at = -1;  // -1: still open
  Days promised_by = 0;
  std::int32_t household = 0;     // index
  std::int32_t team = 0;          // index
  std::int32_t contact = 0;       // user id
  std::int32_t contacted_by = 0;  // user id, when contacted
  std::uint32_t person = 0;       // key for the resident's name, phone and e-mail
  std::uint8_t question = 0;
  std::uint8_t language = 0;  // names::language_code index
  Channel channel = Channel::phone;
  Channel contact_channel = Channel::phone;
  Reason reason = Reason::lowest_caseload;
  bool trusted_person = false;
  std::uint8_t reach = 0;  // 0 phone, 1 e-mail, 2 both
};

// A change of fixed contact after the first assignment, planned before the
// referrals are written so that each referral names the contact of its time.
enum class ChangeKind : std::uint8_t { handover, resident_request };
struct ContactChange {
  Seconds at = 0;
  std::int32_t household = 0;  // index
  std::int32_t from = 0;       // user id
  std::int32_t to = 0;         // user id
  ChangeKind kind = ChangeKind::handover;
};

struct Plan {
  Days today = 0;
  Seconds now = 0;  // today at 00:00 UTC: everything planned lies before it
  std::vector<Neighbourhood> neighbourhoods;
  std::vector<Team> teams;
  std::vector<WalkIn> walk_ins;
  std::vector<User> users;            // user id = index + 1
  std::vector<Household> households;  // household id = index + 1
  std::vector<Referral> referrals;    // chronological; referral id = index + 1
  std::vector<std::int32_t> printed;  // user ids whose logins are printed
  std::int64_t professionals = 0;
  // After planning: household i's referrals are referral_order[referral_offsets[i]
  // .. referral_offsets[i + 1]), oldest first (index_referrals()).
  std::vector<std::int32_t> referral_offsets;
  std::vector<std::int32_t> referral_order;
  // Ordered by household, then time (plan_contact_changes()).
  std::vector<ContactChange> contact_changes;
};

inline bool speaks(const Plan& plan, std::int32_t user, std::uint8_t language) {
  return (plan.users[static_cast<std::size_t>(user - 1)].language_mask >> language) & 1u;
}

// Neighbourhoods, teams, walk-in hours and accounts.
void plan_directory(Plan& plan, std::int64_t households, Rng& rng);
// Households, fixed contacts and the referral history.
void plan_households(Plan& plan, std::int64_t households, Rng& rng);

// Fills plan.referral_offsets and plan.referral_order; call once the
// referrals are in their final (chronological) order.
void index_referrals(Plan& plan);
// A few households with a fixed contact had one before: handovers in the
// past year and requests of residents for another person. Their referrals
// then name the contact of their time. Drawn from `key`, not from the
// planning generator, so the rest of the town stays as it was.
void plan_contact_changes(Plan& plan, std::uint64_t key);

// "GZ-XXXX-XXXX" (12 characters, written to out without a terminator),
// unique per id below 2^40: the id goes through a keyed bijection on 40 bits
// and is written in Crockford base 32.
void reference_code(std::int64_t id, std::uint64_t key, char* out);
std::string reference_code(std::int64_t id, std::uint64_t key);

}  // namespace gezicht::demo::detail
