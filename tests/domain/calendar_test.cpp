// Dates, timestamps, Dutch public holidays, working days and Amsterdam time.
// Expected values are worked out by hand (and checked against a calendar).

#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace gezicht::domain {

// Lets gtest print dates in failure messages.
void PrintTo(const Date& date, std::ostream* out) { *out << format_date(date); }

namespace {

Date d(int year, int month, int day) { return Date{year, month, day}; }

std::int64_t utc(const char* text) {
  const auto parsed = parse_timestamp(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(0);
}

// ---------------------------------------------------------------- days

TEST(Calendar, DaysSinceEpochKnownValues) {
  EXPECT_EQ(days_since_epoch(d(1970, 1, 1)), 0);
  EXPECT_EQ(days_since_epoch(d(1970, 1, 2)), 1);
  EXPECT_EQ(days_since_epoch(d(1969, 12, 31)), -1);
  EXPECT_EQ(days_since_epoch(d(1900, 1, 1)), -25567);
  EXPECT_EQ(days_since_epoch(d(2000, 2, 29)), 11016);
  EXPECT_EQ(days_since_epoch(d(2000, 3, 1)), 11017);
  EXPECT_EQ(days_since_epoch(d(2026, 11, 29)), 20786);
  EXPECT_EQ(days_since_epoch(d(2100, 3, 1)), 47541);
  // 2100 is not a leap year: 28 February is followed by 1 March.
  EXPECT_EQ(days_since_epoch(d(2100, 2, 28)), 47540);
  EXPECT_EQ(days_since_epoch(d(2400, 2, 29)), 157113);
}

TEST(Calendar, DateFromDaysKnownValues) {
  EXPECT_EQ(date_from_days(0), d(1970, 1, 1));
  EXPECT_EQ(date_from_days(-1), d(1969, 12, 31));
  EXPECT_EQ(date_from_days(11016), d(2000, 2, 29));
  EXPECT_EQ(date_from_days(47540), d(2100, 2, 28));
  EXPECT_EQ(date_from_days(47541), d(2100, 3, 1));
  EXPECT_EQ(date_from_days(-25567), d(1900, 1, 1));
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// Walks day by day from 1600-01-01 to 2500-12-31: every day number maps to
// the next calendar day and back again.
TEST(Calendar, RoundTripEveryDayFrom1600To2500) {
  Date expected = d(1600, 1, 1);
  const std::int64_t first = days_since_epoch(expected);
  const std::int64_t last = days_since_epoch(d(2500, 12, 31));
  ASSERT_LT(first, last);
  int failures = 0;
  for (std::int64_t days = first; days <= last && failures < 5; ++days) {
    const Date got = date_from_days(days);
    if (got != expected || days_since_epoch(got) != days) {
      ADD_FAILURE() << "day " << days << ": got " << format_date(got) << ", expected " << format_date(expected);
      ++failures;
    }
    // Next calendar day, computed independently.
    if (expected.day < days_in_month(expected.year, expected.month)) {
      ++expected.day;
    } else if (expected.month < 12) {
      ++expected.month;
      expected.day = 1;
    } else {
      ++expected.year;
      expected.month = 1;
      expected.day = 1;
    }
  }
  EXPECT_EQ(expected, d(2501, 1, 1));
}

TEST(Calendar, IsoWeekday) {
  EXPECT_EQ(iso_weekday(d(1970, 1, 1)), 4);    // Thursday
  EXPECT_EQ(iso_weekday(d(1969, 12, 31)), 3);  // Wednesday, before the epoch
  EXPECT_EQ(iso_weekday(d(1969, 12, 28)), 7);  // Sunday
  EXPECT_EQ(iso_weekday(d(2000, 2, 29)), 2);   // Tuesday
  EXPECT_EQ(iso_weekday(d(2026, 11, 29)), 7);  // Sunday
  EXPECT_EQ(iso_weekday(d(2026, 11, 30)), 1);  // Monday
  EXPECT_EQ(iso_weekday(d(2026, 11, 27)), 5);  // Friday
  EXPECT_EQ(iso_weekday(d(2100, 3, 1)), 1);    // Monday
}

// ---------------------------------------------------------------- parse/format date

TEST(Calendar, ParseDateAcceptsRealDays) {
  EXPECT_EQ(parse_date("2026-11-29"), d(2026, 11, 29));
  EXPECT_EQ(parse_date("2024-02-29"), d(2024, 2, 29));
  EXPECT_EQ(parse_date("2000-02-29"), d(2000, 2, 29));
  EXPECT_EQ(parse_date("2026-12-31"), d(2026, 12, 31));
}

TEST(Calendar, ParseDateRejectsMalformedOrUnrealDays) {
  for (const char* text : {"2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00",
                           "2026-01-32", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01 ",
                           " 2026-01-01", "2026-01-01T00:00", "", "garbage!!!", "2026-0a-01", "+026-01-01"}) {
    EXPECT_FALSE(parse_date(text).has_value()) << '"' << text << '"';
  }
}

TEST(Calendar, FormatDatePadsWithZeros) {
  EXPECT_EQ(format_date(d(2026, 1, 5)), "2026-01-05");
  EXPECT_EQ(format_date(d(1970, 12, 31)), "1970-12-31");
  EXPECT_EQ(parse_date(format_date(d(2026, 3, 9))), d(2026, 3, 9));
}

// ---------------------------------------------------------------- timestamps

TEST(Calendar, FormatTimestampKnownValues) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(-86400), "1969-12-31T00:00:00Z");
  EXPECT_EQ(format_timestamp(1795970580), "2026-11-29T16:43:00Z");
  EXPECT_EQ(format_timestamp(1774746000), "2026-03-29T01:00:00Z");
  EXPECT_EQ(format_timestamp(951782399), "2000-02-28T23:59:59Z");
  EXPECT_EQ(format_timestamp(951782400), "2000-02-29T00:00:00Z");
}

TEST(Calendar, ParseTimestampForms) {
  EXPECT_EQ(parse_timestamp("2026-11-29T16:43:00Z"), 1795970580);
  EXPECT_EQ(parse_timestamp("2026-11-29T16:43:00"), 1795970580);
  EXPECT_EQ(parse_timestamp("2026-11-29T16:43Z"), 1795970580);
  EXPECT_EQ(parse_timestamp("2026-11-29T16:43"), 1795970580);
  EXPECT_EQ(parse_timestamp("2026-11-29T16:43:59Z"), 1795970639);
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_timestamp("1969-12-31T23:59:59Z"), -1);
}

