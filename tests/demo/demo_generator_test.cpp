// The demo municipality generator, against a real (SQLite) database.

#include "demo/demo_generator.hpp"
#include "domain/calendar.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "service/password.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace gezicht::demo {
namespace {

constexpr const char* today = "2026-11-27";  // a Friday
// Any text will do as a stored hash; it keeps Argon2id out of most tests.
constexpr const char* fake_hash = "$argon2id$v=19$m=65536,t=2,p=1$ZGVtby10ZXN0$ZGVtby10ZXN0LWhhc2g";

// A fresh, migrated SQLite file, removed afterwards.
class TempDatabase {
 public:
  TempDatabase() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("gezicht-demo-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".db");
    remove_files();
    connection_ = storage::open_connection(path_.string());
    storage::apply_migrations(*connection_);
  }
  ~TempDatabase() {
    connection_.reset();
    remove_files();
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  storage::Connection& connection() { return *connection_; }

 private:
  void remove_files() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_.string() + suffix, ignored);
    }
  }

  std::filesystem::path path_;
  std::unique_ptr<storage::Connection> connection_;
};

DemoOptions options(std::uint64_t seed, std::int64_t households = 2000) {
  DemoOptions result;
  result.households = households;
  result.seed = seed;
  result.today = today;
  result.password_hash_override = fake_hash;
  return result;
}

std::int64_t scalar(storage::Connection& connection, const std::string& sql) {
  auto statement = connection.prepare(sql);
  EXPECT_TRUE(statement->step()) << sql;
  return statement->int64(0);
}

std::vector<std::vector<std::string>> rows(storage::Connection& connection, const std::string& sql, int columns) {
  std::vector<std::vector<std::string>> result;
  auto statement = connection.prepare(sql);
  while (statement->step()) {
    std::vector<std::string> row;
    for (int c = 0; c < columns; ++c) row.push_back(statement->is_null(c) ? std::string("<null>") : statement->text(c));
    result.push_back(std::move(row));
  }
  return result;
}

