// Rules about the household's record, worked out by hand: overdue actions,
// statuses, relation inverses, changes of fixed contact, the confirmation of
// one change too many and how long a former fixed contact reads.

#include "domain/record_rules.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "domain/continuity.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

Date day(const char* text) { return *parse_date(text); }

std::string fields_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ValidationError& error) {
    std::string text;
    for (const auto& e : error.errors()) text += (text.empty() ? "" : " ") + e.field + ":" + e.message_key;
    return text;
  }
  return "no error";
}

FixedContactChange change(std::optional<std::int64_t> from, std::int64_t to, const char* kind, const char* at,
                          std::optional<std::string> warm = std::nullopt) {
  FixedContactChange c;
  c.from_user_id = from;
  c.to_user_id = to;
  c.kind = kind;
  c.changed_at = at;
  c.warm_handover_on = std::move(warm);
  return c;
}

TEST(IsOverdue, AnOpenActionWhoseDayHasPassed) {
  const auto today = day("2026-11-27");
  EXPECT_TRUE(is_overdue("open", "2026-11-26", today));
  EXPECT_FALSE(is_overdue("open", "2026-11-27", today)) << "on its day it is due, not late";
  EXPECT_FALSE(is_overdue("open", "2026-12-01", today));
  EXPECT_FALSE(is_overdue("done", "2026-01-01", today));
  EXPECT_FALSE(is_overdue("cancelled", "2026-01-01", today));
  EXPECT_FALSE(is_overdue("open", "", today)) << "an unreadable date is never overdue";
  EXPECT_FALSE(is_overdue("open", "27-11-2026", today));
  Action action;
  action.status = "open";
  action.due_on = "2025-12-31";
  EXPECT_TRUE(is_overdue(action, today));
}

TEST(Statuses, ActionsAndGoalsHaveTheirOwnSets) {
  EXPECT_EQ(action_statuses(), (std::vector<std::string>{"open", "done", "cancelled"}));
  EXPECT_EQ(goal_statuses(), (std::vector<std::string>{"open", "reached", "dropped"}));
  for (const auto& status : action_statuses()) EXPECT_NO_THROW(validate_action_status(status));
  for (const auto& status : goal_statuses()) EXPECT_NO_THROW(validate_goal_status(status));
  EXPECT_EQ(fields_of([] { validate_action_status("reached"); }), "status:status.invalid");
  EXPECT_EQ(fields_of([] { validate_goal_status("done"); }), "status:status.invalid");
  EXPECT_EQ(fields_of([] { validate_action_status("Open"); }), "status:status.invalid");
  EXPECT_EQ(fields_of([] { validate_goal_status(""); }), "status:status.invalid");
}

TEST(InverseRelation, EachRelationReadsBackTheOtherWay) {
  EXPECT_EQ(inverse_relation("partner"), "partner");
  EXPECT_EQ(inverse_relation("parent"), "child");
  EXPECT_EQ(inverse_relation("child"), "parent");
  EXPECT_EQ(inverse_relation("sibling"), "sibling");
  EXPECT_EQ(inverse_relation("carer"), "other");
  EXPECT_EQ(inverse_relation("other"), "other");
  EXPECT_FALSE(inverse_relation("cousin"));
  EXPECT_FALSE(inverse_relation(""));
  for (const auto& relation : member_relations()) EXPECT_TRUE(inverse_relation(relation)) << relation;
}

TEST(FixedContactChange, ANewFaceForTheResidentCounts) {
  EXPECT_FALSE(counts_as_fixed_contact_change(change(std::nullopt, 10, "assignment", "2026-01-01T00:00:00Z")))
      << "the first face is no change";
  EXPECT_TRUE(counts_as_fixed_contact_change(change(10, 11, "handover", "2026-01-01T00:00:00Z")));
  EXPECT_TRUE(counts_as_fixed_contact_change(change(10, 11, "resident_request", "2026-01-01T00:00:00Z")));
  // Decided: a re-assignment after the contact left is a new face for the
  // resident, so it counts (it used to count as no change).
  EXPECT_TRUE(counts_as_fixed_contact_change(change(10, 12, "assignment", "2026-01-01T00:00:00Z")));
  EXPECT_FALSE(counts_as_fixed_contact_change(change(10, 10, "assignment", "2026-01-01T00:00:00Z")))
      << "the same face again is no change";
}

TEST(FixedContactChange, CountedInTheWindow) {
  const std::vector<FixedContactChange> changes{
      change(std::nullopt, 10, "assignment", "2025-06-01T00:00:00Z"),
      change(10, 11, "handover", "2025-11-27T08:59:59Z"),
      change(11, 12, "assignment", "2026-02-01T00:00:00Z"),
      change(12, 13, "resident_request", "2026-11-27T09:00:00Z"),
  };
  EXPECT_EQ(fixed_contact_changes_since(changes, "2025-11-27T09:00:00Z"), 2);
  EXPECT_EQ(fixed_contact_changes_since(changes, "2025-01-01T00:00:00Z"), 3);
  EXPECT_EQ(fixed_contact_changes_since({}, "2025-01-01T00:00:00Z"), 0);
}

