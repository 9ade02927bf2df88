// The dashboard on both databases, against a plain computation: random
// municipalities are written straight into the base tables, and every
// figure the service shows for a split by neighbourhood is recomputed here
// by counting rows, with no code shared with domain/dashboard. Also: who
// may see which team, the mirror's own figures, and reads in the trail.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "fixture.hpp"
#include "service/audit_trail.hpp"
#include "service/dashboard_service.hpp"
#include "service/directory_service.hpp"
#include "service/errors.hpp"
#include "storage/audit_repository.hpp"
#include "storage/read_models.hpp"

namespace gezicht {
namespace {

// The period: September to November 2026 in Amsterdam; "now" is 4 December.
constexpr const char* period_from = "2026-09-01";
constexpr const char* period_to = "2026-11-30";
constexpr const char* start_utc = "2026-08-31T22:00:00Z";  // midnight in Amsterdam (summer time)
constexpr const char* end_utc = "2026-11-30T23:00:00Z";    // midnight after 30 November (winter time)

// Type 7 median of whole numbers.
double median(std::vector<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? static_cast<double>(values[n / 2])
                    : (static_cast<double>(values[n / 2 - 1]) + static_cast<double>(values[n / 2])) / 2.0;
}

struct Expected {
  std::int64_t n = 0;
  double value = 0;
};

class DashboardServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    town = testing::load_small_municipality(db(), "not-used-for-login");
    directory =
        std::make_unique<service::DirectoryService>([this] { return storage::open_connection(location()); }, clock);
    audit = std::make_unique<service::AuditTrail>(clock, service::AuditTrail::Options{});
    dashboard = std::make_unique<service::DashboardService>(clock, *audit, *directory);
  }
  void TearDown() override {
    dashboard.reset();
    audit.reset();
    directory.reset();
    BackendTest::TearDown();
  }

  service::Actor actor(std::int64_t id, domain::Role role, std::optional<std::int64_t> team) {
    service::Actor a;
    a.user_id = id;
    a.access_role = role;
    a.team_id = team;
    return a;
  }

  std::string at(int day_of_period, int hour) {
    // Days from 1 September, at `hour`:00 UTC (the same date in Amsterdam at noon).
    return domain::format_timestamp(*domain::parse_timestamp("2026-09-01T00:00:00Z") +
                                    std::int64_t{day_of_period} * 86400 + std::int64_t{hour} * 3600);
  }