// FNV-1a over every field of every row, in order.
std::uint64_t checksum(storage::Connection& connection, const std::string& sql, int columns) {
  std::uint64_t hash = 14695981039346656037ull;
  const auto add = [&](std::string_view text) {
    for (const char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
  };
  for (const auto& row : rows(connection, sql, columns)) {
    for (const auto& field : row) {
      add(field);
      add("\x1f");
    }
    add("\x1e");
  }
  return hash;
}

struct Checksums {
  std::uint64_t users;
  std::uint64_t households;
  std::uint64_t referrals;
  std::uint64_t directory;
  std::uint64_t casework;
  friend bool operator==(const Checksums&, const Checksums&) = default;
};

// Every row of every casework table, in id order.
std::uint64_t casework_checksum(storage::Connection& connection) {
  std::uint64_t hash = 0;
  const std::pair<const char*, int> tables[] = {
      {"SELECT id, preferred_language, contact_channel FROM households ORDER BY id", 3},
      {"SELECT * FROM household_members ORDER BY id", 6},
      {"SELECT * FROM member_relations ORDER BY id", 5},
      {"SELECT * FROM involved ORDER BY id", 12},
      {"SELECT * FROM what_matters ORDER BY id", 6},
      {"SELECT * FROM goals ORDER BY id", 7},
      {"SELECT * FROM plan_options ORDER BY id", 8},
      {"SELECT * FROM actions ORDER BY id", 10},
      {"SELECT * FROM contacts ORDER BY id", 8},
      {"SELECT * FROM fixed_contact_changes ORDER BY id", 10}};
  for (const auto& [sql, columns] : tables) hash = hash * 31 + checksum(connection, sql, columns);
  return hash;
}

Checksums checksums(storage::Connection& connection) {
  return {
      checksum(connection,
               "SELECT id, username, password_hash, name, role, team_id, phone, job_title, languages, active, "
               "created_at FROM users ORDER BY id",
               11),
      checksum(connection,
               "SELECT id, postcode, house_number, fixed_contact_id, created_at FROM households ORDER BY id", 5),
      checksum(connection,
               "SELECT id, reference, household_id, team_id, contact_id, name, phone, email, postcode, house_number, "
               "question, language, channel, trusted_person, assignment_reason, created_at, promised_by, "
               "first_contact_at, first_contact_channel, first_contact_by FROM referrals ORDER BY id",
               20),
      checksum(connection,
               "SELECT t.id, t.name, t.phone, t.email, n.name, r.postcode_from, r.postcode_to FROM teams t "
               "JOIN neighbourhoods n ON n.team_id = t.id JOIN postcode_ranges r ON r.neighbourhood_id = n.id "
               "ORDER BY r.id",
               7),
      casework_checksum(connection)};
}

domain::Date day_of(const std::string& text) { return *domain::parse_date(text.substr(0, 10)); }

TEST(DemoGenerator, SameSeedGivesTheSameTown) {
  TempDatabase first;
  TempDatabase second;
  const DemoResult a = generate_demo(first.connection(), options(7));
  const DemoResult b = generate_demo(second.connection(), options(7));
  EXPECT_EQ(checksums(first.connection()), checksums(second.connection()));
  EXPECT_EQ(a.referrals, b.referrals);
  EXPECT_EQ(a.example_postcode, b.example_postcode);
  ASSERT_EQ(a.logins.size(), b.logins.size());
  for (std::size_t i = 0; i < a.logins.size(); ++i) EXPECT_EQ(a.logins[i].username, b.logins[i].username);
}

TEST(DemoGenerator, DifferentSeedGivesAnotherTown) {
  TempDatabase first;
  TempDatabase second;
  generate_demo(first.connection(), options(7));
  generate_demo(second.connection(), options(8));
  const Checksums a = checksums(first.connection());
  const Checksums b = checksums(second.connection());
  EXPECT_NE(a.users, b.users);
  EXPECT_NE(a.households, b.households);
  EXPECT_NE(a.referrals, b.referrals);
  EXPECT_NE(a.casework, b.casework);
}

TEST(DemoGenerator, CountsMatchTheOptions) {
  TempDatabase database;
  auto& connection = database.connection();
  const DemoResult result = generate_demo(connection, options(1, 2000));
  EXPECT_EQ(result.households, 2000);
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM households"), 2000);
  EXPECT_EQ(result.teams, 4);  // at least four neighbourhoods
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM teams"), result.teams);
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM neighbourhoods"), result.teams);
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM referrals"), result.referrals);
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM users WHERE role = 'professional'"), result.professionals);
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM users WHERE role = 'teamlead'"), result.teams);
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM users WHERE role = 'admin'"), 1);
  EXPECT_GE(result.professionals, 6 * result.teams);
  EXPECT_LE(result.professionals, 15 * result.teams);
  // About 30% of households were referred, some twice.
  EXPECT_GT(result.referrals, 2000 * 25 / 100);
  EXPECT_LT(result.referrals, 2000 * 45 / 100);
  // About 40% of households have a fixed contact at this size.
  const std::int64_t fixed = scalar(connection, "SELECT COUNT(*) FROM households WHERE fixed_contact_id IS NOT NULL");
  EXPECT_GT(fixed, 2000 * 30 / 100);
  EXPECT_LE(fixed, 2000 * 45 / 100);
  EXPECT_GE(scalar(connection, "SELECT COUNT(*) FROM walk_in_hours"), 2 * result.teams);
  EXPECT_LE(scalar(connection, "SELECT COUNT(*) FROM walk_in_hours"), 3 * result.teams);

  const auto settings = rows(connection, "SELECT key, value FROM settings ORDER BY key", 2);
  std::map<std::string, std::string> values;
  for (const auto& row : settings) values[row[0]] = row[1];
  EXPECT_EQ(values["municipality_name"], "Gemeente Voorbeeld");
  EXPECT_EQ(values["municipality_phone"], "14 0123");
  EXPECT_EQ(values["municipality_website"], "https://www.voorbeeld.nl");
  EXPECT_EQ(values["promise_working_days"], "3");
}

TEST(DemoGenerator, OneNeighbourhoodPerFiveThousandHouseholds) {
  TempDatabase database;
  const DemoResult result = generate_demo(database.connection(), options(3, 30000));
  EXPECT_EQ(result.teams, 6);
  EXPECT_EQ(scalar(database.connection(), "SELECT COUNT(*) FROM households"), 30000);
  EXPECT_EQ(scalar(database.connection(), "SELECT COUNT(DISTINCT name) FROM neighbourhoods"), 6);
}

TEST(DemoGenerator, HouseholdsLiveInsideTheirNeighbourhood) {
  TempDatabase database;
  auto& connection = database.connection();
  const DemoResult result = generate_demo(connection, options(1));

  // Every household lies in exactly one range.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM households h WHERE (SELECT COUNT(*) FROM postcode_ranges r "
                   "WHERE h.postcode BETWEEN r.postcode_from AND r.postcode_to) <> 1"),
            0);
  // A fixed contact works in the team of the household's neighbourhood.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM households h JOIN users u ON u.id = h.fixed_contact_id "
                   "JOIN postcode_ranges r ON h.postcode BETWEEN r.postcode_from AND r.postcode_to "
                   "JOIN neighbourhoods n ON n.id = r.neighbourhood_id WHERE n.team_id <> u.team_id"),
            0);
  // So do a referral's team and contact; its address is the household's.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM referrals x JOIN households h ON h.id = x.household_id "
                   "JOIN users u ON u.id = x.contact_id "
                   "JOIN postcode_ranges r ON h.postcode BETWEEN r.postcode_from AND r.postcode_to "
                   "JOIN neighbourhoods n ON n.id = r.neighbourhood_id "
                   "WHERE n.team_id <> x.team_id OR u.team_id <> x.team_id OR x.postcode <> h.postcode "
                   "OR x.house_number <> h.house_number OR u.role <> 'professional'"),
            0);
  // Well-formed, valid postcodes and house numbers 1..150.
  const std::regex postcode("[1-9][0-9]{3}[A-Z]{2}");
  for (const auto& row : rows(connection, "SELECT postcode, house_number FROM households", 2)) {
    ASSERT_TRUE(std::regex_match(row[0], postcode)) << row[0];
    const std::string letters = row[0].substr(4);
    EXPECT_TRUE(letters != "SA" && letters != "SD" && letters != "SS") << row[0];
    const int number = std::stoi(row[1]);
    EXPECT_TRUE(number >= 1 && number <= 150 && std::to_string(number) == row[1]) << row[1];
  }
  // The example postcode exists and belongs to the printed team.
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM households WHERE postcode = '" + result.example_postcode + "'"),
            0);
  const auto team = rows(connection,
                         "SELECT t.name FROM postcode_ranges r JOIN neighbourhoods n ON n.id = r.neighbourhood_id "
                         "JOIN teams t ON t.id = n.team_id WHERE '" +
                             result.example_postcode + "' BETWEEN r.postcode_from AND r.postcode_to",
                         1);
  ASSERT_EQ(team.size(), 1u);
  // Administrator, team lead, two professionals, then a debt counsellor, an
  // auditor, a breakthrough team member and a policy adviser (no team), and a resident.
  ASSERT_EQ(result.logins.size(), 9u);
  for (std::size_t i = 1; i < 4; ++i) EXPECT_EQ(result.logins[i].team, team[0][0]);
  EXPECT_EQ(result.logins[4].role, "domain_professional");
  EXPECT_EQ(result.logins[5].role, "auditor");
  EXPECT_EQ(result.logins[6].role, "breakthrough_member");
  EXPECT_EQ(result.logins[7].role, "policy");
  EXPECT_EQ(result.logins[8].role, "resident");
  // The resident lives in the household that shares its plan with debt help
  // (on consent) and its summary with the income team (a legal duty).
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM users u JOIN sharing_agreements s ON s.household_id = u.household_id "
                   "JOIN legal_bases b ON b.id = s.legal_basis_id "
                   "WHERE u.username = '" +
                       result.logins[8].username + "' AND u.role = 'resident' AND u.email = u.username"),
            2);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(DISTINCT b.ground) FROM users u JOIN sharing_agreements s "
                   "ON s.household_id = u.household_id JOIN legal_bases b ON b.id = s.legal_basis_id "
                   "WHERE u.username = '" +
                       result.logins[8].username + "'"),
            2);
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM users WHERE username = '" + result.logins[4].username +
                                   "' AND domain = 'debt'"),
            1);
  // The debt counsellor has a household that shares its plan with debt help.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM sharing_agreements s JOIN legal_bases b ON b.id = "
                   "s.legal_basis_id WHERE b.domain = 'debt' AND s.withdrawn_at IS NULL"),
            1);
}

