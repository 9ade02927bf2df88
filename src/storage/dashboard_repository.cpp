#include "storage/dashboard_repository.hpp"

namespace gezicht::storage {
namespace {

// Contacts are read in slices of the primary key: PostgreSQL hands over a
// whole result at once, and twenty million rows would not fit comfortably.
constexpr std::int64_t contact_slice = 250000;

}  // namespace

std::unique_ptr<Statement> DashboardRepository::for_household(std::string sql, const std::string& column,
                                                              Household household, const std::string& order) {
  if (!household) return query(connection_, sql + " ORDER BY " + order);
  sql += sql.find(" WHERE ") == std::string::npos ? " WHERE " : " AND ";
  return query(connection_, sql + column + " = ? ORDER BY " + order, *household);
}

std::string DashboardRepository::change_watermark() {
  if (connection_.dialect() == Dialect::postgres) {
    // Transactions older than the snapshot's oldest running one are all finished.
    return query_single_text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
  }
  return query_single_text("SELECT CAST(COALESCE(MAX(version), 0) AS TEXT) FROM dashboard_changes");
}

std::string DashboardRepository::query_single_text(const std::string& sql) {
  auto rows = query(connection_, sql);
  if (!rows->step()) throw DatabaseError("no row: " + sql);
  return rows->text(0);
}

std::int64_t DashboardRepository::changes_built() {
  auto rows = query(connection_, "SELECT entity_id FROM dashboard_changes WHERE entity = 'built'");
  return rows->step() ? rows->int64(0) : 0;
}

DashboardChanges DashboardRepository::changes_since(const std::string& watermark) {
  DashboardChanges changes;
  changes.watermark = change_watermark();
  auto rows = connection_.dialect() == Dialect::postgres
                  ? query(connection_,
                          "SELECT entity, entity_id FROM dashboard_changes "
                          "WHERE changed_in >= CAST(? AS xid8) AND changed_in < CAST(? AS xid8) AND entity <> 'built'",
                          watermark, changes.watermark)
                  : query(connection_,
                          "SELECT entity, entity_id FROM dashboard_changes "
                          "WHERE version > CAST(? AS INTEGER) AND version <= CAST(? AS INTEGER) AND entity <> 'built'",
                          watermark, changes.watermark);
  while (rows->step()) {
    (rows->text(0) == "referral" ? changes.referrals : changes.households).push_back(rows->int64(1));
  }
  return changes;
}

void DashboardRepository::households(Household household, const Sink<DashboardHouseholdRow>& sink) {
  auto rows = for_household("SELECT id, COALESCE(fixed_contact_id, 0), postcode, preferred_language FROM households",
                            "id", household, "id");
  while (rows->step()) sink({rows->int64(0), rows->int64(1), rows->text(2), rows->text(3)});
}

void DashboardRepository::members(Household household, const Sink<DashboardMemberRow>& sink) {
  auto rows = for_household("SELECT household_id, kind = 'adult', birth_year FROM household_members", "household_id",
                            household, "household_id, id");
  while (rows->step()) {
    std::optional<int> year;
    if (!rows->is_null(2)) year = static_cast<int>(rows->int64(2));
    sink({rows->int64(0), rows->int64(1) != 0, year});
  }
}

void DashboardRepository::backgrounds(Household household, const Sink<DashboardBackgroundRow>& sink) {
  auto rows = for_household(
      "SELECT r.household_id, b.background FROM referral_backgrounds b JOIN referrals r ON r.id = b.referral_id "
      "WHERE r.household_id IS NOT NULL",
      "r.household_id", household, "r.id");
  while (rows->step()) sink({rows->int64(0), rows->text(1)});
}

void DashboardRepository::plans(Household household, const Sink<DashboardPlanRow>& sink) {
  auto rows = for_household(
      "SELECT w.household_id, w.confirmed_on IS NOT NULL FROM what_matters w "
      "WHERE w.id = (SELECT MAX(x.id) FROM what_matters x WHERE x.household_id = w.household_id)",
      "w.household_id", household, "w.household_id");
  while (rows->step()) sink({rows->int64(0), rows->int64(1) != 0});
}

void DashboardRepository::contacts(Household household, const Sink<DashboardContactRow>& sink) {
  if (household) {
    auto rows =
        query(connection_, "SELECT id, household_id, involved_id, at FROM contacts WHERE household_id = ? ORDER BY id",
              *household);
    while (rows->step()) sink({rows->int64(0), rows->int64(1), rows->int64(2), rows->text(3)});
    return;
  }
  std::int64_t after = 0;
  for (;;) {
    auto rows =
        query(connection_, "SELECT id, household_id, involved_id, at FROM contacts WHERE id > ? ORDER BY id LIMIT ?",
              after, contact_slice);
    std::int64_t read = 0;
    while (rows->step()) {
      after = rows->int64(0);
      ++read;
      sink({after, rows->int64(1), rows->int64(2), rows->text(3)});
    }
    if (read < contact_slice) return;
  }
}

void DashboardRepository::changes(Household household, const Sink<DashboardChangeRow>& sink) {
  auto rows = for_household(
      "SELECT household_id, from_user_id, warm_handover_on IS NOT NULL, changed_at FROM fixed_contact_changes "
      "WHERE kind <> 'assignment'",
      "household_id", household, "household_id, id");
  while (rows->step()) sink({rows->int64(0), rows->optional_int64(1), rows->int64(2) != 0, rows->text(3)});
}

void DashboardRepository::breakthroughs(Household household, const Sink<DashboardBreakthroughRow>& sink) {
  auto rows = for_household(
      "SELECT household_id, state, asked_at, decided_at, "
      "CASE WHEN state = 'executed' THEN COALESCE(actual_cents, granted_cents, 0) "
      "WHEN state = 'granted' THEN COALESCE(granted_cents, 0) ELSE 0 END FROM breakthroughs",
      "household_id", household, "household_id, id");
  while (rows->step()) sink({rows->int64(0), rows->text(1), rows->text(2), rows->optional_text(3), rows->int64(4)});
}

void DashboardRepository::another_contact_requests(Household household, const Sink<DashboardAnotherContactRow>& sink) {
  auto rows = for_household("SELECT household_id, asked_at FROM resident_requests WHERE kind = 'another_contact'",
                            "household_id", household, "household_id, id");
  while (rows->step()) sink({rows->int64(0), rows->text(1)});
}

void DashboardRepository::referrals(std::optional<std::int64_t> referral, const Sink<DashboardReferralRow>& sink) {
  auto rows = for_household(
      "SELECT r.id, r.household_id, r.team_id, r.contact_id, r.postcode, r.language, b.background, "
      "r.created_at, r.promised_by, r.first_contact_at, r.arrived_via FROM referrals r "
      "LEFT JOIN referral_backgrounds b ON b.referral_id = r.id",
      "r.id", referral, "r.id");
  while (rows->step()) {
    DashboardReferralRow row;
    row.id = rows->int64(0);
    row.household_id = rows->optional_int64(1);
    row.team_id = rows->int64(2);
    row.contact_id = rows->int64(3);
    row.postcode = rows->text(4);
    row.language = rows->text(5);
    row.background = rows->optional_text(6);
    row.created_at = rows->text(7);
    row.promised_by = rows->text(8);
    row.first_contact_at = rows->optional_text(9);
    row.arrived_via = rows->text(10);
    sink(std::move(row));
  }
}

std::vector<DashboardProfessionalRow> DashboardRepository::professionals() {
  auto rows = query(connection_,
                    "SELECT u.id, u.team_id, t.caseload_cap FROM users u JOIN teams t ON t.id = u.team_id "
                    "WHERE u.role = 'professional' AND u.active = 1 ORDER BY u.id");
  std::vector<DashboardProfessionalRow> list;
  while (rows->step()) list.push_back({rows->int64(0), rows->int64(1), static_cast<int>(rows->int64(2))});
  return list;
}

std::vector<PeriodOutreachRow> DashboardRepository::outreach(const std::string& from, const std::string& to,
                                                             const std::string& now) {
  auto rows = query(connection_,
                    "SELECT team_id, starts_at, ends_at, COALESCE(residents_met, 0) FROM outreach_activities "
                    "WHERE starts_at >= ? AND starts_at < ? AND starts_at <= ? ORDER BY id",
                    from, to, now);
  std::vector<PeriodOutreachRow> list;
  while (rows->step()) {
    list.push_back({rows->int64(0), rows->text(1), rows->text(2), static_cast<int>(rows->int64(3))});
  }
  return list;
}

std::vector<ExperienceRow> DashboardRepository::experience(const std::string& from_quarter,
                                                           const std::string& to_quarter) {
  auto rows = query(connection_,
                    "SELECT team_id, answers FROM experience_responses WHERE quarter >= ? AND quarter <= ? "
                    "ORDER BY id",
                    from_quarter, to_quarter);
  std::vector<ExperienceRow> list;
  while (rows->step()) list.push_back({rows->optional_int64(0), rows->text(1)});
  return list;
}

}  // namespace gezicht::storage