  // A random municipality: households in both neighbourhoods with members,
  // faces, contacts, plans, requests, handovers and time in the neighbourhood.
  void generate(std::uint32_t seed, int households) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint32_t>(n)); };
    const std::int64_t professionals[] = {town.anna, town.bilal, town.chris, town.dana};
    const char* languages[] = {"nl", "ar", "tr", "en"};
    const char* routes[] = {"website", "phone", "walk_in", "outreach", "referred"};
    storage::Transaction transaction(db());
    std::int64_t next_id = 1000;
    for (int h = 0; h < households; ++h) {
      const std::int64_t id = ++next_id;
      const bool north = pick(3) != 0;
      const std::string postcode = std::string(north ? "25" : "26") + std::to_string(10 + pick(80)) + "AB";
      const std::int64_t contact = north ? professionals[pick(3)] : town.dana;
      storage::exec(db(),
                    "INSERT INTO households (id, postcode, house_number, fixed_contact_id, created_at, "
                    "preferred_language) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z', ?)",
                    id, postcode, std::to_string(h + 1), contact, std::string(languages[pick(4)]));
      const int adults = 1 + pick(2);
      for (int m = 0; m < adults + pick(3); ++m) {
        storage::exec(db(),
                      "INSERT INTO household_members (household_id, name, kind, birth_year, created_at) "
                      "VALUES (?, 'Lid', ?, ?, '2026-01-01T00:00:00Z')",
                      id, std::string(m < adults ? "adult" : "child"), std::int64_t{1940 + pick(70)});
      }
      // Faces: two to four involved people of whom contacts are made.
      std::vector<std::int64_t> faces;
      for (int f = 0; f < 2 + pick(3); ++f) {
        auto row = storage::query(db(),
                                  "INSERT INTO involved (household_id, name, organisation, role, domain, added_at) "
                                  "VALUES (?, ?, 'Org', 'Rol', 'wmo', '2026-01-01T00:00:00Z') RETURNING id",
                                  id, "Gezicht " + std::to_string(f));
        row->step();
        faces.push_back(row->int64(0));
      }
      const int contacts = pick(7);  // some households have none in the period
      for (int c = 0; c < contacts; ++c) {
        storage::exec(db(),
                      "INSERT INTO contacts (household_id, involved_id, at, channel, recorded_by, recorded_at) "
                      "VALUES (?, ?, ?, 'phone', ?, ?)",
                      id, faces[static_cast<std::size_t>(pick(static_cast<int>(faces.size())))], at(pick(90), 9 + c),
                      contact, at(0, 0));
      }
      // A contact just outside the period counts for nothing.
      storage::exec(db(),
                    "INSERT INTO contacts (household_id, involved_id, at, channel, recorded_by, recorded_at) "
                    "VALUES (?, ?, '2026-08-31T12:00:00Z', 'phone', ?, '2026-08-31T12:00:00Z')",
                    id, faces[0], contact);
      if (pick(2) == 0) {
        storage::exec(db(),
                      "INSERT INTO what_matters (household_id, words, recorded_by, recorded_at, confirmed_on) "
                      "VALUES (?, 'Rust', ?, '2026-02-01T00:00:00Z', ?)",
                      id, contact, pick(2) == 0 ? storage::Value(std::string("2026-02-02")) : storage::Value(nullptr));
      }
      if (pick(4) == 0) {
        storage::exec(db(),
                      "INSERT INTO fixed_contact_changes (household_id, from_user_id, to_user_id, kind, "
                      "warm_handover_on, changed_at) VALUES (?, ?, ?, 'handover', ?, ?)",
                      id, contact, contact,
                      pick(2) == 0 ? storage::Value(std::string("2026-10-01")) : storage::Value(nullptr),
                      at(pick(90), 8));
      }
      // A request in the period, perhaps contacted, perhaps not yet.
      const int day = pick(85);
      const bool contacted = pick(5) != 0;
      storage::exec(
          db(),
          "INSERT INTO referrals (reference, household_id, team_id, contact_id, name, postcode, house_number, "
          "question, language, channel, assignment_reason, created_at, promised_by, first_contact_at, "
          "first_contact_channel, arrived_via) VALUES (?, ?, ?, ?, 'X', ?, ?, 'Vraag', 'nl', 'phone', "
          "'lowest_caseload', ?, ?, ?, ?, ?)",
          "GZ-" + std::to_string(id), id, north ? town.team_a : town.team_b, contact, postcode, std::to_string(h + 1),
          at(day, 10),
          domain::format_date(
              domain::date_from_days(domain::days_since_epoch(*domain::parse_date("2026-09-01")) + day + 3)),
          contacted ? storage::Value(at(day + pick(7), 12)) : storage::Value(nullptr),
          contacted ? storage::Value(std::string("phone")) : storage::Value(nullptr), std::string(routes[pick(5)]));
    }
    for (int o = 0; o < 12; ++o) {
      storage::exec(
          db(),
          "INSERT INTO outreach_activities (team_id, user_id, kind, place, starts_at, ends_at, residents_met, "
          "recorded_at) VALUES (?, ?, 'walk_in', 'Buurthuis', ?, ?, ?, ?)",
          o % 2 == 0 ? town.team_a : town.team_b, o % 2 == 0 ? town.anna : town.dana, at(o * 7, 9), at(o * 7, 11),
          std::int64_t{o}, at(0, 0));
    }
    transaction.commit();
  }

  // Plain computations, per neighbourhood ("Noord", "Zuid") and "all".
  std::map<std::string, Expected> promise_kept() {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts;
    auto rows = storage::query(db(),
                               "SELECT postcode, first_contact_at, promised_by FROM referrals "
                               "WHERE created_at >= ? AND created_at < ?",
                               std::string(start_utc), std::string(end_utc));
    while (rows->step()) {
      const auto first = rows->optional_text(1);
      const auto promised = rows->text(2);
      if (!first && promised >= "2026-12-04") continue;  // not due yet
      const bool kept = first && first->substr(0, 10) <= promised;
      for (const auto& group : {neighbourhood(rows->text(0)), std::string("all")}) {
        ++counts[group].first;
        if (kept) ++counts[group].second;
      }
    }
    std::map<std::string, Expected> expected;
    for (const auto& [group, c] : counts) {
      expected[group] = {c.first, static_cast<double>(c.second) / static_cast<double>(c.first)};
    }
    return expected;
  }

  std::map<std::string, Expected> distinct_faces_and(std::map<std::string, Expected>& confirmed) {
    std::map<std::int64_t, std::set<std::int64_t>> faces;
    auto rows = storage::query(db(), "SELECT household_id, involved_id FROM contacts WHERE at >= ? AND at < ?",
                               std::string(start_utc), std::string(end_utc));
    while (rows->step()) faces[rows->int64(0)].insert(rows->int64(1));
    std::map<std::string, std::vector<std::int64_t>> values;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> plans;
    for (const auto& [household, set] : faces) {
      auto info = storage::query(db(),
                                 "SELECT h.postcode, (SELECT w.confirmed_on FROM what_matters w WHERE w.household_id = "
                                 "h.id ORDER BY w.id DESC LIMIT 1) FROM households h WHERE h.id = ?",
                                 household);
      info->step();
      const bool plan = !info->is_null(1);
      for (const auto& group : {neighbourhood(info->text(0)), std::string("all")}) {
        values[group].push_back(static_cast<std::int64_t>(set.size()));
        ++plans[group].first;
        if (plan) ++plans[group].second;
      }
    }
    std::map<std::string, Expected> expected;
    for (const auto& [group, list] : values) expected[group] = {static_cast<std::int64_t>(list.size()), median(list)};
    for (const auto& [group, c] : plans) {
      confirmed[group] = {c.first, static_cast<double>(c.second) / static_cast<double>(c.first)};
    }
    return expected;
  }

  static std::string neighbourhood(const std::string& postcode) { return postcode < "2600" ? "Noord" : "Zuid"; }

  // Every shown cell agrees with the plain computation; every group there is
  // appears, and is shown when it and the rule allow.
  void expect_figure(const service::DashboardView& view, const std::string& metric,
                     const std::map<std::string, Expected>& expected) {
    const domain::DashboardFigure* figure = nullptr;
    for (const auto& f : view.dashboard.figures) {
      if (f.metric == metric) figure = &f;
    }
    ASSERT_NE(figure, nullptr) << metric;
    auto check = [&](const domain::EquityCell& cell, const std::string& group) {
      const auto found = expected.find(group);
      ASSERT_NE(found, expected.end()) << metric << " " << group;
      if (found->second.n < view.settings.min_group) EXPECT_TRUE(cell.suppressed) << metric << " " << group;
      if (cell.suppressed) return;
      EXPECT_EQ(cell.n, found->second.n) << metric << " " << group;
      EXPECT_NEAR(cell.value, found->second.value, 1e-9) << metric << " " << group;
      EXPECT_LE(cell.ci_low, cell.value + 1e-12);
      EXPECT_GE(cell.ci_high, cell.value - 1e-12);
    };
    check(figure->figure.whole, "all");
    std::set<std::string> groups;
    for (const auto& cell : figure->figure.groups) {
      check(cell, cell.group);
      groups.insert(cell.group);
    }
    for (const auto& [group, e] : expected) {
      if (group != "all") EXPECT_TRUE(groups.contains(group)) << metric << " lacks " << group;
    }
  }

  testing::SmallMunicipality town;
  service::ManualClock clock{*domain::parse_timestamp("2026-12-04T15:00:00Z")};
  std::unique_ptr<service::DirectoryService> directory;
  std::unique_ptr<service::AuditTrail> audit;
  std::unique_ptr<service::DashboardService> dashboard;
};