TEST(DemoGenerator, ReferenceCodesAreUniqueAndWellFormed) {
  TempDatabase database;
  generate_demo(database.connection(), options(5));
  const std::regex code("GZ-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}");
  std::set<std::string> seen;
  for (const auto& row : rows(database.connection(), "SELECT reference FROM referrals", 1)) {
    EXPECT_TRUE(std::regex_match(row[0], code)) << row[0];
    EXPECT_TRUE(seen.insert(row[0]).second) << "duplicate " << row[0];
  }
  EXPECT_GT(seen.size(), 0u);
}

TEST(DemoGenerator, PromisesAreThreeWorkingDaysAndNeverOnAWeekendOrHoliday) {
  TempDatabase database;
  generate_demo(database.connection(), options(2));
  const auto referrals = rows(database.connection(), "SELECT created_at, promised_by FROM referrals", 2);
  ASSERT_FALSE(referrals.empty());
  for (const auto& row : referrals) {
    const auto promised = day_of(row[1]);
    EXPECT_TRUE(domain::is_working_day(promised)) << row[1];
    EXPECT_EQ(promised, domain::add_working_days(day_of(row[0]), 3)) << row[0] << " -> " << row[1];
  }
}

TEST(DemoGenerator, HistoryIsConsistentAndInThePast) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, options(4));
  const std::regex timestamp(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  for (const auto& row : rows(connection,
                              "SELECT r.created_at, r.first_contact_at, r.first_contact_channel, r.channel, "
                              "r.assignment_reason, r.language, h.created_at, r.first_contact_by, r.team_id, "
                              "(SELECT team_id FROM users WHERE id = r.first_contact_by) "
                              "FROM referrals r JOIN households h ON h.id = r.household_id",
                              10)) {
    ASSERT_TRUE(std::regex_match(row[0], timestamp)) << row[0];
    EXPECT_LT(row[0], today);
    EXPECT_GE(row[0], "2024-11-27");  // the past two years
    EXPECT_LE(row[6], row[0]) << "household created after its referral";
    EXPECT_TRUE(row[3] == "phone" || row[3] == "home_visit" || row[3] == "walk_in") << row[3];
    EXPECT_TRUE(row[4] == "existing_contact" || row[4] == "language_match" || row[4] == "lowest_caseload") << row[4];
    EXPECT_FALSE(row[5].empty());
    if (row[1] == "<null>") {
      EXPECT_EQ(row[2], "<null>");
      EXPECT_EQ(row[7], "<null>");
    } else {
      ASSERT_TRUE(std::regex_match(row[1], timestamp)) << row[1];
      EXPECT_GT(row[1], row[0]);
      EXPECT_LT(row[1], today);
      EXPECT_TRUE(row[2] == "phone" || row[2] == "home_visit" || row[2] == "walk_in") << row[2];
      EXPECT_EQ(row[9], row[8]) << "first contact by someone outside the team";
    }
  }
  // Language matches are real.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM referrals r JOIN users u ON u.id = r.contact_id "
                   "WHERE r.assignment_reason = 'language_match' "
                   "AND instr(',' || u.languages || ',', ',' || r.language || ',') = 0"),
            0);
  // Households within the past three years.
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM households WHERE created_at < '2023-11-27' OR created_at >= '" +
                                   std::string(today) + "'"),
            0);
}

