// The rule that gives a household one fixed contact.

#include "domain/fixed_contact_assigner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace gezicht::domain {
namespace {

AssignmentCandidate person(std::int64_t id, std::vector<std::string> languages, int caseload) {
  return AssignmentCandidate{id, std::move(languages), caseload};
}

AssignmentRequest request(std::vector<AssignmentCandidate> team, int cap, std::string language = "",
                          std::optional<std::int64_t> current = std::nullopt) {
  AssignmentRequest r;
  r.current_fixed_contact = current;
  r.team = std::move(team);
  r.caseload_cap = cap;
  r.preferred_language = std::move(language);
  return r;
}

void expect_assignment(const std::optional<Assignment>& got, std::int64_t id, AssignmentReason reason) {
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->professional_id, id);
  EXPECT_EQ(got->reason, reason) << "got " << to_string(got->reason) << ", expected " << to_string(reason);
}

TEST(AssignFixedContact, KeepsTheCurrentContactEvenOverCap) {
  const auto r = request({person(1, {"nl"}, 30), person(2, {"nl", "ar"}, 0)}, 20, "ar", 1);
  expect_assignment(assign_fixed_contact(r), 1, AssignmentReason::existing_contact);
}

TEST(AssignFixedContact, KeepsTheCurrentContactWithRoom) {
  const auto r = request({person(1, {"nl"}, 3), person(2, {"nl"}, 0)}, 20, "", 1);
  expect_assignment(assign_fixed_contact(r), 1, AssignmentReason::existing_contact);
}

TEST(AssignFixedContact, AKnownFaceWithRoomComesBeforeLanguageAndCaseload) {
  auto r = request({person(1, {"nl", "ar"}, 0), person(2, {"nl"}, 10), person(3, {"nl"}, 5)}, 20, "ar");
  r.known_faces = {2, 3, 99};
  expect_assignment(assign_fixed_contact(r), 3, AssignmentReason::known_face);
  r.team[2].caseload = 20;  // the least full known face is at the cap: the other known face
  expect_assignment(assign_fixed_contact(r), 2, AssignmentReason::known_face);
  r.team[1].caseload = 20;  // no known face has room: the usual rule
  expect_assignment(assign_fixed_contact(r), 1, AssignmentReason::language_match);
}

TEST(AssignFixedContact, LanguageMatchWithRoomBeatsLowerCaseloadNonSpeaker) {
  const auto r = request({person(1, {"nl"}, 0), person(2, {"nl", "tr"}, 15), person(3, {"en"}, 1)}, 20, "tr");
  expect_assignment(assign_fixed_contact(r), 2, AssignmentReason::language_match);
}

TEST(AssignFixedContact, AmongSpeakersTheLeastFullWins) {
  const auto r = request(
      {person(1, {"ar"}, 12), person(2, {"nl"}, 0), person(3, {"ar", "nl"}, 4), person(4, {"ar"}, 9)}, 20, "ar");
  expect_assignment(assign_fixed_contact(r), 3, AssignmentReason::language_match);
}

TEST(AssignFixedContact, ASpeakerAtCapDoesNotCount) {
  // Person 2 speaks Polish but is full: the lowest caseload with room wins.
  const auto r = request({person(1, {"nl"}, 7), person(2, {"pl"}, 20), person(3, {"nl"}, 5)}, 20, "pl");
  expect_assignment(assign_fixed_contact(r), 3, AssignmentReason::lowest_caseload);
}

TEST(AssignFixedContact, WithoutASpeakerTheLowestCaseloadWithRoom) {
  const auto r = request({person(1, {"nl"}, 9), person(2, {"nl", "en"}, 2), person(3, {"nl"}, 5)}, 10, "so");
  expect_assignment(assign_fixed_contact(r), 2, AssignmentReason::lowest_caseload);
}

TEST(AssignFixedContact, NoPreferredLanguageIsNeverALanguageMatch) {
  // An empty language must not match a professional with an empty language entry.
  const auto r = request({person(1, {""}, 6), person(2, {"nl"}, 3)}, 10, "");
  expect_assignment(assign_fixed_contact(r), 2, AssignmentReason::lowest_caseload);
}

TEST(AssignFixedContact, TiesGoToTheLowestId) {
  const auto r = request({person(9, {"nl"}, 4), person(3, {"nl"}, 4), person(7, {"nl"}, 4), person(5, {"nl"}, 6)}, 10);
  expect_assignment(assign_fixed_contact(r), 3, AssignmentReason::lowest_caseload);
  const auto speakers = request({person(8, {"ar"}, 2), person(4, {"ar"}, 2), person(1, {"nl"}, 0)}, 10, "ar");
  expect_assignment(assign_fixed_contact(speakers), 4, AssignmentReason::language_match);
}

