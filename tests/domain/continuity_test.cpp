// Continuity of care: UPC, COC and SECON over a household's contacts, and the flags.

#include "domain/continuity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <vector>

namespace gezicht::domain {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNow = 1'750'000'000;  // a fixed moment, so the tests do not depend on the clock
constexpr std::int64_t A = 11, B = 22, C = 33, D = 44, E = 55;

Contact days_ago(std::int64_t days, std::int64_t professional) { return Contact{kNow - days * kDay, professional}; }

// One contact a day, oldest first, in the order given.
std::vector<Contact> sequence(const std::vector<std::int64_t>& professionals) {
  std::vector<Contact> contacts;
  const auto n = static_cast<std::int64_t>(professionals.size());
  for (std::int64_t i = 0; i < n; ++i) contacts.push_back(days_ago(n - i, professionals[i]));
  return contacts;
}

// A tolerance, so an equivalent formula with other rounding still passes.
testing::AssertionResult is(const std::optional<double>& actual, double expected) {
  if (!actual) return testing::AssertionFailure() << "nullopt, expected " << expected;
  if (std::abs(*actual - expected) > 1e-12) return testing::AssertionFailure() << *actual << ", expected " << expected;
  return testing::AssertionSuccess();
}

void expect_undefined(const ContinuityIndices& indices) {
  EXPECT_FALSE(indices.upc.has_value());
  EXPECT_FALSE(indices.coc.has_value());
  EXPECT_FALSE(indices.secon.has_value());
}

// --- Few contacts -----------------------------------------------------------------------------------------------

TEST(Continuity, NoContacts) {
  const auto indices = continuity_indices(std::vector<Contact>{}, kNow);
  EXPECT_EQ(indices.window_days, 365);
  EXPECT_EQ(indices.contacts, 0);
  EXPECT_EQ(indices.distinct_faces, 0);
  EXPECT_EQ(indices.distinct_faces_90d, 0);
  expect_undefined(indices);
}

TEST(Continuity, OneContactIsUndefinedButHasAFace) {
  const auto indices = continuity_indices(std::vector<Contact>{days_ago(3, A)}, kNow);
  EXPECT_EQ(indices.contacts, 1);
  EXPECT_EQ(indices.distinct_faces, 1);
  EXPECT_EQ(indices.distinct_faces_90d, 1);
  expect_undefined(indices);
}

TEST(Continuity, TwoContactsWithTheSameProfessional) {
  const auto indices = continuity_indices(sequence({A, A}), kNow);
  EXPECT_EQ(indices.contacts, 2);
  EXPECT_EQ(indices.distinct_faces, 1);
  EXPECT_TRUE(is(indices.upc, 1.0));
  EXPECT_TRUE(is(indices.coc, 1.0));
  EXPECT_TRUE(is(indices.secon, 1.0));
}

TEST(Continuity, TwoContactsWithDifferentProfessionals) {
  const auto indices = continuity_indices(sequence({A, B}), kNow);
  EXPECT_EQ(indices.contacts, 2);
  EXPECT_EQ(indices.distinct_faces, 2);
  EXPECT_TRUE(is(indices.upc, 0.5));
  EXPECT_TRUE(is(indices.coc, 0.0));
  EXPECT_TRUE(is(indices.secon, 0.0));
}

// --- Hand-worked patterns ---------------------------------------------------------------------------------------

TEST(Continuity, AllWithOneProfessional) {
  const auto indices = continuity_indices(sequence({A, A, A, A, A}), kNow);
  EXPECT_EQ(indices.contacts, 5);
  EXPECT_EQ(indices.distinct_faces, 1);
  // COC: (25 - 5) / (5 * 4) = 1; SECON: 4 / 4.
  EXPECT_TRUE(is(indices.upc, 1.0));
  EXPECT_TRUE(is(indices.coc, 1.0));
  EXPECT_TRUE(is(indices.secon, 1.0));
}

TEST(Continuity, AllDifferent) {
  const auto indices = continuity_indices(sequence({A, B, C, D}), kNow);
  EXPECT_EQ(indices.contacts, 4);
  EXPECT_EQ(indices.distinct_faces, 4);
  EXPECT_EQ(indices.distinct_faces_90d, 4);
  // COC: (1 + 1 + 1 + 1 - 4) / (4 * 3) = 0.
  EXPECT_TRUE(is(indices.upc, 0.25));
  EXPECT_TRUE(is(indices.coc, 0.0));
  EXPECT_TRUE(is(indices.secon, 0.0));
}

TEST(Continuity, Alternating) {
  const auto indices = continuity_indices(sequence({A, B, A, B, A, B}), kNow);
  EXPECT_EQ(indices.contacts, 6);
  EXPECT_EQ(indices.distinct_faces, 2);
  // COC: (9 + 9 - 6) / (6 * 5) = 12 / 30; no two neighbours alike.
  EXPECT_TRUE(is(indices.upc, 0.5));
  EXPECT_TRUE(is(indices.coc, 0.4));
  EXPECT_TRUE(is(indices.secon, 0.0));
}

TEST(Continuity, Grouped) {
  const auto indices = continuity_indices(sequence({A, A, A, B, B, B}), kNow);
  // Same counts as alternating, so the same UPC and COC; only the order differs:
  // pairs AA, AA, AB, BB, BB -> 4 of 5 alike.
  EXPECT_TRUE(is(indices.upc, 0.5));
  EXPECT_TRUE(is(indices.coc, 0.4));
  EXPECT_TRUE(is(indices.secon, 0.8));
}

TEST(Continuity, UnevenCounts) {
  // n = {A: 3, B: 1}: UPC 3/4; COC (9 + 1 - 4) / (4 * 3) = 0.5; pairs AA, AB, BA -> 1/3.
  const auto indices = continuity_indices(sequence({A, A, B, A}), kNow);
  EXPECT_TRUE(is(indices.upc, 0.75));
  EXPECT_TRUE(is(indices.coc, 0.5));
  EXPECT_TRUE(is(indices.secon, 1.0 / 3.0));
}

// --- The window -------------------------------------------------------------------------------------------------

TEST(ContinuityWindow, ExactlyAYearAgoIsOutOneSecondLaterIsIn) {
  const Contact year_ago{kNow - 365 * kDay, A};
  const Contact just_inside{kNow - 365 * kDay + 1, A};
  EXPECT_EQ(continuity_indices({year_ago}, kNow).contacts, 0);
  EXPECT_EQ(continuity_indices({year_ago}, kNow).distinct_faces, 0);
  EXPECT_EQ(continuity_indices({just_inside}, kNow).contacts, 1);
  EXPECT_EQ(continuity_indices({just_inside}, kNow).distinct_faces, 1);
}

TEST(ContinuityWindow, NowItselfCounts) { EXPECT_EQ(continuity_indices({Contact{kNow, A}}, kNow).contacts, 1); }

TEST(ContinuityWindow, FutureContactsDoNotCount) {
  const auto indices = continuity_indices({days_ago(10, A), days_ago(5, A), Contact{kNow + 1, B}}, kNow);
  EXPECT_EQ(indices.contacts, 2);
  EXPECT_EQ(indices.distinct_faces, 1);
  EXPECT_EQ(indices.distinct_faces_90d, 1);
  // B would have lowered all three.
  EXPECT_TRUE(is(indices.upc, 1.0));
  EXPECT_TRUE(is(indices.coc, 1.0));
  EXPECT_TRUE(is(indices.secon, 1.0));
}

TEST(ContinuityWindow, OnlyFutureContactsLeaveNothing) {
  const auto indices = continuity_indices({Contact{kNow + 1, A}, Contact{kNow + kDay, A}}, kNow);
  EXPECT_EQ(indices.contacts, 0);
  EXPECT_EQ(indices.distinct_faces, 0);
  expect_undefined(indices);
}

TEST(ContinuityWindow, NinetyDayFacesCountedApartFromTheYear) {
  const auto indices = continuity_indices(
      {days_ago(200, A), days_ago(150, B), days_ago(100, C), days_ago(30, D), days_ago(10, E), days_ago(5, D)}, kNow);
  EXPECT_EQ(indices.contacts, 6);
  EXPECT_EQ(indices.distinct_faces, 5);
  EXPECT_EQ(indices.distinct_faces_90d, 2);
}

TEST(ContinuityWindow, NinetyDayBoundary) {
  const Contact ninety_days_ago{kNow - 90 * kDay, A};
  const Contact just_inside{kNow - 90 * kDay + 1, B};
  const auto indices = continuity_indices({ninety_days_ago, just_inside}, kNow);
  EXPECT_EQ(indices.distinct_faces, 2);
  EXPECT_EQ(indices.distinct_faces_90d, 1);
}

TEST(ContinuityWindow, ShorterWindowAlsoLimitsTheNinetyDayFaces) {
  const auto indices = continuity_indices({days_ago(60, A), days_ago(10, B), days_ago(5, B)}, kNow, 30);
  EXPECT_EQ(indices.window_days, 30);
  EXPECT_EQ(indices.contacts, 2);
  EXPECT_EQ(indices.distinct_faces, 1);
  EXPECT_EQ(indices.distinct_faces_90d, 1);
  EXPECT_TRUE(is(indices.upc, 1.0));
}

TEST(ContinuityWindow, LongerWindowCountsOlderContacts) {
  const std::vector<Contact> contacts{days_ago(500, A), days_ago(10, B)};
  EXPECT_EQ(continuity_indices(contacts, kNow).contacts, 1);
  const auto two_years = continuity_indices(contacts, kNow, 730);
  EXPECT_EQ(two_years.window_days, 730);
  EXPECT_EQ(two_years.contacts, 2);
  EXPECT_EQ(two_years.distinct_faces, 2);
  EXPECT_EQ(two_years.distinct_faces_90d, 1);
}

// --- Order ------------------------------------------------------------------------------------------------------

TEST(ContinuityOrder, UnsortedGivesTheSameSeconAsSorted) {
  auto contacts = sequence({A, A, A, B, B, B});
  const auto sorted = continuity_indices(contacts, kNow);
  std::reverse(contacts.begin(), contacts.end());
  const auto reversed = continuity_indices(contacts, kNow);
  ASSERT_TRUE(sorted.secon.has_value());
  EXPECT_TRUE(is(reversed.secon, *sorted.secon));
  EXPECT_TRUE(is(reversed.secon, 0.8));
}

TEST(ContinuityOrder, SeconFollowsTimeNotInputOrder) {
  // Given as A, B, A, B, A, B, but in time it is A, A, A, B, B, B.
  const std::vector<Contact> contacts{days_ago(6, A), days_ago(3, B), days_ago(5, A),
                                      days_ago(2, B), days_ago(4, A), days_ago(1, B)};
  EXPECT_TRUE(is(continuity_indices(contacts, kNow).secon, 0.8));
}

TEST(ContinuityOrder, TiesKeepInputOrder) {
  // B and A at the same second, then A: in input order B, A, A -> 1 of 2 pairs alike.
  // Breaking the tie by professional (A, B, A) would give 0.
  const std::vector<Contact> contacts{days_ago(2, B), days_ago(2, A), days_ago(1, A)};
  EXPECT_TRUE(is(continuity_indices(contacts, kNow).secon, 0.5));
  // And the other way round: A, B, B.
  const std::vector<Contact> swapped{days_ago(2, A), days_ago(2, B), days_ago(1, B)};
  EXPECT_TRUE(is(continuity_indices(swapped, kNow).secon, 0.5));
  const std::vector<Contact> apart{days_ago(2, A), days_ago(2, B), days_ago(1, A)};
  EXPECT_TRUE(is(continuity_indices(apart, kNow).secon, 0.0));
}

// --- Properties -------------------------------------------------------------------------------------------------

bool in_unit_interval(const std::optional<double>& value) { return value && *value >= 0.0 && *value <= 1.0; }

TEST(ContinuityProperties, RandomContacts) {
  std::mt19937 random(20260301);
  std::uniform_int_distribution<int> count(0, 30);
  std::uniform_int_distribution<int> team_size(1, 6);
  std::uniform_int_distribution<std::int64_t> age(0, 365 * kDay - 1);  // inside (now - 365 days, now]

  for (int round = 0; round < 2000 && !HasFailure(); ++round) {
    SCOPED_TRACE(round);
    const int n = count(random);
    std::uniform_int_distribution<std::int64_t> professional(1, team_size(random));
    std::vector<Contact> contacts;
    std::set<std::int64_t> faces;
    for (int i = 0; i < n; ++i) {
      contacts.push_back(Contact{kNow - age(random), professional(random)});
      faces.insert(contacts.back().professional);
    }

    const auto indices = continuity_indices(contacts, kNow);
    EXPECT_EQ(indices.contacts, n);
    EXPECT_EQ(indices.distinct_faces, static_cast<int>(faces.size()));
    EXPECT_LE(indices.distinct_faces_90d, indices.distinct_faces);
    if (n < 2) {
      expect_undefined(indices);
      continue;
    }
    EXPECT_TRUE(in_unit_interval(indices.upc));
    EXPECT_TRUE(in_unit_interval(indices.coc));
    EXPECT_TRUE(in_unit_interval(indices.secon));
    // Exactly 1, with no tolerance: the integer sums make it so.
    EXPECT_EQ(*indices.coc == 1.0, faces.size() == 1);
    // The busiest face has at least an equal share.
    EXPECT_GE(*indices.upc, 1.0 / indices.distinct_faces);

    // Same times, same professionals, different pairing: the counts do not move.
    std::vector<std::int64_t> who;
    for (const auto& contact : contacts) who.push_back(contact.professional);
    std::shuffle(who.begin(), who.end(), random);
    auto shuffled = contacts;
    for (std::size_t i = 0; i < shuffled.size(); ++i) shuffled[i].professional = who[i];
    const auto again = continuity_indices(shuffled, kNow);
    EXPECT_EQ(again.contacts, indices.contacts);
    EXPECT_EQ(again.distinct_faces, indices.distinct_faces);
    EXPECT_EQ(again.upc, indices.upc);
    EXPECT_EQ(again.coc, indices.coc);
    EXPECT_TRUE(in_unit_interval(again.secon));
  }
}

// --- Flags ------------------------------------------------------------------------------------------------------

ContinuityIndices with_recent_faces(int faces) {
  ContinuityIndices indices;
  indices.distinct_faces_90d = faces;
  return indices;
}

TEST(ContinuityFlags, ThreeFacesInNinetyDaysIsNotFlaggedFourIs) {
  EXPECT_FALSE(continuity_flags(with_recent_faces(3), 0).many_faces);
  EXPECT_TRUE(continuity_flags(with_recent_faces(4), 0).many_faces);
}

TEST(ContinuityFlags, ManyFacesLooksAtTheLastNinetyDaysOnly) {
  auto indices = with_recent_faces(2);
  indices.distinct_faces = 5;
  EXPECT_FALSE(continuity_flags(indices, 0).many_faces);
}

TEST(ContinuityFlags, FromContacts) {
  const auto four = continuity_indices({days_ago(80, A), days_ago(60, B), days_ago(40, C), days_ago(20, D)}, kNow);
  EXPECT_TRUE(continuity_flags(four, 0).many_faces);
  const auto three_recent =
      continuity_indices({days_ago(120, A), days_ago(60, B), days_ago(40, C), days_ago(20, D)}, kNow);
  EXPECT_FALSE(continuity_flags(three_recent, 0).many_faces);
}

TEST(ContinuityFlags, OneChangeOfFixedContactIsNotFlaggedTwoAre) {
  EXPECT_FALSE(continuity_flags(with_recent_faces(0), 0).fixed_contact_changes);
  EXPECT_FALSE(continuity_flags(with_recent_faces(0), 1).fixed_contact_changes);
  EXPECT_TRUE(continuity_flags(with_recent_faces(0), 2).fixed_contact_changes);
  EXPECT_TRUE(continuity_flags(with_recent_faces(0), 3).fixed_contact_changes);
}

TEST(ContinuityFlags, AnyIsEitherFlag) {
  EXPECT_FALSE(continuity_flags(with_recent_faces(3), 1).any());
  EXPECT_TRUE(continuity_flags(with_recent_faces(4), 1).any());
  EXPECT_TRUE(continuity_flags(with_recent_faces(3), 2).any());
  EXPECT_TRUE(continuity_flags(with_recent_faces(4), 2).any());
}

// --- Against the definitions, counted the long way ----------------------------------------------------------------

// The indices as the header defines them, with maps and a stable sort.
ContinuityIndices by_definition(std::vector<Contact> contacts, std::int64_t now, int window_days) {
  const auto within = [&](const Contact& c, int days) { return now - days * kDay < c.at && c.at <= now; };
  std::vector<Contact> counted;
  for (const auto& c : contacts) {
    if (within(c, window_days)) counted.push_back(c);
  }
  ContinuityIndices indices;
  indices.window_days = window_days;
  indices.contacts = static_cast<int>(counted.size());
  std::map<std::int64_t, std::int64_t> per_face;
  std::set<std::int64_t> recent;
  for (const auto& c : counted) {
    ++per_face[c.professional];
    if (within(c, 90)) recent.insert(c.professional);
  }
  indices.distinct_faces = static_cast<int>(per_face.size());
  indices.distinct_faces_90d = static_cast<int>(recent.size());
  const auto n = static_cast<std::int64_t>(counted.size());
  if (n < 2) return indices;
  std::int64_t most = 0;
  std::int64_t squares = 0;
  for (const auto& [face, count] : per_face) {
    most = std::max(most, count);
    squares += count * count;
  }
  indices.upc = static_cast<double>(most) / static_cast<double>(n);
  indices.coc = static_cast<double>(squares - n) / static_cast<double>(n * (n - 1));
  std::stable_sort(counted.begin(), counted.end(), [](const Contact& a, const Contact& b) { return a.at < b.at; });
  std::int64_t same = 0;
  for (std::size_t i = 1; i < counted.size(); ++i) same += counted[i].professional == counted[i - 1].professional;
  indices.secon = static_cast<double>(same) / static_cast<double>(n - 1);
  return indices;
}

TEST(ContinuityIndices, AgreeWithTheDefinitionsInAndOutOfTimeOrderWithFewAndManyFaces) {
  std::mt19937 rng(2026);
  for (int round = 0; round < 3000; ++round) {
    const int faces = 1 + static_cast<int>(rng() % (round % 3 == 0 ? 30 : 5));  // sometimes more than 16
    const int count = static_cast<int>(rng() % (round % 7 == 0 ? 120 : 12));
    std::vector<Contact> contacts;
    for (int i = 0; i < count; ++i) {
      // Some in the future, some before the window, some at the same second.
      const std::int64_t at = kNow - static_cast<std::int64_t>(rng() % (500 * kDay)) + 30 * kDay;
      contacts.push_back({round % 5 == 0 ? at - at % kDay : at, 100 + static_cast<std::int64_t>(rng() % faces)});
    }
    if (round % 2 == 0) {
      std::stable_sort(contacts.begin(), contacts.end(),
                       [](const Contact& a, const Contact& b) { return a.at < b.at; });
    }
    const int window = round % 4 == 0 ? 60 : 365;
    const auto expected = by_definition(contacts, kNow, window);
    const auto actual = continuity_indices(contacts, kNow, window);
    ASSERT_EQ(actual.contacts, expected.contacts) << round;
    ASSERT_EQ(actual.distinct_faces, expected.distinct_faces) << round;
    ASSERT_EQ(actual.distinct_faces_90d, expected.distinct_faces_90d) << round;
    ASSERT_EQ(actual.upc.has_value(), expected.upc.has_value()) << round;
    if (!expected.upc) continue;
    EXPECT_TRUE(is(actual.upc, *expected.upc)) << round;
    EXPECT_TRUE(is(actual.coc, *expected.coc)) << round;
    EXPECT_TRUE(is(actual.secon, *expected.secon)) << round;
  }
}

}  // namespace
}  // namespace gezicht::domain
