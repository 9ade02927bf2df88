// The demo municipality's directory: neighbourhoods with their postcodes,
// one team per neighbourhood with walk-in hours, and the accounts.

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <unordered_map>

#include "demo/demo_names.hpp"
#include "demo/demo_plan.hpp"

namespace gezicht::demo::detail {
namespace {

constexpr std::int64_t households_per_neighbourhood = 5000;
constexpr std::int64_t minimum_neighbourhoods = 4;

struct Slot {
  const char* opens;
  const char* closes;
};
constexpr Slot walk_in_slots[] = {{"09:00", "12:00"}, {"13:00", "16:00"}, {"09:30", "11:30"},
                                  {"14:00", "16:30"}, {"10:00", "12:00"}, {"18:30", "20:00"}};

// "0123 45 67 89": the municipality's own (fictional) area code.
std::string team_phone(std::size_t index, std::uint64_t offset) {
  const auto number = static_cast<unsigned>(400000 + (index * 7919 + offset) % 600000);
  char text[16];
  std::snprintf(text, sizeof text, "0123 %02u %02u %02u", number / 10000, number / 100 % 100, number % 100);
  return text;
}

// "06 1234 5678"
std::string mobile_phone(Rng& rng) {
  const auto number = static_cast<unsigned>(10000000 + below(rng, 90000000));
  char text[16];
  std::snprintf(text, sizeof text, "06 %04u %04u", number / 10000, number % 10000);
  return text;
}

// Always Dutch; often one or two more. Drawn on its own, from nothing else.
void draw_languages(User& user, Rng& rng) {
  std::uint16_t mask = 1;  // nl
  const auto roll = below(rng, 100);
  const int extra = roll < 45 ? 0 : roll < 85 ? 1 : 2;
  for (int i = 0; i < extra; ++i) mask |= static_cast<std::uint16_t>(1u << names::staff_language(rng()));
  user.language_mask = mask;
  user.languages.clear();
  for (std::size_t i = 0; i < names::language_count; ++i) {
    if (!(mask & (1u << i))) continue;
    if (!user.languages.empty()) user.languages += ',';
    user.languages += names::language_code(i);
  }
}

class Accounts {
 public:
  Accounts(Plan& plan, Rng& rng) : plan_(plan), rng_(rng) {}

  // Keeps usernames unique across two generators.
  void reserve_usernames_of(const Plan& plan) {
    for (const auto& user : plan.users) taken_.emplace(user.username, 1);
  }

  std::int32_t add(const std::string& role, std::int32_t team, std::string job_title) {
    User user;
    const names::PersonName name = names::person_name(rng_());
    user.name = names::full_name(name);
    user.role = role;
    user.team = team;
    user.job_title = std::move(job_title);
    user.username = role == "admin" ? std::string("admin") : unique_username(names::username_base(name));
    user.phone = mobile_phone(rng_);
    draw_languages(user, rng_);
    // Accounts were made in the weeks before the history starts.
    const Days day = plan_.today - 3 * 365 - 30 - static_cast<Days>(below(rng_, 120));
    user.created_at = day * seconds_per_day + 7 * 3600 + static_cast<Seconds>(below(rng_, 9 * 3600));
    plan_.users.push_back(std::move(user));
    return static_cast<std::int32_t>(plan_.users.size());
  }

 private:
  std::string unique_username(const std::string& base) {
    int& count = taken_[base];
    ++count;
    if (count == 1) return base;
    // "s.bakker2": the numbered form may itself be someone's base; skip those.
    for (;;) {
      std::string candidate = base + std::to_string(count);
      if (taken_.emplace(candidate, 1).second) return candidate;
      ++count;
    }
  }

