#pragma once
// Dates, UTC timestamps and Dutch working days. Pure functions: the current
// time always comes in from outside (see service/clock.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gezicht::domain {

struct Date {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Days since 1970-01-01 (negative before it).
std::int64_t days_since_epoch(const Date& date);
Date date_from_days(std::int64_t days);
// ISO weekday: 1 = Monday ... 7 = Sunday.
int iso_weekday(const Date& date);

// "YYYY-MM-DD"; nullopt when malformed or not a real day.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(const Date& date);

// Timestamps are seconds since the Unix epoch, UTC, stored as
// "YYYY-MM-DDTHH:MM:SSZ" so that text order is time order.
std::string format_timestamp(std::int64_t unix_seconds);
// Accepts "YYYY-MM-DDTHH:MM[:SS]" with an optional "Z"; nullopt when malformed.
std::optional<std::int64_t> parse_timestamp(std::string_view text);
Date date_of(std::int64_t unix_seconds);

// Easter Sunday (Gregorian, anonymous algorithm).
Date easter_sunday(int year);
// National public holidays on which the municipality is closed: New Year,
// Good Friday, Easter Monday, King's Day, Liberation Day (every year, as most
// municipalities give it), Ascension Day, Whit Monday, Christmas (2 days).
bool is_dutch_public_holiday(const Date& date);
bool is_working_day(const Date& date);
// The working day that lies `working_days` working days after `from`
// (from itself does not count).
Date add_working_days(const Date& from, int working_days);

}  // namespace gezicht::domain

namespace gezicht::domain {

// The Netherlands keeps Central European Time, with summer time from the last
// Sunday of March to the last Sunday of October (01:00 UTC both times).
// Offset of Amsterdam local time from UTC, in seconds, at a UTC instant.
int amsterdam_offset_seconds(std::int64_t unix_seconds);
// A local wall-clock time in Amsterdam ("YYYY-MM-DDTHH:MM" as from a
// datetime-local field) to a UTC instant. In the autumn hour that occurs
// twice, the earlier one is taken.
std::optional<std::int64_t> parse_amsterdam_local(std::string_view text);
// "29-11-2026 17:43" in Amsterdam time, as Dutch readers write it.
std::string format_amsterdam(std::int64_t unix_seconds);
// The calendar day in Amsterdam at a UTC instant.
Date amsterdam_date(std::int64_t unix_seconds);

}  // namespace gezicht::domain