TEST(DemoGenerator, CaseloadsStayAtOrUnderTheCap) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, options(6));
  const auto caseloads = rows(connection,
                              "SELECT u.id, t.caseload_cap, (SELECT COUNT(*) FROM households h "
                              "WHERE h.fixed_contact_id = u.id) FROM users u JOIN teams t ON t.id = u.team_id "
                              "WHERE u.role = 'professional'",
                              3);
  int at_cap = 0;
  for (const auto& row : caseloads) {
    const int cap = std::stoi(row[1]);
    const int caseload = std::stoi(row[2]);
    EXPECT_LE(caseload, cap + 3) << "professional " << row[0];
    if (caseload >= cap) ++at_cap;
  }
  EXPECT_GE(at_cap, 1);
  EXPECT_LT(at_cap, static_cast<int>(caseloads.size()) / 4);  // a few, not most
  // Only professionals are fixed contacts.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM households h JOIN users u ON u.id = h.fixed_contact_id "
                   "WHERE u.role <> 'professional'"),
            0);
}

TEST(DemoGenerator, PrintedProfessionalsHaveOpenWork) {
  for (const std::int64_t households : {20, 2000}) {
    TempDatabase database;
    auto& connection = database.connection();
    const DemoResult result = generate_demo(connection, options(9, households));
    ASSERT_EQ(result.logins.size(), 9u);
    EXPECT_EQ(result.logins[0].role, "admin");
    EXPECT_EQ(result.logins[1].role, "teamlead");
    int professionals = 0;
    for (const auto& login : result.logins) {
      // A resident has no password: a code by e-mail.
      EXPECT_EQ(login.password, login.role == "resident" ? "" : "welkom-in-de-wijk");
      EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM users WHERE username = '" + login.username + "' AND role = '" +
                                       login.role + "'"),
                1);
      if (login.role != "professional") continue;
      ++professionals;
      const std::string open =
          "SELECT COUNT(*) FROM referrals r JOIN users u ON u.id = r.contact_id WHERE u.username = '" + login.username +
          "' AND r.first_contact_at IS NULL";
      EXPECT_GE(scalar(connection, open), 3) << login.username;
      EXPECT_GE(scalar(connection, open + " AND r.promised_by < '" + today + "'"), 1) << login.username;
      EXPECT_GE(scalar(connection, open + " AND r.promised_by > '" + today + "'"), 1) << login.username;
    }
    EXPECT_EQ(professionals, 2);
  }
}

TEST(DemoGenerator, AccountsLookReal) {
  TempDatabase database;
  generate_demo(database.connection(), options(10));
  const std::regex username(R"([a-z]\.[a-z]+[0-9]*)");
  const std::regex languages(R"(nl(,[a-z]{2,3}){0,2})");
  const std::regex mobile(R"(06 \d{4} \d{4})");
  for (const auto& row :
       rows(database.connection(), "SELECT username, role, languages, phone, job_title, password_hash FROM users", 6)) {
    if (row[1] == "admin")
      EXPECT_EQ(row[0], "admin");
    else if (row[1] == "resident")  // logs in with a code sent to this address
      EXPECT_TRUE(std::regex_match(row[0], std::regex(R"([a-z]\.[a-z]+[0-9]*@voorbeeld\.nl)"))) << row[0];
    else
      EXPECT_TRUE(std::regex_match(row[0], username)) << row[0];
    EXPECT_TRUE(std::regex_match(row[2], languages)) << row[2];
    EXPECT_TRUE(std::regex_match(row[3], mobile)) << row[3];
    EXPECT_EQ(row[4].empty(), row[1] == "resident") << "staff have a job title, a resident none";
    EXPECT_EQ(row[5], row[1] == "resident" ? "" : fake_hash) << "no password for a resident";
  }
  const std::regex team_phone(R"(0123 \d{2} \d{2} \d{2})");
  const std::regex team_email(R"(buurtteam-[a-z0-9-]+@voorbeeld\.nl)");
  for (const auto& row : rows(database.connection(), "SELECT name, phone, email FROM teams", 3)) {
    EXPECT_EQ(row[0].rfind("Buurtteam ", 0), 0u) << row[0];
    EXPECT_TRUE(std::regex_match(row[1], team_phone)) << row[1];
    EXPECT_TRUE(std::regex_match(row[2], team_email)) << row[2];
  }
}

TEST(DemoGenerator, RefusesADatabaseThatHoldsAMunicipality) {
  TempDatabase database;
  generate_demo(database.connection(), options(1, 100));
  EXPECT_THROW(generate_demo(database.connection(), options(1, 100)), std::runtime_error);
  EXPECT_EQ(scalar(database.connection(), "SELECT COUNT(*) FROM households"), 100);
}

TEST(DemoGenerator, ReportsProgressUpToTheTotal) {
  TempDatabase database;
  DemoOptions settings = options(1, 25000);
  std::vector<std::pair<std::int64_t, std::int64_t>> calls;
  settings.progress = [&](std::int64_t done, std::int64_t total) { calls.emplace_back(done, total); };
  generate_demo(database.connection(), settings);
  ASSERT_GE(calls.size(), 3u);
  for (std::size_t i = 1; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].second, 25000);
    EXPECT_GE(calls[i].first, calls[i - 1].first);
  }
  EXPECT_EQ(calls.back().first, 25000);
}