TEST_P(DashboardServiceTest, EveryFigureAgreesWithAPlainCountOfTheBaseTables) {
  const service::Actor policy = actor(90, domain::Role::policy, std::nullopt);
  for (std::uint32_t seed : {1U, 2U, 3U}) {
    if (seed > 1) {
      for (const char* table : {"contacts", "involved", "household_members", "what_matters", "fixed_contact_changes",
                                "referrals", "outreach_activities", "households"}) {
        storage::exec(db(), std::string("DELETE FROM ") + table);
      }
    }
    generate(seed, 40 + static_cast<int>(seed) * 25);
    const auto view = dashboard->dashboard(db(), policy, {period_from, period_to, "", "neighbourhood"});
    EXPECT_EQ(view.dashboard.split, domain::Split::neighbourhood);
    expect_figure(view, "promise_kept", promise_kept());
    std::map<std::string, Expected> confirmed;
    expect_figure(view, "distinct_faces", distinct_faces_and(confirmed));
    expect_figure(view, "plan_confirmed", confirmed);
    // Time in the neighbourhood: 12 times 2 hours, all held before now.
    for (const auto& f : view.dashboard.figures) {
      if (f.metric == "outreach_hours") EXPECT_DOUBLE_EQ(f.figure.whole.value, 24.0);
      if (f.metric == "outreach_residents_met") EXPECT_DOUBLE_EQ(f.figure.whole.value, 66.0);
    }
  }
}