TEST(HandoverNeedsConfirmation, OnAHouseholdAlreadyFlaggedForChanges) {
  EXPECT_FALSE(handover_needs_confirmation(0));
  EXPECT_FALSE(handover_needs_confirmation(1)) << "the second change flags it; it is not asked";
  EXPECT_TRUE(handover_needs_confirmation(2)) << "the third change in a year";
  EXPECT_TRUE(handover_needs_confirmation(5));
  // The same threshold as the flag.
  ContinuityIndices indices;
  for (int changes = 0; changes < 5; ++changes) {
    EXPECT_EQ(handover_needs_confirmation(changes), continuity_flags(indices, changes).fixed_contact_changes);
  }
}

TEST(HandoverChoices, OpenActionsAndTheConfirmationAreAskedOnlyWhenTheyMatter) {
  HandoverRequest request;
  EXPECT_EQ(fields_of([&] { validate_handover_choices(request, {0, 0}); }), "no error");
  EXPECT_EQ(fields_of([&] { validate_handover_choices(request, {2, 0}); }), "open_actions:open_actions.required");
  EXPECT_EQ(fields_of([&] {
              validate_handover_choices(request, {0, 2});
            }),
            "confirm_third_change:confirm_third_change.required");
  EXPECT_EQ(fields_of([&] {
              validate_handover_choices(request, {1, 2});
            }),
            "open_actions:open_actions.required confirm_third_change:confirm_third_change.required");
  request.open_actions = "hand_over";
  EXPECT_EQ(fields_of([&] { validate_handover_choices(request, {1, 0}); }), "no error");
  request.open_actions = "keep";
  EXPECT_EQ(fields_of([&] { validate_handover_choices(request, {1, 0}); }), "no error");
  EXPECT_EQ(fields_of([&] {
              validate_handover_choices(request, {0, 0});
            }),
            "no error")
      << "a choice without open actions does no harm";
  request.open_actions = "drop";
  EXPECT_EQ(fields_of([&] { validate_handover_choices(request, {1, 0}); }), "open_actions:open_actions.invalid");
  request.open_actions = "keep";
  request.confirm_third_change = true;
  EXPECT_EQ(fields_of([&] { validate_handover_choices(request, {1, 2}); }), "no error");
}

// 2026-11-27 is a Friday: five working days later is Friday 4 December.
constexpr const char* handed_over_at = "2026-11-27T09:00:00Z";

std::int64_t at(const char* text) { return *parse_timestamp(text); }

TEST(FormerContactReads, UntilTheWarmHandoverMeetingItsDayIncluded) {
  const std::vector<FixedContactChange> changes{change(10, 11, "handover", handed_over_at, "2026-12-02")};
  EXPECT_EQ(former_contact_read_access(changes, 10, at("2026-11-27T09:00:00Z")), day("2026-12-02"));
  EXPECT_EQ(former_contact_read_access(changes, 10, at("2026-12-02T22:59:00Z")), day("2026-12-02"))
      << "the meeting's day in Amsterdam (23:59 local)";
  EXPECT_FALSE(former_contact_read_access(changes, 10, at("2026-12-02T23:00:00Z"))) << "the next day in Amsterdam";
  EXPECT_FALSE(former_contact_read_access(changes, 11, at("2026-11-28T09:00:00Z"))) << "not the new contact's basis";
  EXPECT_FALSE(former_contact_read_access(changes, 12, at("2026-11-28T09:00:00Z")));
}

TEST(FormerContactReads, AMeetingThatAlreadyHappenedEndsItAtOnce) {
  const std::vector<FixedContactChange> changes{change(10, 11, "handover", handed_over_at, "2026-11-26")};
  EXPECT_FALSE(former_contact_read_access(changes, 10, at(handed_over_at)));
}

TEST(FormerContactReads, WithoutAMeetingForFiveWorkingDays) {
  EXPECT_EQ(former_contact_read_working_days, 5);
  const std::vector<FixedContactChange> changes{change(10, 11, "handover", handed_over_at)};
  EXPECT_EQ(former_contact_reads_until(changes.front()), day("2026-12-04"));
  EXPECT_TRUE(former_contact_read_access(changes, 10, at("2026-12-04T12:00:00Z")));
  EXPECT_FALSE(former_contact_read_access(changes, 10, at("2026-12-05T12:00:00Z")));
}

TEST(FormerContactReads, AResidentsRequestWithoutAMeetingOrAReassignmentEndsItAtOnce) {
  EXPECT_FALSE(former_contact_reads_until(change(10, 11, "resident_request", handed_over_at)));
  EXPECT_EQ(former_contact_reads_until(change(10, 11, "resident_request", handed_over_at, "2026-11-30")),
            day("2026-11-30"));
  EXPECT_FALSE(former_contact_reads_until(change(10, 11, "assignment", handed_over_at)));
  EXPECT_FALSE(former_contact_reads_until(change(std::nullopt, 11, "assignment", handed_over_at)));
}

TEST(FormerContactReads, TheLatestChangeAwayFromThemDecides) {
  // 10 handed over to 11 long ago, got it back, and handed over again now.
  const std::vector<FixedContactChange> changes{
      change(10, 11, "handover", handed_over_at, "2026-12-02"),
      change(10, 11, "handover", "2026-01-05T09:00:00Z", "2026-12-20"),
      change(11, 10, "handover", "2026-03-05T09:00:00Z", "2026-03-06"),
  };
  EXPECT_EQ(former_contact_read_access(changes, 10, at(handed_over_at)), day("2026-12-02"));
  EXPECT_FALSE(former_contact_read_access(changes, 11, at(handed_over_at)));
}

}  // namespace
}  // namespace gezicht::domain