TEST(Calendar, ParseTimestampRejectsGarbage) {
  for (const char* text :
       {"", "garbage", "2026-11-29", "2026-11-29T", "2026-11-29T16", "2026-11-29 16:43:00Z", "2026-11-29t16:43:00Z",
        "2026-11-29T24:00:00Z", "2026-11-29T16:60:00Z", "2026-11-29T16:43:60Z", "2026-11-29T16:43:0Z",
        "2026-11-29T16:43:00ZZ", "2026-11-29T16:43:00+01:00", "2026-11-29T16:43:00.000Z", "2026-02-29T12:00:00Z",
        "2026-11-29T1a:43:00Z", "2026-11-29T16-43-00Z", "2026-11-29T16:43:", "2026-11-29T16:43:00 "}) {
    EXPECT_FALSE(parse_timestamp(text).has_value()) << '"' << text << '"';
  }
}

TEST(Calendar, TimestampRoundTrip) {
  // From 1900 to about 2100, in steps that hit every second-of-minute,
  // minute and hour value over time.
  const std::int64_t from = -2208988800;  // 1900-01-01T00:00:00Z
  const std::int64_t to = 4102444800;     // 2100-01-01T00:00:00Z
  int failures = 0;
  for (std::int64_t t = from; t < to && failures < 5; t += 86400 * 3 + 3661 + 7) {
    const std::string text = format_timestamp(t);
    const auto back = parse_timestamp(text);
    if (!back || *back != t || text.size() != 20) {
      ADD_FAILURE() << t << " -> " << text;
      ++failures;
    }
  }
  // Text order is time order.
  EXPECT_LT(format_timestamp(1795970579), format_timestamp(1795970580));
  EXPECT_LT(format_timestamp(-1), format_timestamp(0));
}

