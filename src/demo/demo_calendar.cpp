#include "demo/demo_calendar.hpp"

#include <chrono>
#include <stdexcept>

namespace gezicht::demo::detail {
namespace {

struct Civil {
  int year;
  int month;
  int day;
};

// Howard Hinnant's civil_from_days: proleptic Gregorian calendar.
Civil civil_from_days(Days z) {
  z += 719468;
  const Days era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(static_cast<Days>(yoe) + era * 400 + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

void put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

Days days_from_civil(int year, int month, int day) {
  year -= month <= 2;
  const Days era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy =
      (153 * static_cast<unsigned>(month > 2 ? month - 3 : month + 9) + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<Days>(doe) - 719468;
}

Days parse_date(std::string_view text) {
  const auto bad = [&] { return std::invalid_argument("not a date (YYYY-MM-DD): '" + std::string(text) + "'"); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad();
  int fields[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int widths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (int i = 0; i < widths[f]; ++i) {
      const char c = text[static_cast<std::size_t>(starts[f] + i)];
      if (c < '0' || c > '9') throw bad();
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  if (fields[0] < 1900 || fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[2] > 31) throw bad();
  const Days day = days_from_civil(fields[0], fields[1], fields[2]);
  const Civil back = civil_from_days(day);  // rejects 31 April, 29 February in common years
  if (back.year != fields[0] || back.month != fields[1] || back.day != fields[2]) throw bad();
  return day;
}

Days today_utc() {
  const auto now = std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() / seconds_per_day;
}

int iso_weekday(Days day) {
  // 1970-01-01 was a Thursday (4).
  const Days shifted = (day + 3) % 7;
  return static_cast<int>(shifted < 0 ? shifted + 7 : shifted) + 1;
}

bool is_working_day(Days day) { return iso_weekday(day) <= 5; }

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
  const Civil civil = civil_from_days(day);
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
