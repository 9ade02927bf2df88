// The order in which the record shows its lists (domain/record_order.hpp).

#include "domain/record_order.hpp"

#include <gtest/gtest.h>

namespace gezicht::domain {
namespace {

TEST(RecordOrder, AdultsFirstThenByBirthYearUnknownFirst) {
  std::vector<HouseholdMember> members{{5, "Kind 2015", "child", 2015},
                                       {2, "Ouder", "adult", 1980},
                                       {7, "Kind ?", "child", std::nullopt},
                                       {3, "Kind 2012", "child", 2012},
                                       {1, "Ouder ?", "adult", std::nullopt}};
  put_in_record_order(members);
  std::vector<std::int64_t> ids;
  for (const auto& member : members) ids.push_back(member.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 2, 7, 3, 5}));
}

TEST(RecordOrder, OpenActionsFirstSoonestDueFirst) {
  std::vector<Action> actions{{1, std::nullopt, "Klaar", 1, "", "", "2026-11-01", "done"},
                              {2, std::nullopt, "Later", 1, "", "", "2026-12-20", "open"},
                              {3, std::nullopt, "Eerst", 1, "", "", "2026-12-01", "open"},
                              {4, std::nullopt, "Gestopt", 1, "", "", "2026-10-01", "cancelled"}};
  put_in_record_order(actions);
  EXPECT_EQ(actions[0].what, "Eerst");
  EXPECT_EQ(actions[1].what, "Later");
  EXPECT_EQ(actions[2].what, "Gestopt");
  EXPECT_EQ(actions[3].what, "Klaar");
}

TEST(RecordOrder, ActiveInvolvementsFirstInTheOrderAdded) {
  std::vector<Involved> involved(3);
  involved[0].id = 9;
  involved[1].id = 4;
  involved[1].active = false;
  involved[2].id = 6;
  put_in_record_order(involved);
  EXPECT_EQ(involved[0].id, 6);
  EXPECT_EQ(involved[1].id, 9);
  EXPECT_EQ(involved[2].id, 4);
}

TEST(RecordOrder, GoalsAndOptionsInTheOrderAdded) {
  std::vector<Goal> goals{{3, "c", "", "open"}, {1, "a", "", "reached"}};
  put_in_record_order(goals);
  EXPECT_EQ(goals[0].id, 1);
  std::vector<PlanOption> options{{8, std::nullopt, "b", false, ""}, {2, std::nullopt, "a", true, "x"}};
  put_in_record_order(options);
  EXPECT_EQ(options[0].id, 2);
}

}  // namespace
}  // namespace gezicht::domain
