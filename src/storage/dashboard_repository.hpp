#pragma once
// The dashboard's reads: a period's rows from the base tables, without a
// name, an address beyond the postcode, or a word anyone wrote. The
// service turns them into domain::DashboardFacts.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

// What groups a household: where, which language, who lives there, and
// what its residents chose to say about their background (newest answer).
struct HouseholdGroupRow {
  std::int64_t fixed_contact_id = 0;  // 0: none
  std::string postcode;
  std::string preferred_language;
  std::optional<int> first_adult_birth_year;
  int adults = 0;
  int children = 0;
  std::optional<std::string> background;
  bool plan_confirmed = false;
};

struct PeriodContactRow {
  std::int64_t household_id = 0;
  std::int64_t involved_id = 0;
  std::string at;
};

struct PeriodReferralRow {
  std::optional<std::int64_t> household_id;
  std::int64_t team_id = 0;
  std::int64_t contact_id = 0;
  std::string postcode;
  std::string language;
  std::optional<std::string> background;
  std::string created_at;
  std::string promised_by;
  std::optional<std::string> first_contact_at;
  std::string arrived_via;
};

struct PeriodChangeRow {
  std::int64_t household_id = 0;
  std::optional<std::int64_t> from_user_id;
  std::string kind;
  bool warm = false;
  std::string changed_at;
};

struct PeriodBreakthroughRow {
  std::int64_t household_id = 0;
  std::string state;
  std::string asked_at;
  std::optional<std::string> decided_at;
  std::int64_t spend_cents = 0;
};

struct PeriodOutreachRow {
  std::int64_t team_id = 0;
  std::string starts_at;
  std::string ends_at;
  int residents_met = 0;
};

struct PeriodCaseloadRow {
  std::int64_t user_id = 0;
  std::int64_t team_id = 0;
  int households = 0;
  int cap = 0;
};

struct ExperienceRow {
  std::optional<std::int64_t> team_id;
  std::string answers;  // statement=agreement, comma-separated
};

class DashboardRepository {
 public:
  explicit DashboardRepository(Connection& connection) : connection_(connection) {}

  // [from, to) as UTC timestamps. Contacts ordered by household, then time.
  std::vector<PeriodContactRow> contacts(const std::string& from, const std::string& to);
  std::vector<PeriodReferralRow> referrals(const std::string& from, const std::string& to);
  // Changes of fixed contact other than the first assignment.
  std::vector<PeriodChangeRow> changes(const std::string& from, const std::string& to);
  std::vector<PeriodBreakthroughRow> breakthroughs(const std::string& from, const std::string& to);
  // Time in the neighbourhood that began in [from, to) and before `now`.
  std::vector<PeriodOutreachRow> outreach(const std::string& from, const std::string& to, const std::string& now);
  // Households whose residents asked for another contact person in [from, to).
  std::vector<std::int64_t> asked_another_contact(const std::string& from, const std::string& to);
  // Active professionals, each with the households they are the fixed contact of.
  std::vector<PeriodCaseloadRow> caseloads();
  // Responses of the quarters [from_quarter, to_quarter] ("2026-Q4").
  std::vector<ExperienceRow> experience(const std::string& from_quarter, const std::string& to_quarter);
  // The groups of the households named (read in one pass per table).
  std::map<std::int64_t, HouseholdGroupRow> household_groups(const std::vector<std::int64_t>& household_ids);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
