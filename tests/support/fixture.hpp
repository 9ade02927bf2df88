#pragma once
// A small municipality for the storage and service tests: two teams, each
// with its own neighbourhood and people, made through plain SQL so that the
// tests do not depend on the demo generator.

#include <functional>
#include <string>

#include "domain/validation_error.hpp"
#include "service/referral_service.hpp"
#include "storage/database.hpp"

namespace gezicht::testing {

// A resident asking at the front door, as the web layer passes them on.
// Rows in a table (with a condition: "users WHERE role = 'resident'").
inline std::int64_t count_rows(storage::Connection& db, const std::string& table_and_condition) {
  auto row = storage::query(db, "SELECT COUNT(*) FROM " + table_and_condition);
  row->step();
  return row->int64(0);
}

// The first field a ValidationError names ("field:message_key" with
// with_key), or "no error" when the action passes.
inline std::string invalid_field(const std::function<void()>& action, bool with_key = false) {
  try {
    action();
  } catch (const domain::ValidationError& error) {
    const auto& first = error.errors().front();
    return with_key ? first.field + ":" + first.message_key : first.field;
  }
  return "no error";
}

inline service::Actor requester() { return service::anonymous_requester("127.0.0.1", "POST /api/v1/referrals"); }

struct SmallMunicipality {
  std::int64_t team_a = 1, team_b = 2;
  // Team A (postcodes 2500AA-2599ZZ), caseload cap 2.
  std::int64_t anna = 10;   // speaks nl
  std::int64_t bilal = 11;  // speaks nl, ar
  std::int64_t chris = 12;  // speaks nl, en
  std::int64_t lead_a = 13;
  // Team B (postcodes 2600AA-2699ZZ).
  std::int64_t dana = 20;
  std::int64_t lead_b = 21;
  static constexpr const char* password = "correct horse battery";
};

// password_hash: the hash stored for every account (of SmallMunicipality::password).
inline SmallMunicipality load_small_municipality(storage::Connection& db, const std::string& password_hash) {
  SmallMunicipality m;
  storage::Transaction transaction(db);
  storage::exec(db,
                "INSERT INTO settings (key, value) VALUES ('municipality_name', 'Gemeente Proef'), "
                "('municipality_phone', '14 0999'), ('promise_working_days', '3'), "
                "('two_factor_required', '0')");  // tests of two-factor login switch it on
  storage::exec(db,
                "INSERT INTO teams (id, name, phone, email, caseload_cap) VALUES "
                "(1, 'Buurtteam Noord', '010 111 2233', 'noord@proef.nl', 2), "
                "(2, 'Buurtteam Zuid', '010 444 5566', 'zuid@proef.nl', 60)");
  storage::exec(db, "INSERT INTO neighbourhoods (id, name, team_id) VALUES (1, 'Noord', 1), (2, 'Zuid', 2)");
  storage::exec(db,
                "INSERT INTO postcode_ranges (neighbourhood_id, postcode_from, postcode_to) VALUES "
                "(1, '2500AA', '2599ZZ'), (2, '2600AA', '2699ZZ')");
  storage::exec(db,
                "INSERT INTO walk_in_hours (team_id, weekday, opens, closes, place, address) VALUES "
                "(1, 2, '09:00', '12:00', 'Wijkcentrum Noord', 'Dorpsstraat 1')");
  const char* insert_user =
      "INSERT INTO users (id, username, password_hash, name, role, team_id, phone, job_title, languages, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, '06 1234 5678', 'Sociaal werker', ?, '2026-01-01T00:00:00Z')";
  auto add = [&](std::int64_t id, const char* username, const char* name, const char* role, std::int64_t team,
                 const char* languages) {
    storage::exec(db, insert_user, id, std::string(username), password_hash, std::string(name), std::string(role), team,
                  std::string(languages));
  };
  add(m.anna, "anna", "Anna de Boer", "professional", m.team_a, "nl");
  add(m.bilal, "bilal", "Bilal Haddou", "professional", m.team_a, "nl,ar");
  add(m.chris, "chris", "Chris Jansen", "professional", m.team_a, "nl,en");
  add(m.lead_a, "lead.a", "Lotte Visser", "teamlead", m.team_a, "nl");
  add(m.dana, "dana", "Dana Kok", "professional", m.team_b, "nl");
  add(m.lead_b, "lead.b", "Bas Smit", "teamlead", m.team_b, "nl");
  if (db.dialect() == storage::Dialect::postgres) {
    for (const char* table : {"teams", "neighbourhoods", "users"}) {
      storage::query(db, std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'id'), 100)")->step();
    }
  }
  transaction.commit();
  return m;
}

}  // namespace gezicht::testing