// Two dashboards are the same figure for figure, cell for cell.
void expect_same(const domain::Dashboard& a, const domain::Dashboard& b) {
  ASSERT_EQ(a.figures.size(), b.figures.size());
  for (std::size_t i = 0; i < a.figures.size(); ++i) {
    const auto& x = a.figures[i].figure;
    const auto& y = b.figures[i].figure;
    const auto& metric = a.figures[i].metric;
    ASSERT_EQ(metric, b.figures[i].metric);
    ASSERT_EQ(x.groups.size(), y.groups.size()) << metric;
    auto same = [&](const domain::EquityCell& c, const domain::EquityCell& d) {
      EXPECT_EQ(c.group, d.group) << metric;
      EXPECT_EQ(c.suppressed, d.suppressed) << metric << " " << c.group;
      EXPECT_EQ(c.n, d.n) << metric << " " << c.group;
      EXPECT_EQ(c.value, d.value) << metric << " " << c.group;
      EXPECT_EQ(c.ci_low, d.ci_low) << metric << " " << c.group;
      EXPECT_EQ(c.ci_high, d.ci_high) << metric << " " << c.group;
      EXPECT_EQ(c.flag, d.flag) << metric << " " << c.group;
    };
    same(x.whole, y.whole);
    for (std::size_t g = 0; g < x.groups.size(); ++g) same(x.groups[g], y.groups[g]);
  }
}

