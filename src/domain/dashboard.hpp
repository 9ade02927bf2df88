#pragma once
// Does it work, and for whom? The dashboard's figures for one period, from
// facts without names, addresses or words, each for the whole population
// and split by one kind of resident group, with the equity monitor's
// intervals, flags and suppression (domain/equity.hpp). It audits the
// organisation: no figure is ever about one resident or household, and no
// group is ever an input to a decision.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/continuity.hpp"
#include "domain/equity.hpp"
#include "domain/referral.hpp"

namespace gezicht::domain {

// What a figure can be split by. Never nationality or ethnicity; background
// only as residents described it themselves, and only where they chose to.
enum class Split { none, neighbourhood, language, age_band, household_type, background };
const std::vector<Split>& all_splits();  // without none
const char* to_string(Split split);
std::optional<Split> parse_split(std::string_view text);

inline constexpr std::size_t split_count = 5;  // the splits other than none

// A household's (or a request's) groups by name, one per split. "unknown"
// where the record does not say (no birth year, no adult, not answered).
struct GroupLabels {
  std::string neighbourhood = "unknown";
  std::string language = "unknown";
  std::string age_band = "unknown";
  std::string household_type = "unknown";
  std::string background = "unknown";
};

// The same as codes into DashboardFacts::names: a million households are
// tallied by array index, not by comparing names.
struct Groups {
  std::array<std::uint16_t, split_count> codes{};  // 0 is "unknown" in every split
  std::uint16_t of(Split split) const;
};

// The names behind the codes, per split.
class GroupNames {
 public:
  GroupNames();
  // The name's code, added when new. Throws std::length_error past 65,535 names.
  std::uint16_t code(Split split, std::string_view name);
  Groups intern(const GroupLabels& labels);
  const std::string& name(Split split, std::uint16_t code) const;
  std::size_t size(Split split) const;

 private:
  std::array<std::vector<std::string>, split_count> names_;
  std::array<std::map<std::string, std::uint16_t, std::less<>>, split_count> codes_;
};

// Age bands of the first adult, by birth year, in `year`: under_27, 27_44,
// 45_66, 67_plus.
std::string age_band(std::optional<int> birth_year, int year);
// single, single_parent, adults (two or more, no children), family.
std::string household_type(int adults, int children);

// What the dashboard counts of a household's continuity in the period:
// small, because a read holds one for every household of the municipality.
struct DashboardContinuity {
  std::int32_t contacts = 0;  // in the period; 0: the household is not counted
  std::int32_t distinct_faces = 0;
  std::int32_t distinct_faces_90d = 0;
  // UPC, COC and SECON in thousandths (rounded); -1 with fewer than two contacts.
  std::int32_t upc = -1;
  std::int32_t coc = -1;
  std::int32_t secon = -1;
};

struct HouseholdFact {
  std::int64_t id = 0;
  std::int64_t team_id = 0;
  std::int64_t fixed_contact_id = 0;  // 0: none
  Groups groups;
  bool plan_confirmed = false;            // its current "what matters" was read back and confirmed
  DashboardContinuity continuity;         // dashboard_continuity of its contacts
  int fixed_contact_changes_in_year = 0;  // in the 365 days before the period's end
  bool asked_another_contact = false;     // in the period
};

// A request for help received in the period.
struct ReferralFact {
  std::int64_t team_id = 0;
  std::int64_t contact_id = 0;  // the professional it was given to
  Groups groups;
  std::int64_t created_at = 0;
  std::string promised_by;  // YYYY-MM-DD
  std::optional<std::int64_t> first_contact_at;
  std::optional<std::string> first_contact_day;  // its Amsterdam date, YYYY-MM-DD
  std::string arrived_via;                       // domain::arrival_routes()
};

// A change of fixed contact by the team or at the resident's request, in the period.
struct HandoverFact {
  std::int64_t team_id = 0;
  std::int64_t from_user_id = 0;  // 0: nobody (never counted as a handover)
  Groups groups;
  bool warm = false;
};

struct BreakthroughFigureFact {
  std::int64_t team_id = 0;
  Groups groups;
  std::int64_t asked_at = 0;
  std::optional<std::int64_t> decided_at;  // granted or rejected
  bool granted = false;                    // granted or executed
  std::int64_t spend_cents = 0;            // granted amount, or spent once executed
};

// One anonymous client-experience response: team and quarter only.
struct ExperienceFact {
  std::optional<std::int64_t> team_id;
  std::vector<std::pair<std::string, std::string>> answers;  // statement -> agreement
};

struct CaseloadFact {
  std::int64_t user_id = 0;
  std::int64_t team_id = 0;
  int households = 0;
  int cap = 0;
};

struct OutreachFact {
  std::int64_t team_id = 0;
  std::int64_t seconds = 0;
  int residents_met = 0;
};

struct DashboardFacts {
  std::int64_t period_start = 0;          // UTC seconds, inclusive
  std::int64_t period_end = 0;            // exclusive
  std::string today;                      // YYYY-MM-DD in Amsterdam: a promise past it and not kept is broken
  GroupNames names;                       // of every Groups below
  std::vector<HouseholdFact> households;  // households with a contact in the period
  std::vector<ReferralFact> referrals;
  std::vector<HandoverFact> handovers;
  std::vector<BreakthroughFigureFact> breakthroughs;
  std::vector<ExperienceFact> experience;
  std::vector<CaseloadFact> caseloads;
  std::vector<OutreachFact> outreach;
};

// A household's continuity over the period, as the dashboard counts it: its
// contacts in [period_start, period_end) (in any order; the professional is
// the face met), the window being the period's days. A caller may run it
// for many households at once; it only reads its arguments.
DashboardContinuity dashboard_continuity(std::span<const Contact> contacts, std::int64_t period_start,
                                         std::int64_t period_end);

// share: value 0..1 with a Wilson interval; median: with a bootstrap
// interval; total: a sum without interval (value = ci_low = ci_high).
enum class FigureKind { share, median, total };
const char* to_string(FigureKind kind);

struct DashboardFigure {
  std::string theme;   // reach, one_face, plans, getting_done, trust, human_scale, outreach
  std::string metric;  // e.g. "promise_kept", "upc"; the page names it
  FigureKind kind = FigureKind::share;
  // Not split by resident group (the whole only): trust (the answers are
  // anonymous and carry no group), caseloads and outreach (about staff).
  bool whole_only = false;
  EquityFigure figure;
};

struct Dashboard {
  Split split = Split::none;
  std::vector<DashboardFigure> figures;
};

// The figures of `team` (all teams: nullopt). Medians of indices (UPC,
// COC, SECON) are in thousandths, hours to first contact and to a decision
// in whole hours (rounded down); shares as 0..1. The same suppression holds
// for every resident figure; staff figures (caseloads, outreach) are about
// people the team lead sees by name anyway and are not suppressed. Throws
// std::invalid_argument as the equity figures do (settings).
// `memo` (may be null) keeps medians' bootstrap intervals between reads.
Dashboard build_dashboard(const DashboardFacts& facts, Split split, std::optional<std::int64_t> team,
                          const EquitySettings& settings, MedianIntervalMemo* memo = nullptr);

}  // namespace gezicht::domain