TEST(DemoGenerator, StoresOneRealHashOfTheDemoPassword) {
  TempDatabase database;
  DemoOptions settings = options(1, 50);
  settings.password_hash_override.clear();
  generate_demo(database.connection(), settings);
  const auto hashes =
      rows(database.connection(), "SELECT DISTINCT password_hash FROM users WHERE role <> 'resident'", 1);
  ASSERT_EQ(hashes.size(), 1u);
  EXPECT_TRUE(service::verify_password(hashes[0][0], "welkom-in-de-wijk"));
  EXPECT_FALSE(service::verify_password(hashes[0][0], "welkom-in-de-stad"));
}

TEST(DemoGenerator, RejectsBadOptions) {
  TempDatabase database;
  DemoOptions bad_date = options(1, 10);
  bad_date.today = "2026-02-30";
  EXPECT_THROW(generate_demo(database.connection(), bad_date), std::invalid_argument);
  DemoOptions negative = options(1, -1);
  EXPECT_THROW(generate_demo(database.connection(), negative), std::invalid_argument);
  EXPECT_EQ(scalar(database.connection(), "SELECT COUNT(*) FROM teams"), 0);
}

// ---- Households' casework ----------------------------------------------------

DemoOptions casework_options(std::uint64_t seed, std::int64_t households, double contacts_per_household) {
  DemoOptions result = options(seed, households);
  result.contacts_per_household = contacts_per_household;
  return result;
}

TEST(DemoCasework, ContactsMatchTheAveragePerHousehold) {
  for (const double average : {3.0, 12.5}) {
    TempDatabase database;
    auto& connection = database.connection();
    const DemoResult result = generate_demo(connection, casework_options(11, 2000, average));
    const auto expected = static_cast<std::int64_t>(average * 2000 + 0.5);
    EXPECT_EQ(result.contacts, expected);
    EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM contacts"), expected);
    EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM involved"), result.involved);
    // Only households with someone involved have contacts, and most of those do.
    EXPECT_EQ(scalar(connection,
                     "SELECT COUNT(DISTINCT c.household_id) FROM contacts c WHERE NOT EXISTS "
                     "(SELECT 1 FROM involved i WHERE i.household_id = c.household_id)"),
              0);
    const std::int64_t with_faces = scalar(connection, "SELECT COUNT(DISTINCT household_id) FROM involved");
    EXPECT_GT(scalar(connection, "SELECT COUNT(DISTINCT household_id) FROM contacts"), with_faces * 8 / 10);
  }
  TempDatabase none;
  const DemoResult result = generate_demo(none.connection(), casework_options(11, 300, 0));
  EXPECT_EQ(result.contacts, 0);
  EXPECT_EQ(scalar(none.connection(), "SELECT COUNT(*) FROM contacts"), 0);
  EXPECT_GT(scalar(none.connection(), "SELECT COUNT(*) FROM involved"), 0);
}

TEST(DemoCasework, RejectsABadAverage) {
  TempDatabase database;
  for (const double bad : {-1.0, 1001.0, std::nan("")}) {
    EXPECT_THROW(generate_demo(database.connection(), casework_options(1, 10, bad)), std::invalid_argument) << bad;
  }
  EXPECT_EQ(scalar(database.connection(), "SELECT COUNT(*) FROM teams"), 0);
}

TEST(DemoCasework, MembersAreOneOrTwoAdultsWithUpToFourChildren) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, options(12));
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM households h WHERE (SELECT COUNT(*) FROM household_members m "
                   "WHERE m.household_id = h.id AND m.kind = 'adult') NOT BETWEEN 1 AND 2"),
            0);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM households h WHERE (SELECT COUNT(*) FROM household_members m "
                   "WHERE m.household_id = h.id AND m.kind = 'child') > 4"),
            0);
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM household_members WHERE kind = 'child'"), 1000);
  // Plausible years of birth: children under 18, adults 18 or older.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM household_members WHERE "
                   "(kind = 'child' AND birth_year NOT BETWEEN 2008 AND 2026) OR "
                   "(kind = 'adult' AND birth_year NOT BETWEEN 1930 AND 2008)"),
            0);
  // Adults of one household do not always share a surname.
  EXPECT_GT(scalar(connection,
                   "SELECT COUNT(*) FROM household_members a JOIN household_members b ON b.household_id = "
                   "a.household_id AND b.id > a.id AND a.kind = 'adult' AND b.kind = 'adult' "
                   "WHERE substr(a.name, instr(a.name, ' ')) <> substr(b.name, instr(b.name, ' '))"),
            50);
}

TEST(DemoCasework, RelationsAreSymmetricAndPlausible) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, options(13));
  ASSERT_GT(scalar(connection, "SELECT COUNT(*) FROM member_relations"), 1000);
  // Every relation has its counterpart the other way round.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM member_relations r WHERE NOT EXISTS (SELECT 1 FROM member_relations s "
                   "WHERE s.member_id = r.related_id AND s.related_id = r.member_id AND s.relation = "
                   "CASE r.relation WHEN 'parent' THEN 'child' WHEN 'child' THEN 'parent' ELSE r.relation END)"),
            0);
  // Within one household, between its own members.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM member_relations r JOIN household_members m ON m.id = r.member_id "
                   "JOIN household_members o ON o.id = r.related_id WHERE m.household_id <> r.household_id "
                   "OR o.household_id <> r.household_id OR r.member_id = r.related_id"),
            0);
  // Partners are adults; a parent is an adult at least 18 years older.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM member_relations r JOIN household_members m ON m.id = r.member_id "
                   "JOIN household_members o ON o.id = r.related_id WHERE "
                   "(r.relation = 'partner' AND (m.kind <> 'adult' OR o.kind <> 'adult')) OR "
                   "(r.relation = 'parent' AND (m.kind <> 'adult' OR o.birth_year - m.birth_year < 18))"),
            0);
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM member_relations WHERE relation = 'partner'"), 200);
  // Every child has at least one parent in the household.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM household_members c WHERE c.kind = 'child' AND NOT EXISTS "
                   "(SELECT 1 FROM member_relations r WHERE r.member_id = c.id AND r.relation = 'child')"),
            0);
}

