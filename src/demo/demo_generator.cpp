#include "demo/demo_generator.hpp"

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "demo/demo_plan.hpp"
#include "demo/demo_writer.hpp"
#include "domain/calendar.hpp"
#include "service/password.hpp"
#include "storage/access_repository.hpp"
#include "storage/read_models.hpp"

namespace gezicht::demo {
namespace {

using namespace detail;

constexpr std::int64_t max_households = 10'000'000;
constexpr double max_contacts_per_household = 1000;

// The tables the generator fills.
constexpr const char* loaded_tables[] = {"teams",
                                         "neighbourhoods",
                                         "postcode_ranges",
                                         "walk_in_hours",
                                         "users",
                                         "households",
                                         "referrals",
                                         "household_members",
                                         "member_relations",
                                         "involved",
                                         "what_matters",
                                         "goals",
                                         "plan_options",
                                         "actions",
                                         "contacts",
                                         "fixed_contact_changes"};

// Both databases check every foreign key of every row as it is inserted,
// which costs an eighth of the load on SQLite and three quarters on
// PostgreSQL. The generator writes referenced rows first by construction,
// so the load runs unchecked and the references are checked afterwards:
//  - SQLite: foreign keys are off for the connection during the load (it can
//    only be switched outside a transaction) and on again afterwards; the
//    tests run PRAGMA foreign_key_check on generated towns.
//  - PostgreSQL: the foreign keys of the loaded tables are dropped inside
//    the load's transaction and added again, under the same names, before it
//    commits; adding one validates every row in one pass. If anything fails,
//    the rollback brings them back as they were.
class UncheckedLoad {
 public:
  explicit UncheckedLoad(storage::Connection& connection) : connection_(connection) {
    if (connection_.dialect() == storage::Dialect::sqlite) connection_.execute_script("PRAGMA foreign_keys = OFF");
  }
  ~UncheckedLoad() {
    if (connection_.dialect() != storage::Dialect::sqlite) return;
    try {
      connection_.execute_script("PRAGMA foreign_keys = ON");
    } catch (...) {
      // Nothing to do: the next statement on the connection reports the failure.
    }
  }
  UncheckedLoad(const UncheckedLoad&) = delete;
  UncheckedLoad& operator=(const UncheckedLoad&) = delete;

  // Inside the transaction, before the load.
  void drop_postgres_foreign_keys() {
    if (connection_.dialect() != storage::Dialect::postgres) return;
    std::string tables;
    for (const char* table : loaded_tables) tables += std::string(tables.empty() ? "'" : ", '") + table + "'";
    auto statement = connection_.prepare(
        "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
        "JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype = 'f' "
        "AND c.relnamespace = current_schema()::regnamespace AND c.relname IN (" +
        tables + ") ORDER BY c.relname, k.conname");
    while (statement->step()) dropped_.push_back({statement->text(0), statement->text(1), statement->text(2)});
    statement.reset();
    for (const auto& key : dropped_) {
      connection_.execute_script("ALTER TABLE " + quoted(key.table) + " DROP CONSTRAINT " + quoted(key.name));
    }
  }

  // Inside the transaction, after the load.
  void restore_postgres_foreign_keys() {
    for (const auto& key : dropped_) {
      connection_.execute_script("ALTER TABLE " + quoted(key.table) + " ADD CONSTRAINT " + quoted(key.name) + " " +
                                 key.definition);
    }
    dropped_.clear();
  }

 private:
  struct ForeignKey {
    std::string table;
    std::string name;
    std::string definition;  // "FOREIGN KEY (household_id) REFERENCES households(id)"
  };
  static std::string quoted(const std::string& identifier) {
    std::string text = "\"";
    for (const char c : identifier) text += c == '"' ? std::string("\"\"") : std::string(1, c);
    return text + "\"";
  }