TEST_P(DashboardServiceTest, TheCopyInMemoryFollowsEveryChangeWhoeverMakesIt) {
  const service::Actor policy = actor(90, domain::Role::policy, std::nullopt);
  const service::DashboardQuery query{period_from, period_to, "", "neighbourhood"};
  generate(5, 80);
  const auto before = dashboard->dashboard(db(), policy, query);  // loads the copy
  EXPECT_GT(dashboard->store_size().contacts, 0);

  // Changes straight in the tables, as another server, the CLI or a hand-made fix would make them.
  const auto scalar = [&](const std::string& sql) {
    auto row = storage::query(db(), sql);
    row->step();
    return row->int64(0);
  };
  const auto first = scalar("SELECT MIN(id) FROM households");
  const auto second = scalar("SELECT MIN(id) FROM households WHERE id > " + std::to_string(first));
  const auto moved = scalar("SELECT MAX(id) FROM households");
  storage::exec(db(),
                "INSERT INTO contacts (household_id, involved_id, at, channel, recorded_by, recorded_at) "
                "SELECT household_id, MAX(id), ?, 'phone', ?, ? FROM involved WHERE household_id = ? "
                "GROUP BY household_id",
                at(40, 9), town.anna, at(40, 9), second);
  storage::exec(db(), "UPDATE what_matters SET confirmed_on = '2026-10-01' WHERE confirmed_on IS NULL");
  storage::exec(db(),
                "UPDATE households SET postcode = CASE WHEN postcode < '2600' THEN '2650AB' ELSE '2550AB' END "
                "WHERE id = ?",
                moved);
  storage::exec(db(), "UPDATE referrals SET first_contact_at = NULL WHERE household_id = ?", second);
  for (const char* table :
       {"contacts", "involved", "household_members", "what_matters", "fixed_contact_changes", "referrals"}) {
    storage::exec(db(), std::string("DELETE FROM ") + table + " WHERE household_id = ?", first);
  }
  storage::exec(db(), "DELETE FROM households WHERE id = ?", first);
  storage::exec(db(),
                "INSERT INTO referrals (reference, team_id, contact_id, name, postcode, house_number, question, "
                "language, channel, assignment_reason, created_at, promised_by, arrived_via) VALUES ('GZ-NEW', ?, ?, "
                "'X', '2520AB', '1', 'Vraag', 'ar', 'phone', 'lowest_caseload', ?, '2026-10-20', 'walk_in')",
                town.team_a, town.anna, at(45, 10));
  // Another fixed contact, handed over in the period: the caseloads and the handovers follow.
  storage::exec(db(), "UPDATE households SET fixed_contact_id = ? WHERE id = ?", town.bilal, second);
  storage::exec(db(),
                "INSERT INTO fixed_contact_changes (household_id, from_user_id, to_user_id, kind, warm_handover_on, "
                "changed_at) SELECT id, ?, ?, 'handover', '2026-10-02', ? FROM households WHERE id = ?",
                town.anna, town.bilal, at(41, 9), second);
  // A household new since, with a contact in the period.
  storage::exec(db(),
                "INSERT INTO households (id, postcode, house_number, fixed_contact_id, created_at, preferred_language) "
                "VALUES (9001, '2530AB', '7', ?, '2026-10-01T00:00:00Z', 'pl')",
                town.chris);
  storage::exec(db(),
                "INSERT INTO involved (household_id, name, organisation, role, domain, added_at) "
                "VALUES (9001, 'Gezicht', 'Org', 'Rol', 'wmo', '2026-10-01T00:00:00Z')");
  storage::exec(db(),
                "INSERT INTO contacts (household_id, involved_id, at, channel, recorded_by, recorded_at) "
                "SELECT household_id, id, ?, 'phone', ?, ? FROM involved WHERE household_id = 9001",
                at(50, 9), town.chris, at(50, 9));

  const auto after = dashboard->dashboard(db(), policy, query);  // reads only what changed
  expect_figure(after, "promise_kept", promise_kept());
  std::map<std::string, Expected> confirmed;
  expect_figure(after, "distinct_faces", distinct_faces_and(confirmed));
  expect_figure(after, "plan_confirmed", confirmed);
  // Every plan confirmed now: the figure rose.
  const auto confirmed_share = [](const service::DashboardView& view) {
    for (const auto& f : view.dashboard.figures) {
      if (f.metric == "plan_confirmed") return f.figure.whole.value;
    }
    return -1.0;
  };
  EXPECT_GT(confirmed_share(after), confirmed_share(before));

  // A copy loaded afresh agrees cell for cell with the one brought up to date,
  // which scanned only the households changed since the same period's last read.
  service::DashboardService fresh(clock, *audit, *directory);
  expect_same(after.dashboard, fresh.dashboard(db(), policy, query).dashboard);
  // Once more on top of that: the household handed back, requests contacted (one without a household),
  // the new household gone.
  storage::exec(db(), "UPDATE households SET fixed_contact_id = ? WHERE id = ?", town.anna, second);
  storage::exec(db(), "UPDATE referrals SET first_contact_at = ? WHERE household_id = ?", at(42, 9), second);
  storage::exec(db(), "UPDATE referrals SET first_contact_at = ? WHERE reference = 'GZ-NEW'", at(46, 9));
  storage::exec(db(), "DELETE FROM contacts WHERE household_id = 9001");
  storage::exec(db(), "DELETE FROM involved WHERE household_id = 9001");
  storage::exec(db(), "DELETE FROM households WHERE id = 9001");
  expect_same(dashboard->dashboard(db(), policy, query).dashboard,
              service::DashboardService(clock, *audit, *directory).dashboard(db(), policy, query).dashboard);
  // The read model rebuilt (a migration): the copy notices and loads all again.
  {
    storage::Transaction transaction(db());
    storage::drop_read_models(db());
    storage::build_read_models(db());
    transaction.commit();
  }
  storage::exec(db(), "UPDATE what_matters SET confirmed_on = NULL");
  const auto rebuilt = dashboard->dashboard(db(), policy, query);
  EXPECT_DOUBLE_EQ(confirmed_share(rebuilt), 0.0);
  expect_same(rebuilt.dashboard,
              service::DashboardService(clock, *audit, *directory).dashboard(db(), policy, query).dashboard);
}