TEST(DemoCasework, TheFixedContactIsInvolvedWithTheirAccount) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, options(14));
  const std::int64_t fixed = scalar(connection, "SELECT COUNT(*) FROM households WHERE fixed_contact_id IS NOT NULL");
  ASSERT_GT(fixed, 0);
  EXPECT_EQ(
      scalar(connection,
             "SELECT COUNT(*) FROM households h JOIN involved i ON i.household_id = h.id "
             "AND i.user_id = h.fixed_contact_id JOIN users u ON u.id = i.user_id JOIN teams t ON t.id = u.team_id "
             "WHERE i.active = 1 AND i.domain = 'buurtteam' AND i.organisation = t.name AND i.role = u.job_title "
             "AND i.reach = u.phone AND i.name = u.name AND i.does_what = 'Vaste contactpersoon'"),
      fixed);
  // Professionals involved work in the household's team.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM involved i JOIN users u ON u.id = i.user_id "
                   "JOIN households h ON h.id = i.household_id "
                   "JOIN postcode_ranges r ON h.postcode BETWEEN r.postcode_from AND r.postcode_to "
                   "JOIN neighbourhoods n ON n.id = r.neighbourhood_id WHERE n.team_id <> u.team_id "
                   "OR u.role <> 'professional'"),
            0);
  // Others, from believable organisations, mostly without an account.
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM involved WHERE user_id IS NULL"), 300);
  EXPECT_GT(scalar(connection,
                   "SELECT COUNT(*) FROM involved WHERE user_id IS NOT NULL AND does_what <> "
                   "'Vaste contactpersoon' AND active = 1"),
            10);
  const std::map<std::string, std::string> organisation_of{
      {"wmo", "Gemeente Voorbeeld"},     {"youth", "Jeugdteam Voorbeeld"}, {"income", "Werk en Inkomen"},
      {"debt", "Schuldhulp Voorbeeld"},  {"benefits", "Dienst Toeslagen"}, {"housing", "Woonstichting Voorbeeld"},
      {"health", "Huisartsenpraktijk "}, {"school", "Gemeente Voorbeeld"}, {"community", "Buurtvereniging "}};
  std::set<std::string> domains;
  for (const auto& row : rows(connection,
                              "SELECT domain, organisation, role, name, reach FROM involved "
                              "WHERE user_id IS NULL",
                              5)) {
    ASSERT_TRUE(organisation_of.count(row[0])) << row[0];
    EXPECT_EQ(row[1].rfind(organisation_of.at(row[0]), 0), 0u) << row[1];
    EXPECT_FALSE(row[2].empty());
    EXPECT_NE(row[3].find(' '), std::string::npos) << row[3];
    EXPECT_FALSE(row[4].empty());
    domains.insert(row[0]);
  }
  EXPECT_EQ(domains.size(), organisation_of.size());
  // Every reference holds, and the connection checks them again afterwards.
  EXPECT_TRUE(rows(connection, "PRAGMA foreign_key_check", 4).empty());
  EXPECT_EQ(scalar(connection, "PRAGMA foreign_keys"), 1);
  // The referral's contact is someone the household knows.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM referrals x WHERE NOT EXISTS (SELECT 1 FROM involved i "
                   "WHERE i.household_id = x.household_id AND i.user_id = x.contact_id)"),
            0);
}

TEST(DemoCasework, ContactsAreWithFacesOfTheSameHousehold) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, casework_options(15, 2000, 6));
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM contacts c JOIN involved i ON i.id = c.involved_id "
                   "WHERE i.household_id <> c.household_id OR c.at < i.added_at"),
            0);
  const std::regex timestamp(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  const std::set<std::string> channels{"home_visit", "walk_in", "phone", "video", "letter", "email"};
  for (const auto& row : rows(connection,
                              "SELECT c.at, c.recorded_at, c.channel, c.with_whom, c.recorded_by, u.role, "
                              "(SELECT COUNT(*) FROM household_members m WHERE m.household_id = c.household_id "
                              "AND m.name LIKE c.with_whom || ' %') FROM contacts c "
                              "JOIN users u ON u.id = c.recorded_by",
                              7)) {
    ASSERT_TRUE(std::regex_match(row[0], timestamp)) << row[0];
    EXPECT_GE(row[0], "2024-11-27");
    EXPECT_LT(row[0], today);
    EXPECT_EQ(row[1], row[0]);
    EXPECT_TRUE(channels.count(row[2])) << row[2];
    if (!row[3].empty()) {
      EXPECT_NE(row[6], "0") << row[3];
    }
    EXPECT_EQ(row[5], "professional");
  }
  // Recorded by the professional met, or by the contact person for others.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM contacts c JOIN involved i ON i.id = c.involved_id "
                   "WHERE i.user_id IS NOT NULL AND c.recorded_by <> i.user_id"),
            0);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM involved i "
                   "WHERE i.household_id = c.household_id AND i.user_id = c.recorded_by)"),
            0);
}