TEST(Calendar, DateOf) {
  EXPECT_EQ(date_of(0), d(1970, 1, 1));
  EXPECT_EQ(date_of(86399), d(1970, 1, 1));
  EXPECT_EQ(date_of(86400), d(1970, 1, 2));
  EXPECT_EQ(date_of(-1), d(1969, 12, 31));
  EXPECT_EQ(date_of(-86400), d(1969, 12, 31));
  EXPECT_EQ(date_of(-86401), d(1969, 12, 30));
  EXPECT_EQ(date_of(1795970580), d(2026, 11, 29));
}

// ---------------------------------------------------------------- holidays

TEST(Calendar, EasterSunday) {
  EXPECT_EQ(easter_sunday(2024), d(2024, 3, 31));
  EXPECT_EQ(easter_sunday(2025), d(2025, 4, 20));
  EXPECT_EQ(easter_sunday(2026), d(2026, 4, 5));
  EXPECT_EQ(easter_sunday(2008), d(2008, 3, 23));
  EXPECT_EQ(easter_sunday(2011), d(2011, 4, 24));
  EXPECT_EQ(easter_sunday(2019), d(2019, 4, 21));
  EXPECT_EQ(easter_sunday(2038), d(2038, 4, 25));
  for (int year = 1900; year <= 2200; ++year) {
    const Date easter = easter_sunday(year);
    EXPECT_EQ(iso_weekday(easter), 7) << year;
    EXPECT_GE(easter, d(year, 3, 22)) << year;
    EXPECT_LE(easter, d(year, 4, 25)) << year;
  }
}

TEST(Calendar, DutchPublicHolidays2026AreExactlyTheNine) {
  const std::set<Date> expected{d(2026, 1, 1),  d(2026, 4, 3),  d(2026, 4, 6),   d(2026, 4, 27), d(2026, 5, 5),
                                d(2026, 5, 14), d(2026, 5, 25), d(2026, 12, 25), d(2026, 12, 26)};
  std::set<Date> found;
  for (Date day = d(2026, 1, 1); day.year == 2026; day = date_from_days(days_since_epoch(day) + 1)) {
    if (is_dutch_public_holiday(day)) found.insert(day);
  }
  EXPECT_EQ(found, expected);
}

TEST(Calendar, EasterSundayAndWhitSundayAreNotListedHolidays) {
  EXPECT_FALSE(is_dutch_public_holiday(d(2026, 4, 5)));
  EXPECT_FALSE(is_dutch_public_holiday(d(2026, 5, 24)));
}

TEST(Calendar, KingsDayMovesToSaturdayWhenTheTwentySeventhIsASunday) {
  ASSERT_EQ(iso_weekday(d(2025, 4, 27)), 7);
  EXPECT_TRUE(is_dutch_public_holiday(d(2025, 4, 26)));
  EXPECT_FALSE(is_dutch_public_holiday(d(2025, 4, 27)));
  // 2026: the 27th is a Monday, the 26th is an ordinary Sunday.
  EXPECT_TRUE(is_dutch_public_holiday(d(2026, 4, 27)));
  EXPECT_FALSE(is_dutch_public_holiday(d(2026, 4, 26)));
}

TEST(Calendar, WorkingDays) {
  EXPECT_TRUE(is_working_day(d(2026, 11, 27)));   // Friday
  EXPECT_FALSE(is_working_day(d(2026, 11, 28)));  // Saturday
  EXPECT_FALSE(is_working_day(d(2026, 11, 29)));  // Sunday
  EXPECT_TRUE(is_working_day(d(2026, 11, 30)));   // Monday
  EXPECT_FALSE(is_working_day(d(2026, 12, 25)));  // Christmas, a Friday
  EXPECT_FALSE(is_working_day(d(2026, 4, 3)));    // Good Friday
  EXPECT_FALSE(is_working_day(d(2026, 5, 14)));   // Ascension, a Thursday
  EXPECT_TRUE(is_working_day(d(2026, 12, 24)));   // Christmas Eve is a working day
}

