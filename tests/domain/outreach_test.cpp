// Time in the neighbourhood: what a record must be, and which planned time
// the front door lists for the coming week.
#include "domain/outreach.hpp"

#include <gtest/gtest.h>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

// Friday 4 December 2026, 15:00 UTC (16:00 in Amsterdam).
const std::int64_t now = *parse_timestamp("2026-12-04T15:00:00Z");

OutreachInput planned_round() {
  OutreachInput input;
  input.kind = "outreach_round";
  input.place = "  Markt op het   Wilhelminaplein ";
  input.address = "Wilhelminaplein";
  input.starts_at = "2026-12-08T10:00";  // Amsterdam wall-clock time
  input.ends_at = "2026-12-08T12:30";
  return input;
}

std::vector<std::string> fields_of(const OutreachInput& input) {
  try {
    validate_outreach(input, now);
  } catch (const ValidationError& error) {
    std::vector<std::string> fields;
    for (const auto& e : error.errors()) fields.push_back(e.field + ":" + e.message_key);
    return fields;
  }
  return {};
}

TEST(OutreachValidation, PlannedTimeInAmsterdamBecomesUtc) {
  const auto valid = validate_outreach(planned_round(), now);
  EXPECT_EQ(valid.kind, "outreach_round");
  EXPECT_EQ(valid.place, "Markt op het Wilhelminaplein");
  EXPECT_EQ(format_timestamp(valid.starts_at), "2026-12-08T09:00:00Z");  // CET is UTC+1 in December
  EXPECT_EQ(format_timestamp(valid.ends_at), "2026-12-08T11:30:00Z");
  EXPECT_FALSE(valid.residents_met.has_value());
  EXPECT_TRUE(valid.on_front_door);
}

TEST(OutreachValidation, HeldTimeCarriesRoughlyHowManyResidentsWereMet) {
  auto input = planned_round();
  input.kind = "walk_in";
  input.starts_at = "2026-12-03T09:00:00Z";  // the API's UTC form
  input.ends_at = "2026-12-03T11:00:00Z";
  input.residents_met = " 14 ";
  EXPECT_EQ(validate_outreach(input, now).residents_met, 14);
}

TEST(OutreachValidation, EveryProblemIsNamedAtOnce) {
  OutreachInput input;
  EXPECT_EQ(fields_of(input),
            (std::vector<std::string>{"kind:outreach.kind_required", "place:outreach.place_required",
                                      "starts_at:outreach.starts_required", "ends_at:outreach.ends_required"}));
  input = planned_round();
  input.kind = "home_visit";
  input.place = std::string(201, 'x');
  input.address = "Plein\x01";
  input.starts_at = "morgen";
  input.ends_at = "2026-12-08T12:30";
  input.residents_met = "veel";
  EXPECT_EQ(fields_of(input),
            (std::vector<std::string>{"kind:outreach.kind_invalid", "place:outreach.place_invalid",
                                      "address:outreach.address_invalid", "starts_at:outreach.time_invalid",
                                      "residents_met:outreach.residents_met_invalid"}));
}

TEST(OutreachValidation, TimesMustMakeSense) {
  auto input = planned_round();
  input.ends_at = "2026-12-08T10:00";
  EXPECT_EQ(fields_of(input), std::vector<std::string>{"ends_at:outreach.ends_before_start"});
  input.ends_at = "2026-12-08T22:01";  // 12 hours and a minute
  EXPECT_EQ(fields_of(input), std::vector<std::string>{"ends_at:outreach.too_long"});
  input.ends_at = "2026-12-08T22:00";  // exactly 12 hours
  EXPECT_TRUE(fields_of(input).empty());
  input = planned_round();
  input.starts_at = "2026-09-01T10:00";  // more than 92 days ago
  input.ends_at = "2026-09-01T11:00";
  EXPECT_EQ(fields_of(input), std::vector<std::string>{"starts_at:outreach.too_long_ago"});
  input.starts_at = "2027-02-10T10:00";  // more than 62 days ahead
  input.ends_at = "2027-02-10T11:00";
  EXPECT_EQ(fields_of(input), std::vector<std::string>{"starts_at:outreach.too_far_ahead"});
}

TEST(OutreachValidation, NobodyIsMetBeforeTheTimeBegins) {
  auto input = planned_round();
  input.residents_met = "3";
  EXPECT_EQ(fields_of(input), std::vector<std::string>{"residents_met:outreach.residents_met_future"});
  EXPECT_NO_THROW(check_residents_met_allowed(now, now));  // begun this very second
  EXPECT_THROW(check_residents_met_allowed(now + 1, now), ValidationError);
  EXPECT_EQ(parse_residents_met(""), std::nullopt);
  EXPECT_EQ(parse_residents_met("5000"), 5000);
  EXPECT_THROW(parse_residents_met("5001"), ValidationError);
  EXPECT_THROW(parse_residents_met("-1"), ValidationError);
  EXPECT_THROW(parse_residents_met("12345"), ValidationError);
}

TEST(OutreachCancel, OnlyTimeThatHasNotBegun) {
  EXPECT_TRUE(may_cancel_outreach(now + 60, now));
  EXPECT_FALSE(may_cancel_outreach(now, now));
  EXPECT_FALSE(may_cancel_outreach(now - 60, now));
}

TEST(OutreachPresence, TheComingWeekOfOneTeamSoonestFirst) {
  const std::int64_t hour = 3600;
  const std::int64_t day = 24 * hour;
  std::vector<OutreachListing> listings{
      {1, 1, 10, "walk_in", "Buurthuis", "", now + 2 * day, now + 2 * day + hour},
      {2, 1, 11, "outreach_round", "Markt", "", now + hour, now + 2 * hour},
      {3, 2, 20, "walk_in", "Zuid", "", now + hour, now + 2 * hour},                // another team
      {4, 1, 12, "community_activity", "Koffie", "", now - hour, now + hour},       // going on now
      {5, 1, 10, "walk_in", "Buurthuis", "", now - 2 * hour, now},                  // just ended
      {6, 1, 10, "walk_in", "Buurthuis", "", now + 7 * day, now + 7 * day + hour},  // a week from now
      {7, 1, 13, "walk_in", "Bieb", "", now + 7 * day - 1, now + 7 * day + hour},   // just inside the week
      {8, 1, 11, "outreach_round", "Plein", "", now + hour, now + 3 * hour},        // same start as 2
  };
  std::vector<std::int64_t> ids;
  for (const auto& listing : coming_week(listings, 1, now)) ids.push_back(listing.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{4, 2, 8, 1, 7}));
  EXPECT_TRUE(coming_week(listings, 3, now).empty());
}

}  // namespace
}  // namespace gezicht::domain
