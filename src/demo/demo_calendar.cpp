#include "demo/demo_calendar.hpp"

#include <chrono>
#include <stdexcept>

#include "domain/calendar.hpp"

namespace gezicht::demo::detail {
namespace {

void put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

// The arithmetic is the domain's; only the allocation-free formatting is local.
Days days_from_civil(int year, int month, int day) { return domain::days_since_epoch({year, month, day}); }

Days parse_date(std::string_view text) {
  const auto date = domain::parse_date(text);
  if (!date) throw std::invalid_argument("not a date (YYYY-MM-DD): '" + std::string(text) + "'");
  return domain::days_since_epoch(*date);
}

Days today_utc() {
  const auto now = std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() / seconds_per_day;
}

int iso_weekday(Days day) { return domain::iso_weekday(domain::date_from_days(day)); }

// Weekends and Dutch public holidays, as the app promises.
bool is_working_day(Days day) { return domain::is_working_day(domain::date_from_days(day)); }

Days add_working_days(Days day, int count) {
  while (count > 0) {
    ++day;
    if (is_working_day(day)) --count;
  }
  return day;
}

Days subtract_working_days(Days day, int count) {
  while (count > 0) {
    --day;
    if (is_working_day(day)) --count;
  }
  return day;
}

void format_date(Days day, char* out) {
  const domain::Date civil = domain::date_from_days(day);
  put_digits(out, static_cast<unsigned>(civil.year), 4);
  out[4] = '-';
  put_digits(out + 5, static_cast<unsigned>(civil.month), 2);
  out[7] = '-';
  put_digits(out + 8, static_cast<unsigned>(civil.day), 2);
}

void format_timestamp(Seconds at, char* out) {
  Days day = at / seconds_per_day;
  Seconds rest = at % seconds_per_day;
  if (rest < 0) {
    rest += seconds_per_day;
    --day;
  }
  format_date(day, out);
  out[10] = 'T';
  put_digits(out + 11, static_cast<unsigned>(rest / 3600), 2);
  out[13] = ':';
  put_digits(out + 14, static_cast<unsigned>(rest / 60 % 60), 2);
  out[16] = ':';
  put_digits(out + 17, static_cast<unsigned>(rest % 60), 2);
  out[19] = 'Z';
}

std::string date_string(Days day) {
  std::string text(10, ' ');
  format_date(day, text.data());
  return text;
}

std::string timestamp_string(Seconds at) {
  std::string text(20, ' ');
  format_timestamp(at, text.data());
  return text;
}

}  // namespace gezicht::demo::detail
