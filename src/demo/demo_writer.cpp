#include "demo/demo_writer.hpp"

#include <charconv>
#include <cstdio>
#include <utility>

#include "demo/demo_casework.hpp"
#include "demo/demo_names.hpp"
#include "demo/demo_rows.hpp"
#include "domain/calendar.hpp"
#include "storage/settings_keys.hpp"

namespace gezicht::demo::detail {
namespace {

using storage::Value;

void set_postcode(Value& value, const Household& household) {
  std::string& text = text_slot(value);
  text.resize(6);
  std::to_chars(text.data(), text.data() + 4, household.pc4);
  letter_pair(household.letters, text.data() + 4);
}
void set_house_number(Value& value, const Household& household) {
  char digits[4];
  const auto end = std::to_chars(digits, digits + sizeof digits, household.number).ptr;
  set_text(value, std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void write_directory(storage::Connection& connection, const Plan& plan, const std::string& password_hash) {
  namespace keys = storage::settings_keys;
  Batch settings(connection, "settings", {"key", "value"});
  const std::pair<const char*, const char*> values[] = {{keys::municipality_name, "Gemeente Voorbeeld"},
                                                        {keys::municipality_phone, "14 0123"},
                                                        {keys::municipality_website, "https://www.voorbeeld.nl"},
                                                        {keys::promise_working_days, "3"},
                                                        // The demo logins work with a password only (see the README);
                                                        // a real municipality keeps the default "1".
                                                        {keys::two_factor_required, "0"}};
  for (const auto& [key, value] : values) {
    auto& row = settings.row();
    set_text(row[0], key);
    set_text(row[1], value);
  }
  settings.flush();

  // Breakthroughs: a maatwerkbudget for this year and the next, and
  // illustrative yearly costs per kind of involvement (a municipality sets
  // its own with `gezicht breakthrough budget` and `cost`).
  Batch budgets(connection, "breakthrough_budgets", {"year", "team_id", "amount_cents"});
  const int year = domain::date_of(plan.now).year;
  for (const int budget_year : {year, year + 1}) {
    auto& row = budgets.row();
    set_int(row[0], budget_year);
    set_int(row[1], 0);
    set_int(row[2], 250'000'00);
  }
  budgets.flush();
  Batch costs(connection, "involvement_costs", {"domain", "yearly_cents"});
  const std::pair<const char*, std::int64_t> yearly[] = {
      {"buurtteam", 2'400'00}, {"wmo", 6'500'00},      {"youth", 14'000'00},  {"income", 3'200'00},
      {"debt", 4'800'00},      {"benefits", 1'500'00}, {"housing", 2'000'00}, {"health", 3'000'00},
      {"school", 1'200'00},    {"community", 600'00}};
  for (const auto& [domain_name, cents] : yearly) {
    auto& row = costs.row();
    set_text(row[0], domain_name);
    set_int(row[1], cents);
  }
  costs.flush();

  // Table by table, so every foreign key points at rows already written.
  Batch teams(connection, "teams", {"id", "name", "phone", "email", "caseload_cap"});
  for (std::size_t i = 0; i < plan.teams.size(); ++i) {
    auto& row = teams.row();
    set_int(row[0], static_cast<std::int64_t>(i + 1));
    set_text(row[1], plan.teams[i].name);
    set_text(row[2], plan.teams[i].phone);
    set_text(row[3], plan.teams[i].email);
    set_int(row[4], caseload_cap);
  }
  teams.flush();

  Batch neighbourhoods(connection, "neighbourhoods", {"id", "name", "team_id"});
  for (std::size_t i = 0; i < plan.neighbourhoods.size(); ++i) {
    const auto id = static_cast<std::int64_t>(i + 1);
    auto& row = neighbourhoods.row();
    set_int(row[0], id);
    set_text(row[1], plan.neighbourhoods[i].name);
    set_int(row[2], id);  // neighbourhood i is served by team i
  }
  neighbourhoods.flush();

  Batch ranges(connection, "postcode_ranges", {"id", "neighbourhood_id", "postcode_from", "postcode_to"});
  std::int64_t range_id = 0;
  for (std::size_t i = 0; i < plan.neighbourhoods.size(); ++i) {
    for (int p = 0; p < plan.neighbourhoods[i].pc4_count; ++p) {
      const std::string pc4 = std::to_string(plan.neighbourhoods[i].first_pc4 + p);
      auto& row = ranges.row();
      set_int(row[0], ++range_id);
      set_int(row[1], static_cast<std::int64_t>(i + 1));
      set_text(row[2], pc4 + "AA");
      set_text(row[3], pc4 + "ZZ");
    }
  }
  ranges.flush();

  Batch walk_ins(connection, "walk_in_hours", {"id", "team_id", "weekday", "opens", "closes", "place", "address"});
  for (std::size_t i = 0; i < plan.walk_ins.size(); ++i) {
    const WalkIn& walk_in = plan.walk_ins[i];
    auto& row = walk_ins.row();
    set_int(row[0], static_cast<std::int64_t>(i + 1));
    set_int(row[1], walk_in.team + 1);
    set_int(row[2], walk_in.weekday);
    set_text(row[3], walk_in.opens);
    set_text(row[4], walk_in.closes);
    set_text(row[5], walk_in.place);
    set_text(row[6], walk_in.address);
  }
  walk_ins.flush();

  Batch users(connection, "users",
              {"id", "username", "password_hash", "name", "role", "team_id", "phone", "job_title", "languages",
               "active", "created_at", "domain"});
  for (std::size_t i = 0; i < plan.users.size(); ++i) {
    const User& user = plan.users[i];
    auto& row = users.row();
    set_int(row[0], static_cast<std::int64_t>(i + 1));
    set_text(row[1], user.username);
    set_text(row[2], password_hash);
    set_text(row[3], user.name);
    set_text(row[4], user.role);
    if (user.team < 0)
      set_null(row[5]);
    else
      set_int(row[5], user.team + 1);
    set_text(row[6], user.phone);
    set_text(row[7], user.job_title);
    set_text(row[8], user.languages);
    set_int(row[9], 1);
    set_timestamp(row[10], user.created_at);
    set_text(row[11], user.domain);
  }
  users.flush();
}

void write_households(Batch& batch, const Plan& plan, std::uint64_t key) {
  for (std::size_t i = 0; i < plan.households.size(); ++i) {
    const Household& household = plan.households[i];
    const HouseholdProfile profile = household_profile(plan, i, key);
    auto& row = batch.row();
    set_int(row[0], static_cast<std::int64_t>(i + 1));
    set_postcode(row[1], household);
    set_house_number(row[2], household);
    if (household.contact == 0)
      set_null(row[3]);
    else
      set_int(row[3], household.contact);
    set_timestamp(row[4], household.created_at);
    set_text(row[5], names::language_code(profile.language));
    set_text(row[6], to_string(profile.channel));
  }
  batch.flush();
}

// The resident's phone ("06 1234 5678") and e-mail address, derived from the
// referral's person key and the seed.
void set_reach(std::vector<Value>& row, const Referral& referral, const names::PersonName& name, std::uint64_t key) {
  const std::uint64_t bits = mix(key ^ (std::uint64_t{referral.person} << 20) ^ 0x5EED);
  if (referral.reach == 1) {
    set_text(row[6], "");
  } else {
    std::string& phone = text_slot(row[6]);
    const auto number = static_cast<unsigned>(10000000 + bits % 90000000);
    char text[16];
    const int length = std::snprintf(text, sizeof text, "06 %04u %04u", number / 10000, number % 10000);
    phone.assign(text, static_cast<std::size_t>(length));
  }
  if (referral.reach == 0) {
    set_text(row[7], "");
  } else {
    std::string& email = text_slot(row[7]);
    email = names::email_local_part(name);
    if ((bits >> 40) % 3 == 0) email += std::to_string(10 + (bits >> 48) % 90);
    email += "@example.com";
  }
}

void write_referrals(Batch& batch, const Plan& plan, std::uint64_t key) {
  for (std::size_t i = 0; i < plan.referrals.size(); ++i) {
    const Referral& referral = plan.referrals[i];
    const Household& household = plan.households[static_cast<std::size_t>(referral.household)];
    const auto id = static_cast<std::int64_t>(i + 1);
    auto& row = batch.row();
    set_int(row[0], id);
    std::string& reference = text_slot(row[1]);
    reference.resize(12);
    reference_code(id, key, reference.data());
    set_int(row[2], referral.household + 1);
    set_int(row[3], referral.team + 1);
    set_int(row[4], referral.contact);
    const names::PersonName name = names::person_name(mix(key ^ referral.person));
    std::string& full = text_slot(row[5]);
    full.append(name.first).append(" ").append(name.last);
    set_reach(row, referral, name, key);
    set_postcode(row[8], household);
    set_house_number(row[9], household);
    set_text(row[10], names::question(referral.question));
    set_text(row[11], names::language_code(referral.language));
    set_text(row[12], to_string(referral.channel));
    set_int(row[13], referral.trusted_person ? 1 : 0);
    set_text(row[14], to_string(referral.reason));
    set_timestamp(row[15], referral.created_at);
    set_date(row[16], referral.promised_by);
    if (referral.contacted_at < 0) {
      set_null(row[17]);
      set_null(row[18]);
      set_null(row[19]);
    } else {
      set_timestamp(row[17], referral.contacted_at);
      set_text(row[18], to_string(referral.contact_channel));
      set_int(row[19], referral.contacted_by);
    }
  }
  batch.flush();
}

// Rows were loaded with explicit ids; PostgreSQL's identity sequences must
// continue after them, or the next INSERT would collide.
void reset_sequences(storage::Connection& connection) {
  for (const char* table : {"teams", "neighbourhoods", "postcode_ranges", "walk_in_hours", "users", "households",
                            "referrals", "household_members", "member_relations", "involved", "what_matters", "goals",
                            "plan_options", "actions", "contacts", "contact_edits", "fixed_contact_changes"}) {
    const std::string t(table);
    // setval(..., MAX + 1, false): the next id is MAX + 1, and 1 for an empty table.
    auto statement = connection.prepare("SELECT setval(pg_get_serial_sequence('" + t +
                                        "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + t);
    while (statement->step()) {
    }
  }
}

}  // namespace

std::string postcode_of(const Household& household) {
  Value postcode;
  set_postcode(postcode, household);
  return std::get<std::string>(postcode);
}

CaseworkCounts write_plan(storage::Connection& connection, const Plan& plan, const std::string& password_hash,
                          std::uint64_t reference_key, double contacts_per_household,
                          const std::function<void(std::int64_t rows)>& on_rows,
                          const std::function<void(std::int64_t households)>& on_households) {
  write_directory(connection, plan, password_hash);
  Batch households(
      connection, "households",
      {"id", "postcode", "house_number", "fixed_contact_id", "created_at", "preferred_language", "contact_channel"},
      on_rows);
  write_households(households, plan, reference_key);
  // clang-format off
  std::vector<std::string> referral_columns{
      "id", "reference", "household_id", "team_id", "contact_id", "name", "phone", "email", "postcode",
      "house_number", "question", "language", "channel", "trusted_person", "assignment_reason", "created_at",
      "promised_by", "first_contact_at", "first_contact_channel", "first_contact_by"};
  // clang-format on
  Batch referrals(connection, "referrals", std::move(referral_columns), on_rows);
  write_referrals(referrals, plan, reference_key);
  const CaseworkCounts counts = write_casework(connection, plan, reference_key, contacts_per_household, on_households);
  if (connection.dialect() == storage::Dialect::postgres) reset_sequences(connection);
  return counts;
}

}  // namespace gezicht::demo::detail
