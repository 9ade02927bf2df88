#pragma once
// Small, allocation-free calendar helpers for the demo generator: whole days
// and seconds since 1970-01-01 UTC, and text in the stored formats
// ("YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ"). Kept local to the demo so that
// loading a million rows does not go through std::string per field.
//
// Working days skip weekends and Dutch public holidays (domain/calendar.hpp).

#include <cstdint>
#include <string>
#include <string_view>

namespace gezicht::demo::detail {

using Days = std::int64_t;     // days since 1970-01-01
using Seconds = std::int64_t;  // seconds since 1970-01-01T00:00:00Z

inline constexpr Seconds seconds_per_day = 86400;

Days days_from_civil(int year, int month, int day);
// "YYYY-MM-DD", a real calendar day; throws std::invalid_argument otherwise.
Days parse_date(std::string_view text);
// The current UTC date from the system clock.
Days today_utc();

// ISO weekday: 1 = Monday ... 7 = Sunday.
int iso_weekday(Days day);
bool is_working_day(Days day);
// The working day `count` working days after `day` (`day` itself does not count).
Days add_working_days(Days day, int count);
// The working day `count` working days before `day`.
Days subtract_working_days(Days day, int count);

// Writes exactly 10 characters, no terminator.
void format_date(Days day, char* out);
// Writes exactly 20 characters, no terminator.
void format_timestamp(Seconds at, char* out);
std::string date_string(Days day);
std::string timestamp_string(Seconds at);

}  // namespace gezicht::demo::detail
