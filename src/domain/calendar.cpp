#include "domain/calendar.hpp"

#include <cstdio>

namespace gezicht::domain {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool read_number(std::string_view text, std::size_t at, std::size_t width, int& out) {
  if (at + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

Date plus_days(const Date& date, std::int64_t days) { return date_from_days(days_since_epoch(date) + days); }

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_since_epoch(const Date& date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(date.month + (date.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date date_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

int iso_weekday(const Date& date) {
  const std::int64_t days = days_since_epoch(date);  // 1970-01-01 was a Thursday (4)
  return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;
}

std::optional<Date> parse_date(std::string_view text) {
  Date date;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_number(text, 0, 4, date.year) || !read_number(text, 5, 2, date.month) ||
      !read_number(text, 8, 2, date.day)) {
    return std::nullopt;
  }
  if (date.year < 1900 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month)) {
    return std::nullopt;
  }
  return date;
}

std::string format_date(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

std::string format_timestamp(std::int64_t unix_seconds) {
  const std::int64_t days = (unix_seconds >= 0 ? unix_seconds : unix_seconds - 86399) / 86400;
  const std::int64_t rest = unix_seconds - days * 86400;
  const Date date = date_from_days(days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day,
                static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60), static_cast<int>(rest % 60));
  return buffer;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  if (text.size() < 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  const auto date = parse_date(text.substr(0, 10));
  int hour = 0, minute = 0, second = 0;
  if (!date || !read_number(text, 11, 2, hour) || !read_number(text, 14, 2, minute)) return std::nullopt;
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!read_number(text, at + 1, 2, second)) return std::nullopt;
    at += 3;
  }
  if (at < text.size() && text[at] == 'Z') ++at;
  if (at != text.size() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return days_since_epoch(*date) * 86400 + hour * 3600 + minute * 60 + second;
}

Date date_of(std::int64_t unix_seconds) {
  return date_from_days((unix_seconds >= 0 ? unix_seconds : unix_seconds - 86399) / 86400);
}

Date easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return {year, month, day};
}

bool is_dutch_public_holiday(const Date& date) {
  if ((date.month == 1 && date.day == 1) || (date.month == 12 && (date.day == 25 || date.day == 26)) ||
      (date.month == 5 && date.day == 5)) {
    return true;
  }
  // King's Day is 27 April, or the 26th when the 27th is a Sunday.
  const Date kings_day{date.year, 4, iso_weekday({date.year, 4, 27}) == 7 ? 26 : 27};
  if (date == kings_day) return true;
  const Date easter = easter_sunday(date.year);
  for (int offset : {-2, 1, 39, 50}) {  // Good Friday, Easter Monday, Ascension, Whit Monday
    if (date == plus_days(easter, offset)) return true;
  }
  return false;
}

bool is_working_day(const Date& date) { return iso_weekday(date) <= 5 && !is_dutch_public_holiday(date); }

Date add_working_days(const Date& from, int working_days) {
  Date day = from;
  while (working_days > 0) {
    day = plus_days(day, 1);
    if (is_working_day(day)) --working_days;
  }
  return day;
}

}  // namespace gezicht::domain

namespace gezicht::domain {
namespace {

std::int64_t last_sunday_utc_1am(int year, int month) {
  const std::int64_t last_day = days_since_epoch({year, month, 31});
  // Day 0 (1970-01-01) was a Thursday, so (days + 4) mod 7 counts the days
  // since the last Sunday. Every timestamp shown asks this twice.
  const std::int64_t since_sunday = ((last_day + 4) % 7 + 7) % 7;
  return (last_day - since_sunday) * 86400 + 3600;
}

}  // namespace

int amsterdam_offset_seconds(std::int64_t unix_seconds) {
  const int year = date_of(unix_seconds).year;
  const bool summer = unix_seconds >= last_sunday_utc_1am(year, 3) && unix_seconds < last_sunday_utc_1am(year, 10);
  return summer ? 7200 : 3600;
}

std::optional<std::int64_t> parse_amsterdam_local(std::string_view text) {
  if (!text.empty() && text.back() == 'Z') return std::nullopt;
  const auto as_if_utc = parse_timestamp(text);
  if (!as_if_utc) return std::nullopt;
  // Try summer time first (the earlier instant), then winter time.
  for (int offset : {7200, 3600}) {
    const std::int64_t candidate = *as_if_utc - offset;
    if (amsterdam_offset_seconds(candidate) == offset) return candidate;
  }
  // The spring-forward gap: a time that does not exist; read it as winter time.
  return *as_if_utc - 3600;
}

std::string format_amsterdam(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + amsterdam_offset_seconds(unix_seconds);
  const std::int64_t days = (local >= 0 ? local : local - 86399) / 86400;
  const auto rest = static_cast<int>(local - days * 86400);
  const Date date = date_from_days(days);
  if (date.year < 0 || date.year > 9999) {
    char wide[40];
    std::snprintf(wide, sizeof wide, "%02d-%02d-%04d %02d:%02d", date.day, date.month, date.year, rest / 3600,
                  rest % 3600 / 60);
    return wide;
  }
  // Digits written directly: every contact on a record shows one of these.
  const auto put = [](char* at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
  };
  std::string text = "DD-MM-YYYY HH:MM";
  put(&text[0], date.day, 2);
  put(&text[3], date.month, 2);
  put(&text[6], date.year, 4);
  put(&text[11], rest / 3600, 2);
  put(&text[14], rest % 3600 / 60, 2);
  return text;
}

Date amsterdam_date(std::int64_t unix_seconds) {
  return date_of(unix_seconds + amsterdam_offset_seconds(unix_seconds));
}

}  // namespace gezicht::domain