TEST(DemoCasework, ContinuityVariesBetweenHouseholds) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, casework_options(16, 2000, 20));
  // Faces met in the 90 days before today, per household.
  const auto faces = rows(connection,
                          "SELECT household_id, COUNT(DISTINCT involved_id) FROM contacts "
                          "WHERE at >= '2026-08-29' GROUP BY household_id",
                          2);
  int one = 0;
  int many = 0;
  for (const auto& row : faces) {
    const int count = std::stoi(row[1]);
    one += count == 1;
    many += count > 3;
  }
  EXPECT_GT(one, static_cast<int>(faces.size()) / 3);
  EXPECT_GE(many, 5);
  // Some households had their fixed contact changed twice or more in the past year.
  EXPECT_GE(scalar(connection,
                   "SELECT COUNT(*) FROM (SELECT household_id FROM fixed_contact_changes WHERE kind <> 'assignment' "
                   "AND changed_at >= '2025-11-27' GROUP BY household_id HAVING COUNT(*) >= 2) x"),
            2);
}

TEST(DemoCasework, FixedContactChangesFormAChain) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, options(17));
  // One assignment per household with a fixed contact, and only for those.
  EXPECT_EQ(scalar(connection, "SELECT COUNT(*) FROM fixed_contact_changes WHERE kind = 'assignment'"),
            scalar(connection, "SELECT COUNT(*) FROM households WHERE fixed_contact_id IS NOT NULL"));
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM fixed_contact_changes c JOIN households h ON h.id = c.household_id "
                   "WHERE h.fixed_contact_id IS NULL"),
            0);
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM fixed_contact_changes WHERE kind = 'handover'"), 5);
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM fixed_contact_changes WHERE kind = 'resident_request'"), 1);
  const auto changes = rows(connection,
                            "SELECT c.household_id, c.kind, c.from_user_id, c.to_user_id, h.fixed_contact_id, "
                            "c.changed_at, c.reason, c.warm_handover_on, c.no_warm_reason FROM fixed_contact_changes c "
                            "JOIN households h ON h.id = c.household_id ORDER BY c.household_id, c.changed_at",
                            9);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& row = changes[i];
    const bool first = i == 0 || changes[i - 1][0] != row[0];
    const bool last = i + 1 == changes.size() || changes[i + 1][0] != row[0];
    EXPECT_EQ(row[1] == "assignment", first) << "household " << row[0];
    if (first) {
      EXPECT_EQ(row[2], "<null>");
    } else {
      EXPECT_EQ(row[2], changes[i - 1][3]) << "household " << row[0];
      EXPECT_NE(row[2], row[3]);
      EXPECT_FALSE(row[6].empty());
      EXPECT_TRUE((row[7] == "<null>") != row[8].empty()) << "warm handover or why not";
    }
    if (last) {
      EXPECT_EQ(row[3], row[4]) << "household " << row[0];
    }
    EXPECT_LT(row[5], today);
  }
  // Former fixed contacts stay visible as involved, no longer active.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM fixed_contact_changes c WHERE c.from_user_id IS NOT NULL AND NOT EXISTS "
                   "(SELECT 1 FROM involved i WHERE i.household_id = c.household_id AND i.user_id = c.from_user_id "
                   "AND i.active = 0)"),
            0);
}

TEST(DemoCasework, PlansAreWrittenWithTheResident) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, options(18));
  const std::int64_t fixed = scalar(connection, "SELECT COUNT(*) FROM households WHERE fixed_contact_id IS NOT NULL");
  const std::int64_t matters = scalar(connection, "SELECT COUNT(*) FROM what_matters");
  EXPECT_GT(matters, fixed * 35 / 100);
  EXPECT_LT(matters, fixed * 65 / 100);
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM what_matters WHERE confirmed_on IS NOT NULL"), matters / 2);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM what_matters WHERE words NOT LIKE 'Ik %' "
                   "OR confirmed_on < substr(recorded_at, 1, 10) OR confirmed_on >= '2026-11-27'"),
            0);
  // Plans only for households with a fixed contact.
  for (const char* table : {"what_matters", "goals", "actions"}) {
    EXPECT_EQ(scalar(connection, std::string("SELECT COUNT(*) FROM ") + table +
                                     " x JOIN households h ON h.id = x.household_id WHERE h.fixed_contact_id IS NULL"),
              0)
        << table;
  }
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM (SELECT household_id FROM goals GROUP BY household_id "
                   "HAVING COUNT(*) > 3) x"),
            0);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM (SELECT household_id FROM actions GROUP BY household_id "
                   "HAVING COUNT(*) > 4) x"),
            0);
  // Options: two or three per goal, exactly one chosen and it says why.
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM plan_options"), 50);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM (SELECT goal_id, COUNT(*) AS n, SUM(chosen) AS c, "
                   "SUM(CASE WHEN chosen = 1 AND why <> '' THEN 1 ELSE 0 END) AS w FROM plan_options "
                   "GROUP BY goal_id) x WHERE n NOT IN (2, 3) OR c <> 1 OR w <> 1"),
            0);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM plan_options o JOIN goals g ON g.id = o.goal_id "
                   "WHERE g.household_id <> o.household_id"),
            0);
  // Actions: someone of the household does each; some open ones are overdue.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM actions a JOIN involved i ON i.id = a.involved_id "
                   "WHERE i.household_id <> a.household_id"),
            0);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM actions a JOIN goals g ON g.id = a.goal_id "
                   "WHERE g.household_id <> a.household_id"),
            0);
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM actions WHERE status = 'open' AND due_on < '2026-11-27'"), 10);
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM actions WHERE status = 'open' AND due_on >= '2026-11-27'"), 10);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM actions WHERE due_on < substr(created_at, 1, 10) "
                   "OR created_at >= '2026-11-27'"),
            0);
  const std::set<std::string> domains{"wmo",     "youth",  "income", "debt",      "benefits",
                                      "housing", "health", "school", "community", "buurtteam"};
  for (const auto& row : rows(connection, "SELECT DISTINCT domain FROM actions", 1)) {
    EXPECT_TRUE(domains.count(row[0])) << row[0];
  }
}