  storage::Connection& connection_;
  std::vector<ForeignKey> dropped_;
};

// Legal bases a municipality might configure (its lawyer names the articles),
// and one household of the first printed professional sharing its plan with
// debt help, so the demo's debt counsellor has something to see.
// Returns the household that shares, for a resident's login to live in.
std::optional<std::int64_t> write_sharing_example(storage::Connection& connection, const Plan& plan) {
  storage::AccessRepository access(connection);
  storage::LegalBasisRecord debt{0,
                                 "debt",
                                 "Een plan van aanpak voor de schulden maken",
                                 "summary,plan",
                                 "Wet gemeentelijke schuldhulpverlening (voorbeeld: de jurist van de gemeente vult wet "
                                 "en artikel in)",
                                 true};
  const auto debt_id = access.add_legal_basis(debt);
  // A legal duty: the resident cannot withdraw it, only object (the portal's sharing page).
  const auto income_id = access.add_legal_basis(
      {0, "income", "Ondersteuning bij inkomen afstemmen", "summary",
       "Participatiewet (voorbeeld: de jurist van de gemeente vult wet en artikel in)", true, "legal_duty"});
  access.add_legal_basis({0, "wmo", "Hulp thuis afstemmen met het buurtteam", "summary,plan,contacts",
                          "Wmo 2015 (voorbeeld: de jurist van de gemeente vult wet en artikel in)", true});
  if (plan.printed.size() < 3) return std::nullopt;
  const std::int32_t professional = plan.printed[2];
  for (std::size_t i = 0; i < plan.households.size(); ++i) {
    if (plan.households[i].contact != professional) continue;
    access.add_sharing(static_cast<std::int64_t>(i + 1), debt_id, "summary,plan",
                       "Mijn schuldhulpverlener mag mijn plan zien, mijn contacten niet.", professional,
                       domain::format_timestamp(plan.now - 86400));
    access.add_sharing(static_cast<std::int64_t>(i + 1), income_id, "summary",
                       "Het inkomensteam ziet wie ons helpt, zodat de uitkering en de hulp op elkaar aansluiten.",
                       professional, domain::format_timestamp(plan.now - 86400));
    return static_cast<std::int64_t>(i + 1);
  }
  return std::nullopt;
}

// A resident of that household, named as its first member, so the demo has a
// login for every role. Written after the load (the sequences are set by then).
std::optional<DemoLogin> write_resident_login(storage::Connection& connection, const Plan& plan,
                                              std::int64_t household_id) {
  auto member = storage::query(connection,
                               "SELECT name, id FROM household_members WHERE household_id = ? AND kind = 'adult' "
                               "ORDER BY id LIMIT 1",
                               household_id);
  if (!member->step()) return std::nullopt;
  const std::string name = member->text(0);
  const std::int64_t member_id = member->int64(1);
  member.reset();
  // "f.elamrani", as the staff's user names are made, and free.
  std::string base;
  const auto space = name.find(' ');
  for (char c : name.substr(0, 1) + "." + (space == std::string::npos ? name : name.substr(space + 1))) {
    if ((c >= 'a' && c <= 'z') || c == '.') base += c;
    if (c >= 'A' && c <= 'Z') base += static_cast<char>(c - 'A' + 'a');
  }
  // Residents log in with a code sent to their address (the demo's outbox), never a password.
  std::string username = base + "@voorbeeld.nl";
  for (int n = 2; storage::query(connection, "SELECT 1 FROM users WHERE username = ?", username)->step(); ++n) {
    username = base + std::to_string(n) + "@voorbeeld.nl";
  }
  const std::string digits = std::to_string(10000000 + household_id * 7919 % 90000000);
  const std::string phone = "06 " + digits.substr(0, 4) + " " + digits.substr(4, 4);
  storage::exec(connection,
                "INSERT INTO users (username, password_hash, name, role, phone, job_title, languages, active, "
                "created_at, domain, household_id, email, member_id) "
                "VALUES (?, '', ?, 'resident', ?, '', 'nl', 1, ?, '', ?, ?, ?)",
                username, name, phone, domain::format_timestamp(plan.now - 86400), household_id, username, member_id);
  return DemoLogin{username, "", name, "resident", ""};
}

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
  UncheckedLoad unchecked(connection);
  storage::Transaction transaction(connection);
  unchecked.drop_postgres_foreign_keys();
  // Their row triggers would fire for every loaded contact; built set-based below.
  storage::drop_read_models(connection);
  const CaseworkCounts counts =
      write_plan(connection, plan, password_hash, key, options.contacts_per_household, report_rows, report_households);
  unchecked.restore_postgres_foreign_keys();
  const auto sharing_household = write_sharing_example(connection, plan);
  std::optional<DemoLogin> resident;
  if (sharing_household) resident = write_resident_login(connection, plan, *sharing_household);
  storage::build_read_models(connection);
  transaction.commit();
  // A bulk load leaves the planner without statistics; without them
  // PostgreSQL picks sequential scans over millions of contacts. Only the
  // loaded tables: a database-wide ANALYZE by a non-superuser warns about
  // every system catalogue it may not touch.
  for (const char* table :
       {"teams", "neighbourhoods", "postcode_ranges", "walk_in_hours", "users", "households", "referrals",
        "household_members", "member_relations", "involved", "what_matters", "goals", "plan_options", "actions",
        "contacts", "fixed_contact_changes", "face_latest_contacts", "household_caseload"}) {
    connection.execute_script(std::string("ANALYZE ") + table);
  }
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
  if (resident) result.logins.push_back(*resident);
  return result;
}

}  // namespace gezicht::demo