TEST(Calendar, AddWorkingDays) {
  // Friday + 3 working days: Mon 30 Nov, Tue 1 Dec, Wed 2 Dec.
  EXPECT_EQ(add_working_days(d(2026, 11, 27), 3), d(2026, 12, 2));
  // Wednesday 23 Dec + 3: Thu 24, (Fri 25 Christmas, Sat 26, Sun 27), Mon 28, Tue 29.
  EXPECT_EQ(add_working_days(d(2026, 12, 23), 3), d(2026, 12, 29));
  // Thursday before Easter + 1: skips Good Friday, the weekend and Easter Monday.
  EXPECT_EQ(add_working_days(d(2026, 4, 2), 1), d(2026, 4, 7));
  // From a Saturday, the Monday is the first working day.
  EXPECT_EQ(add_working_days(d(2026, 11, 28), 1), d(2026, 11, 30));
  // Zero working days: the day itself.
  EXPECT_EQ(add_working_days(d(2026, 11, 27), 0), d(2026, 11, 27));
  // Across New Year: Thu 31 Dec 2026 + 1 skips 1 Jan (Friday) and the weekend.
  EXPECT_EQ(add_working_days(d(2026, 12, 31), 1), d(2027, 1, 4));
  // Ascension (Thu 14 May) in the way: Wed 13 May + 1 = Fri 15 May.
  EXPECT_EQ(add_working_days(d(2026, 5, 13), 1), d(2026, 5, 15));
  // Ten working days from Monday 2 Nov 2026 = Monday 16 Nov.
  EXPECT_EQ(add_working_days(d(2026, 11, 2), 10), d(2026, 11, 16));
}

TEST(Calendar, AddWorkingDaysAlwaysLandsOnAWorkingDay) {
  for (Date day = d(2025, 1, 1); day.year < 2028; day = date_from_days(days_since_epoch(day) + 1)) {
    for (int n = 1; n <= 5; ++n) {
      const Date result = add_working_days(day, n);
      EXPECT_TRUE(is_working_day(result)) << format_date(day) << " + " << n;
      EXPECT_GT(result, day);
      // Exactly n working days lie in (day, result].
      int count = 0;
      for (Date x = date_from_days(days_since_epoch(day) + 1); x <= result;
           x = date_from_days(days_since_epoch(x) + 1)) {
        if (is_working_day(x)) ++count;
      }
      EXPECT_EQ(count, n) << format_date(day) << " + " << n;
    }
  }
}

// ---------------------------------------------------------------- Amsterdam time

TEST(AmsterdamTime, OffsetWinterAndSummer) {
  EXPECT_EQ(amsterdam_offset_seconds(utc("2026-01-15T12:00:00Z")), 3600);
  EXPECT_EQ(amsterdam_offset_seconds(utc("2026-07-01T12:00:00Z")), 7200);
  EXPECT_EQ(amsterdam_offset_seconds(utc("2026-12-01T12:00:00Z")), 3600);
  EXPECT_EQ(amsterdam_offset_seconds(utc("2026-12-31T23:59:59Z")), 3600);
  EXPECT_EQ(amsterdam_offset_seconds(utc("2027-01-01T00:00:00Z")), 3600);
}

TEST(AmsterdamTime, SwitchesAtOneInTheMorningUtcOnTheLastSundays) {
  const std::int64_t spring = utc("2026-03-29T01:00:00Z");
  ASSERT_EQ(spring, 1774746000);
  EXPECT_EQ(amsterdam_offset_seconds(spring - 1), 3600);
  EXPECT_EQ(amsterdam_offset_seconds(spring), 7200);
  const std::int64_t autumn = utc("2026-10-25T01:00:00Z");
  ASSERT_EQ(autumn, 1792890000);
  EXPECT_EQ(amsterdam_offset_seconds(autumn - 1), 7200);
  EXPECT_EQ(amsterdam_offset_seconds(autumn), 3600);
  // 2025: 30 March and 26 October.
  EXPECT_EQ(amsterdam_offset_seconds(utc("2025-03-30T00:59:59Z")), 3600);
  EXPECT_EQ(amsterdam_offset_seconds(utc("2025-03-30T01:00:00Z")), 7200);
  EXPECT_EQ(amsterdam_offset_seconds(utc("2025-10-26T00:59:59Z")), 7200);
  EXPECT_EQ(amsterdam_offset_seconds(utc("2025-10-26T01:00:00Z")), 3600);
  // A week before the last Sunday of March 2026 is still winter time.
  EXPECT_EQ(amsterdam_offset_seconds(utc("2026-03-22T12:00:00Z")), 3600);
}