TEST(DemoCasework, HouseholdsHaveALanguageAndAWayOfContact) {
  TempDatabase database;
  auto& connection = database.connection();
  generate_demo(connection, options(19));
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM households WHERE preferred_language = 'nl'"), 2000 * 70 / 100);
  EXPECT_GT(scalar(connection, "SELECT COUNT(*) FROM households WHERE preferred_language <> 'nl'"), 2000 * 5 / 100);
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM households WHERE contact_channel NOT IN "
                   "('phone', 'home_visit', 'walk_in')"),
            0);
  EXPECT_GT(scalar(connection, "SELECT COUNT(DISTINCT contact_channel) FROM households"), 2);
  // A household that came through the front door prefers the language it asked in.
  EXPECT_EQ(scalar(connection,
                   "SELECT COUNT(*) FROM households h JOIN referrals r ON r.id = (SELECT MIN(id) FROM referrals "
                   "WHERE household_id = h.id) WHERE r.language <> h.preferred_language"),
            0);
}

TEST(DemoCasework, SummariesMatchTheWritesOneByOne) {
  TempDatabase db;
  generate_demo(db.connection(), casework_options(21, 400, 6));
}

TEST(DemoCasework, OnPostgresTheSameTownWithItsForeignKeysAndIdentities) {
  const char* url = std::getenv("GEZICHT_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    const char* required = std::getenv("GEZICHT_REQUIRE_POSTGRES");
    if (required && std::string(required) == "1") FAIL() << "GEZICHT_TEST_POSTGRES_URL is not set";
    GTEST_SKIP() << "GEZICHT_TEST_POSTGRES_URL not set";
  }
  auto connection = storage::open_connection(url);
  storage::reset_schema(*connection);
  storage::apply_migrations(*connection);
  const std::string foreign_keys_sql =
      "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c "
      "ON c.oid = k.conrelid WHERE k.contype = 'f' ORDER BY 1, 2";
  const auto foreign_keys = rows(*connection, foreign_keys_sql, 3);
  EXPECT_GT(foreign_keys.size(), 20u);
  const DemoResult result = generate_demo(*connection, casework_options(20, 300, 4));
  // Loaded without per-row checks, the foreign keys are back as they were.
  EXPECT_EQ(rows(*connection, foreign_keys_sql, 3), foreign_keys);
  EXPECT_EQ(scalar(*connection, "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"), 0);
  EXPECT_EQ(scalar(*connection, "SELECT COUNT(*) FROM contacts"), 1200);
  EXPECT_EQ(result.contacts, 1200);
  // The same town as on SQLite.
  TempDatabase sqlite;
  generate_demo(sqlite.connection(), casework_options(20, 300, 4));
  EXPECT_EQ(casework_checksum(*connection), casework_checksum(sqlite.connection()));
  // A new row gets the next id, not one of the loaded ones.
  const std::int64_t household = scalar(*connection, "SELECT MIN(household_id) FROM involved");
  for (const char* table : {"household_members", "involved", "contacts", "goals", "fixed_contact_changes"}) {
    const std::int64_t highest = scalar(*connection, std::string("SELECT MAX(id) FROM ") + table);
    std::string insert;
    const std::string t(table);
    if (t == "household_members") {
      insert = "INSERT INTO household_members (household_id, name, kind, created_at) VALUES (" +
               std::to_string(household) + ", 'Nieuw Lid', 'adult', '2026-11-27T10:00:00Z') RETURNING id";
    } else if (t == "involved") {
      insert = "INSERT INTO involved (household_id, name, organisation, role, domain, added_at) VALUES (" +
               std::to_string(household) + ", 'Nieuw', 'Org', 'Rol', 'wmo', '2026-11-27T10:00:00Z') RETURNING id";
    } else if (t == "contacts") {
      insert =
          "INSERT INTO contacts (household_id, involved_id, at, channel, recorded_by, recorded_at) SELECT "
          "household_id, id, '2026-11-27T10:00:00Z', 'phone', 2, '2026-11-27T10:00:00Z' FROM involved WHERE "
          "household_id = " +
          std::to_string(household) + " ORDER BY id LIMIT 1 RETURNING id";
    } else if (t == "goals") {
      insert = "INSERT INTO goals (household_id, words, created_by, created_at) VALUES (" + std::to_string(household) +
               ", 'Doel', 2, '2026-11-27T10:00:00Z') RETURNING id";
    } else {
      insert = "INSERT INTO fixed_contact_changes (household_id, to_user_id, kind, changed_at) VALUES (" +
               std::to_string(household) + ", 2, 'handover', '2026-11-27T10:00:00Z') RETURNING id";
    }
    EXPECT_EQ(scalar(*connection, insert), highest + 1) << table;
  }
  storage::reset_schema(*connection);
}

}  // namespace
}  // namespace gezicht::demo
