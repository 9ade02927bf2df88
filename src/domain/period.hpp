#pragma once
// A period of whole days in Amsterdam, as reports and the dashboard take it:
// from the midnight that starts the first day to the midnight after the last.

#include <cstdint>
#include <string>

namespace gezicht::domain {

struct DayPeriod {
  std::int64_t start = 0;  // UTC seconds, inclusive
  std::int64_t end = 0;    // exclusive
};

inline constexpr int longest_period_days = 5 * 366;

// `from` and `to` as YYYY-MM-DD, both inclusive. Throws ValidationError:
// "from" or "to" date.invalid, "to" period.invalid (before `from`, or more
// than longest_period_days).
DayPeriod amsterdam_day_period(const std::string& from, const std::string& to);

}  // namespace gezicht::domain