// PostgreSQL: a transaction that began before another one may commit after
// it. The copy must not step over the first one's change when it has read the second's.
TEST_P(DashboardServiceTest, AChangeCommittedAfterALaterOneIsStillRead) {
  const service::Actor policy = actor(90, domain::Role::policy, std::nullopt);
  const service::DashboardQuery query{period_from, period_to, "", "neighbourhood"};
  generate(9, 60);
  dashboard->dashboard(db(), policy, query);  // loads the copy
  auto other = storage::open_connection(location());
  storage::Transaction slow(*other);
  // One household's plan (its row stays locked until the commit, as every write to a household locks it).
  storage::exec(*other,
                "UPDATE what_matters SET confirmed_on = '2026-10-01' WHERE household_id = (SELECT MIN(household_id) "
                "FROM what_matters WHERE confirmed_on IS NULL)");
  if (GetParam() == "postgres") {
    // Begun later, committed first (SQLite lets one writer at a time).
    storage::exec(db(), "UPDATE households SET preferred_language = 'pl' WHERE id = (SELECT MAX(id) FROM households)");
  }
  std::map<std::string, Expected> confirmed;
  dashboard->dashboard(db(), policy, query);
  slow.commit();
  const auto after = dashboard->dashboard(db(), policy, query);
  distinct_faces_and(confirmed);
  expect_figure(after, "plan_confirmed", confirmed);
  service::DashboardService fresh(clock, *audit, *directory);
  expect_same(after.dashboard, fresh.dashboard(db(), policy, query).dashboard);
}

TEST_P(DashboardServiceTest, ATeamLeadSeesTheirTeamPolicyStaffChooseAndTheMirrorIsOnesOwn) {
  generate(7, 60);
  const auto lead = actor(town.lead_a, domain::Role::teamlead, town.team_a);
  const auto own = dashboard->dashboard(db(), lead, {period_from, period_to, "", ""});
  ASSERT_TRUE(own.team);
  EXPECT_EQ(own.team->id, town.team_a);
  EXPECT_FALSE(own.may_see_all);
  EXPECT_THROW(dashboard->dashboard(db(), lead, {period_from, period_to, std::to_string(town.team_b), ""}),
               service::Forbidden);
  EXPECT_EQ(testing::invalid_field([&] {
              dashboard->dashboard(db(), lead, {period_from, period_to, "", "nationality"});
            }),
            "split");
  EXPECT_EQ(testing::invalid_field([&] {
              dashboard->dashboard(db(), lead, {"2026-12-01", "2026-11-01", "", ""});
            }),
            "to");

  // The mirror: only the requests given to anna, beside team A's.
  const auto anna = actor(town.anna, domain::Role::professional, town.team_a);
  const auto mirror = dashboard->mirror(db(), anna, period_from, period_to);
  std::int64_t own_n = 0;
  std::int64_t team_n = 0;
  for (const auto& f : mirror.own.figures) {
    if (f.metric == "arrived_website") own_n = f.figure.whole.n;
  }
  for (const auto& f : mirror.team.figures) {
    if (f.metric == "arrived_website") team_n = f.figure.whole.n;
  }
  const auto anna_referrals = testing::count_rows(
      db(), "referrals WHERE contact_id = " + std::to_string(town.anna) + " AND created_at >= '" + start_utc + "'");
  if (anna_referrals >= 10) EXPECT_EQ(own_n, anna_referrals);
  EXPECT_GE(team_n, own_n);

  audit->flush(db());
  EXPECT_GE(testing::count_rows(db(), "audit_log WHERE part = 'dashboard' AND purpose = 'dashboard_team:" +
                                          std::to_string(town.team_a) + "'"),
            1);
  EXPECT_EQ(
      testing::count_rows(db(), "audit_log WHERE part = 'mirror' AND purpose = 'own_mirror' AND actor_user_id = " +
                                    std::to_string(town.anna)),
      1);
}

GEZICHT_ON_BOTH_BACKENDS(DashboardServiceTest);

}  // namespace
}  // namespace gezicht
