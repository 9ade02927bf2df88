#pragma once
// The dashboard's reads from the base tables, without a name, an address
// beyond the postcode, or a word anyone wrote. The dashboard keeps a copy
// in memory (service/dashboard_store.hpp): it loads everything once, then
// only the households and requests that the read model dashboard_changes
// says have changed. Each read of "everything" (nullopt) streams its rows
// to a callback, so twenty million contacts never sit in one result.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

struct DashboardHouseholdRow {
  std::int64_t id = 0;
  std::int64_t fixed_contact_id = 0;  // 0: none
  std::string postcode;
  std::string preferred_language;
};

struct DashboardMemberRow {
  std::int64_t household_id = 0;
  bool adult = false;
  std::optional<int> birth_year;
};

// A household's answer about its background, oldest request first.
struct DashboardBackgroundRow {
  std::int64_t household_id = 0;
  std::string background;
};

// Whether the household's current "what matters" was read back and confirmed.
struct DashboardPlanRow {
  std::int64_t household_id = 0;
  bool confirmed = false;
};

struct DashboardContactRow {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::int64_t involved_id = 0;
  std::string at;
};

// A change of fixed contact other than the first assignment.
struct DashboardChangeRow {
  std::int64_t household_id = 0;
  std::optional<std::int64_t> from_user_id;
  bool warm = false;
  std::string changed_at;
};

struct DashboardBreakthroughRow {
  std::int64_t household_id = 0;
  std::string state;
  std::string asked_at;
  std::optional<std::string> decided_at;
  std::int64_t spend_cents = 0;  // granted, or spent once executed
};

// A resident's request for another contact person.
struct DashboardAnotherContactRow {
  std::int64_t household_id = 0;
  std::string asked_at;
};

struct DashboardReferralRow {
  std::int64_t id = 0;
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

struct DashboardProfessionalRow {
  std::int64_t user_id = 0;
  std::int64_t team_id = 0;
  int cap = 0;
};

struct PeriodOutreachRow {
  std::int64_t team_id = 0;
  std::string starts_at;
  std::string ends_at;
  int residents_met = 0;
};

struct ExperienceRow {
  std::optional<std::int64_t> team_id;
  std::string answers;  // statement=agreement, comma-separated
};

// What changed after a watermark, up to the new one. `built` changes when
// dashboard_changes was rebuilt (a migration): a copy must then reload all.
struct DashboardChanges {
  std::vector<std::int64_t> households;
  std::vector<std::int64_t> referrals;
  std::string watermark;
};

class DashboardRepository {
 public:
  explicit DashboardRepository(Connection& connection) : connection_(connection) {}

  template <typename Row>
  using Sink = std::function<void(Row&&)>;
  using Household = std::optional<std::int64_t>;  // nullopt: every household

  // Where changes stand now; read before a full load, so nothing committed
  // during the load is missed.
  std::string change_watermark();
  std::int64_t changes_built();
  DashboardChanges changes_since(const std::string& watermark);

  void households(Household household, const Sink<DashboardHouseholdRow>& sink);
  void members(Household household, const Sink<DashboardMemberRow>& sink);
  void backgrounds(Household household, const Sink<DashboardBackgroundRow>& sink);
  void plans(Household household, const Sink<DashboardPlanRow>& sink);
  // By id, so a household's contacts arrive in the order they were logged.
  void contacts(Household household, const Sink<DashboardContactRow>& sink);
  void changes(Household household, const Sink<DashboardChangeRow>& sink);
  void breakthroughs(Household household, const Sink<DashboardBreakthroughRow>& sink);
  void another_contact_requests(Household household, const Sink<DashboardAnotherContactRow>& sink);
  // One request, or every one (nullopt).
  void referrals(std::optional<std::int64_t> referral, const Sink<DashboardReferralRow>& sink);

  // Active professionals with their team's cap.
  std::vector<DashboardProfessionalRow> professionals();
  // Time in the neighbourhood that began in [from, to) and before `now`.
  std::vector<PeriodOutreachRow> outreach(const std::string& from, const std::string& to, const std::string& now);
  // Responses of the quarters [from_quarter, to_quarter] ("2026-Q4").
  std::vector<ExperienceRow> experience(const std::string& from_quarter, const std::string& to_quarter);

 private:
  // The query with " WHERE <column> = ?" (or "AND") for one household.
  std::unique_ptr<Statement> for_household(std::string sql, const std::string& column, Household household,
                                           const std::string& order);
  std::string query_single_text(const std::string& sql);

  Connection& connection_;
};

}  // namespace gezicht::storage