TEST(AssignFixedContact, EverybodyAtCapGoesToTheLeastFullOverCap) {
  const auto r = request({person(1, {"ar"}, 25), person(2, {"nl"}, 20), person(3, {"nl"}, 22)}, 20, "ar");
  expect_assignment(assign_fixed_contact(r), 2, AssignmentReason::over_cap);
  const auto tie = request({person(6, {"nl"}, 21), person(4, {"nl"}, 21)}, 20);
  expect_assignment(assign_fixed_contact(tie), 4, AssignmentReason::over_cap);
}

TEST(AssignFixedContact, CaseloadEqualToCapHasNoRoom) {
  const auto r = request({person(1, {"nl"}, 10), person(2, {"nl"}, 11)}, 10);
  expect_assignment(assign_fixed_contact(r), 1, AssignmentReason::over_cap);
  const auto one_below = request({person(1, {"nl"}, 10), person(2, {"nl"}, 9)}, 10);
  expect_assignment(assign_fixed_contact(one_below), 2, AssignmentReason::lowest_caseload);
}

TEST(AssignFixedContact, EmptyTeamGivesNobody) {
  EXPECT_FALSE(assign_fixed_contact(request({}, 20, "nl")).has_value());
}

TEST(AssignFixedContact, ReasonNames) {
  EXPECT_STREQ(to_string(AssignmentReason::existing_contact), "existing_contact");
  EXPECT_STREQ(to_string(AssignmentReason::language_match), "language_match");
  EXPECT_STREQ(to_string(AssignmentReason::lowest_caseload), "lowest_caseload");
  EXPECT_STREQ(to_string(AssignmentReason::over_cap), "over_cap");
}

// Random teams: the outcome always follows the rule.
TEST(AssignFixedContact, PropertyOverRandomTeams) {
  std::mt19937 random(20261129);
  const std::vector<std::string> languages{"nl", "en", "ar", "tr", "pl", "so"};
  auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };

  for (int round = 0; round < 1000; ++round) {
    AssignmentRequest r;
    r.caseload_cap = pick(0, 12);
    r.preferred_language = pick(0, 4) == 0 ? "" : languages[pick(0, 5)];
    const int size = pick(1, 8);
    std::vector<std::int64_t> ids;
    while (static_cast<int>(ids.size()) < size) {
      const std::int64_t id = pick(1, 40);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    for (auto id : ids) {
      AssignmentCandidate c;
      c.professional_id = id;
      c.caseload = pick(0, 15);
      for (const auto& language : languages) {
        if (pick(0, 2) == 0) c.languages.push_back(language);
      }
      r.team.push_back(c);
    }
    SCOPED_TRACE("round " + std::to_string(round));

    const auto result = assign_fixed_contact(r);
    ASSERT_TRUE(result.has_value());
    const auto chosen = std::find_if(r.team.begin(), r.team.end(), [&](const AssignmentCandidate& c) {
      return c.professional_id == result->professional_id;
    });
    ASSERT_NE(chosen, r.team.end()) << "the chosen person is in the team";

    auto has_room = [&](const AssignmentCandidate& c) { return c.caseload < r.caseload_cap; };
    auto speaks = [&](const AssignmentCandidate& c) {
      return !r.preferred_language.empty() &&
             std::find(c.languages.begin(), c.languages.end(), r.preferred_language) != c.languages.end();
    };
    const bool anyone_has_room = std::any_of(r.team.begin(), r.team.end(), has_room);
    const bool speaker_has_room =
        std::any_of(r.team.begin(), r.team.end(), [&](const auto& c) { return has_room(c) && speaks(c); });

    if (anyone_has_room)
      EXPECT_TRUE(has_room(*chosen)) << "someone has room, so the chosen must have room";
    else
      EXPECT_EQ(result->reason, AssignmentReason::over_cap);
    if (speaker_has_room) {
      EXPECT_EQ(result->reason, AssignmentReason::language_match);
      EXPECT_TRUE(speaks(*chosen));
    } else if (anyone_has_room) {
      EXPECT_EQ(result->reason, AssignmentReason::lowest_caseload);
    }

    // Nobody in the same group is less full, or as full with a lower id.
    for (const auto& other : r.team) {
      const bool same_group = result->reason == AssignmentReason::language_match    ? has_room(other) && speaks(other)
                              : result->reason == AssignmentReason::lowest_caseload ? has_room(other)
                                                                                    : true;
      if (!same_group) continue;
      EXPECT_FALSE(other.caseload < chosen->caseload ||
                   (other.caseload == chosen->caseload && other.professional_id < chosen->professional_id))
          << "person " << other.professional_id << " should have been chosen over " << chosen->professional_id;
    }

    // Whoever is the current contact stays, team or no team.
    r.current_fixed_contact = 1000 + round;
    expect_assignment(assign_fixed_contact(r), 1000 + round, AssignmentReason::existing_contact);
  }
}

}  // namespace
}  // namespace gezicht::domain
