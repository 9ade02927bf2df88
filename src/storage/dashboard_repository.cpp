#include "storage/dashboard_repository.hpp"

#include <unordered_set>

namespace gezicht::storage {

std::vector<PeriodContactRow> DashboardRepository::contacts(const std::string& from, const std::string& to) {
  auto rows = query(connection_,
                    "SELECT household_id, involved_id, at FROM contacts WHERE at >= ? AND at < ? "
                    "ORDER BY household_id, at, id",
                    from, to);
  std::vector<PeriodContactRow> list;
  while (rows->step()) list.push_back({rows->int64(0), rows->int64(1), rows->text(2)});
  return list;
}

std::vector<PeriodReferralRow> DashboardRepository::referrals(const std::string& from, const std::string& to) {
  auto rows = query(connection_,
                    "SELECT r.household_id, r.team_id, r.contact_id, r.postcode, r.language, b.background, "
                    "r.created_at, r.promised_by, r.first_contact_at, r.arrived_via FROM referrals r "
                    "LEFT JOIN referral_backgrounds b ON b.referral_id = r.id "
                    "WHERE r.created_at >= ? AND r.created_at < ? ORDER BY r.id",
                    from, to);
  std::vector<PeriodReferralRow> list;
  while (rows->step()) {
    PeriodReferralRow row;
    row.household_id = rows->optional_int64(0);
    row.team_id = rows->int64(1);
    row.contact_id = rows->int64(2);
    row.postcode = rows->text(3);
    row.language = rows->text(4);
    row.background = rows->optional_text(5);
    row.created_at = rows->text(6);
    row.promised_by = rows->text(7);
    row.first_contact_at = rows->optional_text(8);
    row.arrived_via = rows->text(9);
    list.push_back(std::move(row));
  }
  return list;
}

std::vector<PeriodChangeRow> DashboardRepository::changes(const std::string& from, const std::string& to) {
  auto rows = query(connection_,
                    "SELECT household_id, from_user_id, kind, warm_handover_on IS NOT NULL, changed_at "
                    "FROM fixed_contact_changes WHERE kind <> 'assignment' AND changed_at >= ? AND changed_at < ? "
                    "ORDER BY id",
                    from, to);
  std::vector<PeriodChangeRow> list;
  while (rows->step()) {
    list.push_back({rows->int64(0), rows->optional_int64(1), rows->text(2), rows->int64(3) != 0, rows->text(4)});
  }
  return list;
}

std::vector<PeriodBreakthroughRow> DashboardRepository::breakthroughs(const std::string& from, const std::string& to) {
  auto rows = query(connection_,
                    "SELECT household_id, state, asked_at, decided_at, "
                    "CASE WHEN state = 'executed' THEN COALESCE(actual_cents, granted_cents, 0) "
                    "WHEN state = 'granted' THEN COALESCE(granted_cents, 0) ELSE 0 END "
                    "FROM breakthroughs WHERE asked_at >= ? AND asked_at < ? ORDER BY id",
                    from, to);
  std::vector<PeriodBreakthroughRow> list;
  while (rows->step()) {
    list.push_back({rows->int64(0), rows->text(1), rows->text(2), rows->optional_text(3), rows->int64(4)});
  }
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

std::vector<std::int64_t> DashboardRepository::asked_another_contact(const std::string& from, const std::string& to) {
  auto rows = query(connection_,
                    "SELECT DISTINCT household_id FROM resident_requests "
                    "WHERE kind = 'another_contact' AND asked_at >= ? AND asked_at < ? ORDER BY household_id",
                    from, to);
  std::vector<std::int64_t> list;
  while (rows->step()) list.push_back(rows->int64(0));
  return list;
}

std::vector<PeriodCaseloadRow> DashboardRepository::caseloads() {
  // Counted as the assignment counts them (DirectoryRepository::assignment_candidates).
  auto rows = query(connection_,
                    "SELECT u.id, u.team_id, (SELECT COUNT(*) FROM households h WHERE h.fixed_contact_id = u.id), "
                    "t.caseload_cap FROM users u JOIN teams t ON t.id = u.team_id "
                    "WHERE u.role = 'professional' AND u.active = 1 ORDER BY u.id");
  std::vector<PeriodCaseloadRow> list;
  while (rows->step()) {
    list.push_back(
        {rows->int64(0), rows->int64(1), static_cast<int>(rows->int64(2)), static_cast<int>(rows->int64(3))});
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

std::map<std::int64_t, HouseholdGroupRow> DashboardRepository::household_groups(
    const std::vector<std::int64_t>& household_ids) {
  const std::unordered_set<std::int64_t> wanted(household_ids.begin(), household_ids.end());
  std::map<std::int64_t, HouseholdGroupRow> groups;
  auto households =
      query(connection_, "SELECT id, postcode, preferred_language, COALESCE(fixed_contact_id, 0) FROM households");
  while (households->step()) {
    if (!wanted.contains(households->int64(0))) continue;
    auto& row = groups[households->int64(0)];
    row.postcode = households->text(1);
    row.preferred_language = households->text(2);
    row.fixed_contact_id = households->int64(3);
  }
  auto members =
      query(connection_, "SELECT household_id, kind, birth_year FROM household_members ORDER BY household_id, id");
  while (members->step()) {
    auto found = groups.find(members->int64(0));
    if (found == groups.end()) continue;
    auto& row = found->second;
    if (members->text(1) == "adult") {
      // The first adult is the one who asked, as the record names the household.
      if (row.adults++ == 0 && !members->is_null(2)) row.first_adult_birth_year = static_cast<int>(members->int64(2));
    } else {
      ++row.children;
    }
  }
  // The newest answer of the household's requests.
  auto backgrounds = query(connection_,
                           "SELECT r.household_id, b.background FROM referral_backgrounds b "
                           "JOIN referrals r ON r.id = b.referral_id WHERE r.household_id IS NOT NULL ORDER BY r.id");
  while (backgrounds->step()) {
    auto found = groups.find(backgrounds->int64(0));
    if (found != groups.end()) found->second.background = backgrounds->text(1);
  }
  auto plans = query(connection_,
                     "SELECT w.household_id, w.confirmed_on IS NOT NULL FROM what_matters w "
                     "WHERE w.id = (SELECT MAX(x.id) FROM what_matters x WHERE x.household_id = w.household_id)");
  while (plans->step()) {
    auto found = groups.find(plans->int64(0));
    if (found != groups.end()) found->second.plan_confirmed = plans->int64(1) != 0;
  }
  return groups;
}

}  // namespace gezicht::storage