  Plan& plan_;
  Rng& rng_;
  std::unordered_map<std::string, int> taken_;
};

}  // namespace

void plan_directory(Plan& plan, std::int64_t households, Rng& rng) {
  const auto count = static_cast<std::size_t>(
      std::max(minimum_neighbourhoods, (households + households_per_neighbourhood / 2) / households_per_neighbourhood));
  const std::vector<std::string> neighbourhood_names = names::neighbourhood_names(count, rng);
  const std::uint64_t phone_offset = below(rng, 600000);

  plan.neighbourhoods.reserve(count);
  plan.teams.reserve(count);
  int next_pc4 = first_pc4;
  for (std::size_t i = 0; i < count; ++i) {
    Neighbourhood neighbourhood;
    neighbourhood.name = neighbourhood_names[i];
    neighbourhood.first_pc4 = next_pc4;
    neighbourhood.pc4_count = 1 + static_cast<int>(below(rng, 3));
    next_pc4 += neighbourhood.pc4_count;
    if (next_pc4 - 1 > 9999) throw std::invalid_argument("too many households for the demo's postcode range");

    Team team;
    team.name = "Buurtteam " + neighbourhood.name;
    team.phone = team_phone(i, phone_offset);
    team.email = "buurtteam-" + names::ascii_fold(neighbourhood.name, '-') + "@voorbeeld.nl";

    // Two or three walk-in hours on different weekdays.
    int days[5] = {1, 2, 3, 4, 5};
    for (int d = 4; d > 0; --d) std::swap(days[d], days[below(rng, static_cast<std::uint64_t>(d) + 1)]);
    const int hours = 2 + static_cast<int>(below(rng, 2));
    std::sort(days, days + hours);
    for (int h = 0; h < hours; ++h) {
      const Slot& slot = walk_in_slots[below(rng, std::size(walk_in_slots))];
      char postcode[8];
      std::snprintf(postcode, sizeof postcode, "%04d ", neighbourhood.first_pc4);
      letter_pair(static_cast<int>(below(rng, letter_pair_count)), postcode + 5);
      postcode[7] = '\0';
      WalkIn walk_in;
      walk_in.team = static_cast<std::int32_t>(i);
      walk_in.weekday = days[h];
      walk_in.opens = slot.opens;
      walk_in.closes = slot.closes;
      walk_in.place = names::walk_in_place(rng(), h == 0, neighbourhood.name);
      // One draw per statement: the order of operands of + is unspecified.
      const std::string_view street = names::street_name(rng());
      const auto number = 1 + below(rng, 150);
      walk_in.address = std::string(street) + " " + std::to_string(number) + ", " + postcode + " Voorbeeld";
      plan.walk_ins.push_back(std::move(walk_in));
    }
    plan.neighbourhoods.push_back(std::move(neighbourhood));
    plan.teams.push_back(std::move(team));
  }

  Accounts accounts(plan, rng);
  const std::int32_t admin = accounts.add("admin", -1, "Functioneel beheerder");
  for (std::size_t i = 0; i < count; ++i) {
    const auto team_index = static_cast<std::int32_t>(i);
    plan.teams[i].lead = accounts.add("teamlead", team_index, "Teamleider");
    const int professionals = 6 + static_cast<int>(below(rng, 10));
    for (int p = 0; p < professionals; ++p) {
      plan.teams[i].professionals.push_back(
          accounts.add("professional", team_index, std::string(names::job_title(rng()))));
    }
    plan.professionals += professionals;
  }
  // Roles outside the neighbourhood teams, drawn from their own generator so
  // that the rest of the town stays the same as before they existed.
  Rng other_rng(0x6e656564746f6b6eULL);
  Accounts others(plan, other_rng);
  others.reserve_usernames_of(plan);
  const std::int32_t debt_counsellor = others.add("domain_professional", -1, "Schuldhulpverlener");
  plan.users[static_cast<std::size_t>(debt_counsellor - 1)].domain = "debt";
  const std::int32_t auditor = others.add("auditor", -1, "Privacy officer");
  // Added after the others so that every earlier account keeps its name.
  const std::int32_t breakthrough = others.add("breakthrough_member", -1, "Lid van het doorbraakteam");
  const std::int32_t policy = others.add("policy", -1, "Beleidsadviseur sociaal domein");
  plan.printed = {admin,
                  plan.teams[0].lead,
                  plan.teams[0].professionals[0],
                  plan.teams[0].professionals[1],
                  debt_counsellor,
                  auditor,
                  breakthrough,
                  policy};
}

}  // namespace gezicht::demo::detail
