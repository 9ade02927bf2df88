#pragma once
// Time in the neighbourhood: walk-in hours held, outreach rounds and
// community activities, which caseload figures do not show. One record is
// one professional's time at one place. Planned time is listed on the front
// door ("deze week in uw wijk") so residents know where to find a face.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gezicht::domain {

// walk_in (inloopspreekuur), outreach_round (rondje door de wijk),
// community_activity (buurtactiviteit).
const std::vector<std::string>& outreach_kinds();

// Exactly what came in from the form or the JSON body, untrusted. Times are
// Amsterdam wall-clock time "YYYY-MM-DDTHH:MM" (a datetime-local field) or
// a UTC timestamp ending in Z.
struct OutreachInput {
  std::string kind;
  std::string place;
  std::string address;
  std::string starts_at;
  std::string ends_at;
  std::string residents_met;  // empty: not known yet
  bool on_front_door = true;
};

struct ValidOutreach {
  std::string kind;
  std::string place;
  std::string address;
  std::int64_t starts_at = 0;  // UTC seconds
  std::int64_t ends_at = 0;
  std::optional<int> residents_met;
  bool on_front_door = true;
};

inline constexpr std::size_t max_outreach_place_length = 200;
inline constexpr std::int64_t max_outreach_seconds = 12 * 3600;
// Recorded afterwards within about a quarter; planned up to two months ahead.
inline constexpr std::int64_t outreach_record_back_seconds = 92 * 86400;
inline constexpr std::int64_t outreach_plan_ahead_seconds = 62 * 86400;
inline constexpr int max_residents_met = 5000;

// Throws ValidationError listing every problem at once. Fields: kind,
// place, address, starts_at, ends_at (before the start, longer than 12
// hours), residents_met (not a whole number from 0 to 5000, or given for
// time that has not begun: nobody has been met yet).
ValidOutreach validate_outreach(const OutreachInput& input, std::int64_t now);

// The number of residents met, as typed: empty is "not known yet".
// Throws ValidationError on field "residents_met".
std::optional<int> parse_residents_met(const std::string& text);
// Residents met can be recorded once the time has begun.
void check_residents_met_allowed(std::int64_t starts_at, std::int64_t now);
// Planned time that has not begun may be cancelled; what was held stays.
bool may_cancel_outreach(std::int64_t starts_at, std::int64_t now);

// Planned time as the front door lists it: whose face, where and when.
struct OutreachListing {
  std::int64_t id = 0;
  std::int64_t team_id = 0;
  std::int64_t person_id = 0;
  std::string kind;
  std::string place;
  std::string address;
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
};

inline constexpr int presence_days = 7;
// The listings of `team_id` that have not ended at `now` and begin within
// the coming seven days, soonest first (then by id).
std::vector<OutreachListing> coming_week(const std::vector<OutreachListing>& listings, std::int64_t team_id,
                                         std::int64_t now);

}  // namespace gezicht::domain