TEST(AmsterdamTime, ParseLocal) {
  EXPECT_EQ(parse_amsterdam_local("2026-07-01T12:00"), utc("2026-07-01T10:00:00Z"));
  EXPECT_EQ(parse_amsterdam_local("2026-12-01T12:00"), utc("2026-12-01T11:00:00Z"));
  EXPECT_EQ(parse_amsterdam_local("2026-12-01T12:00:30"), utc("2026-12-01T11:00:30Z"));
  // Just after the spring switch: 03:00 local is 01:00Z.
  EXPECT_EQ(parse_amsterdam_local("2026-03-29T03:00"), utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(parse_amsterdam_local("2026-03-29T01:59"), utc("2026-03-29T00:59:00Z"));
  // The autumn hour that occurs twice: the earlier (summer time) instant.
  EXPECT_EQ(parse_amsterdam_local("2026-10-25T02:30"), utc("2026-10-25T00:30:00Z"));
  EXPECT_EQ(parse_amsterdam_local("2026-10-25T03:00"), utc("2026-10-25T02:00:00Z"));
}

TEST(AmsterdamTime, ParseLocalRejectsUtcAndGarbage) {
  EXPECT_FALSE(parse_amsterdam_local("2026-07-01T12:00Z").has_value());
  EXPECT_FALSE(parse_amsterdam_local("2026-07-01T12:00:00Z").has_value());
  EXPECT_FALSE(parse_amsterdam_local("").has_value());
  EXPECT_FALSE(parse_amsterdam_local("2026-07-01").has_value());
  EXPECT_FALSE(parse_amsterdam_local("2026-02-30T12:00").has_value());
  EXPECT_FALSE(parse_amsterdam_local("morgen om 12 uur").has_value());
}

TEST(AmsterdamTime, Format) {
  EXPECT_EQ(format_amsterdam(utc("2026-11-29T16:43:00Z")), "29-11-2026 17:43");
  EXPECT_EQ(format_amsterdam(utc("2026-07-01T10:00:00Z")), "01-07-2026 12:00");
  EXPECT_EQ(format_amsterdam(utc("2026-12-31T23:30:00Z")), "01-01-2027 00:30");
  EXPECT_EQ(format_amsterdam(utc("2026-03-29T00:59:00Z")), "29-03-2026 01:59");
  EXPECT_EQ(format_amsterdam(utc("2026-03-29T01:00:00Z")), "29-03-2026 03:00");
  EXPECT_EQ(format_amsterdam(utc("2026-10-25T00:30:00Z")), "25-10-2026 02:30");
  EXPECT_EQ(format_amsterdam(utc("2026-10-25T01:30:00Z")), "25-10-2026 02:30");
}

TEST(AmsterdamTime, ParseAndFormatAgree) {
  for (const char* local : {"2026-01-01T00:00", "2026-06-15T08:05", "2026-11-29T17:43", "2026-10-25T04:00"}) {
    const auto instant = parse_amsterdam_local(local);
    ASSERT_TRUE(instant.has_value()) << local;
    const std::string text = local;
    const std::string expected =
        text.substr(8, 2) + "-" + text.substr(5, 2) + "-" + text.substr(0, 4) + " " + text.substr(11, 5);
    EXPECT_EQ(format_amsterdam(*instant), expected) << local;
  }
}

TEST(AmsterdamTime, Date) {
  EXPECT_EQ(amsterdam_date(utc("2026-07-01T22:30:00Z")), d(2026, 7, 2));
  EXPECT_EQ(amsterdam_date(utc("2026-07-01T21:59:59Z")), d(2026, 7, 1));
  EXPECT_EQ(amsterdam_date(utc("2026-12-31T23:00:00Z")), d(2027, 1, 1));
  EXPECT_EQ(amsterdam_date(utc("2026-12-31T22:59:59Z")), d(2026, 12, 31));
}

}  // namespace
}  // namespace gezicht::domain
