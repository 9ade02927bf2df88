// The dashboard's figures from hand-made facts: which units each figure
// counts, the groups, the team filter, what is never split, and what is
// never shown.
#include "domain/dashboard.hpp"

#include <gtest/gtest.h>

#include "domain/calendar.hpp"

namespace gezicht::domain {
namespace {

const DashboardFigure& figure_of(const Dashboard& dashboard, const std::string& metric) {
  for (const auto& figure : dashboard.figures) {
    if (figure.metric == metric) return figure;
  }
  throw std::logic_error("no figure " + metric);
}

Groups groups(GroupNames& names, const std::string& neighbourhood, const std::string& language) {
  return names.intern({neighbourhood, language});
}

DashboardFacts facts() {
  DashboardFacts f;
  f.period_start = *parse_timestamp("2026-09-01T00:00:00Z");
  f.period_end = *parse_timestamp("2026-12-01T00:00:00Z");
  f.today = "2026-12-04";
  const std::int64_t day = 86400;
  // 12 requests in Noord (team 1), all contacted on the promised day or the day after; 3 in Zuid (team 2).
  for (int i = 0; i < 12; ++i) {
    ReferralFact r;
    r.team_id = 1;
    r.groups = groups(f.names, "Noord", i < 6 ? "nl" : "ar");
    r.created_at = f.period_start + i * day;
    r.promised_by = format_date(date_of(r.created_at + 3 * day));
    r.first_contact_at = r.created_at + (i % 3 == 0 ? 4 : 2) * day;  // every third one a day late
    r.first_contact_day = format_date(date_of(*r.first_contact_at));
    r.arrived_via = i < 3 ? "outreach" : "website";
    f.referrals.push_back(r);
  }
  for (int i = 0; i < 3; ++i) {
    ReferralFact r;
    r.team_id = 2;
    r.groups = groups(f.names, "Zuid", "nl");
    r.created_at = f.period_start + i * day;
    r.promised_by = i == 0 ? "2026-12-10" : "2026-09-05";  // one not due yet, two overdue
    r.arrived_via = "phone";
    f.referrals.push_back(r);
  }
  return f;
}

TEST(DashboardGroups, AgeBandsHouseholdTypesAndSplits) {
  EXPECT_EQ(age_band(2000, 2026), "under_27");
  EXPECT_EQ(age_band(1999, 2026), "27_44");
  EXPECT_EQ(age_band(1981, 2026), "45_66");
  EXPECT_EQ(age_band(1959, 2026), "67_plus");
  EXPECT_EQ(age_band(std::nullopt, 2026), "unknown");
  EXPECT_EQ(age_band(2030, 2026), "unknown");
  EXPECT_EQ(household_type(1, 0), "single");
  EXPECT_EQ(household_type(1, 2), "single_parent");
  EXPECT_EQ(household_type(2, 0), "adults");
  EXPECT_EQ(household_type(3, 1), "family");
  EXPECT_EQ(household_type(0, 1), "unknown");
  for (auto split : all_splits()) EXPECT_EQ(parse_split(to_string(split)), split);
  // Codes: "unknown" is 0 in every split; a name keeps its code.
  GroupNames names;
  const auto first = names.intern({"Noord", "ar"});
  EXPECT_EQ(first.of(Split::age_band), 0);
  EXPECT_EQ(names.name(Split::neighbourhood, first.of(Split::neighbourhood)), "Noord");
  EXPECT_EQ(names.intern({"Noord", "nl"}).of(Split::neighbourhood), first.of(Split::neighbourhood));
  EXPECT_EQ(names.size(Split::language), 3U);
  EXPECT_THROW(first.of(Split::none), std::invalid_argument);
  // There is no split by nationality or ethnicity, whatever is asked.
  EXPECT_FALSE(parse_split("nationality"));
  EXPECT_FALSE(parse_split("ethnicity"));
  EXPECT_FALSE(parse_split("origin"));
}

TEST(Dashboard, PromisesCountContactedAndOverdueRequestsNotThoseStillDue) {
  const auto all = build_dashboard(facts(), Split::neighbourhood, std::nullopt, EquitySettings{});
  const auto& kept = figure_of(all, "promise_kept").figure;
  // 12 in Noord (8 kept), 2 overdue in Zuid; the one due on 10 December is not counted.
  EXPECT_EQ(kept.whole.n, 14);
  EXPECT_NEAR(kept.whole.value, 8.0 / 14.0, 1e-12);
  ASSERT_EQ(kept.groups.size(), 2U);
  EXPECT_EQ(kept.groups[0].group, "Noord");
  // Zuid has 2 (< 10) and is hidden; Noord is hidden with it, or Zuid could be worked out.
  EXPECT_TRUE(kept.groups[1].suppressed);
  EXPECT_TRUE(kept.groups[0].suppressed);

  // Team 1 alone: its 12 requests, split by language (6 and 6: both hidden).
  const auto team = build_dashboard(facts(), Split::language, 1, EquitySettings{});
  EXPECT_EQ(figure_of(team, "promise_kept").figure.whole.n, 12);
  EXPECT_NEAR(figure_of(team, "arrived_outreach").figure.whole.value, 0.25, 1e-12);
  EXPECT_EQ(figure_of(team, "hours_to_first_contact").figure.whole.value, 48.0);  // 8 of 12 after two days
  EXPECT_NEAR(figure_of(team, "first_contact_in_neighbourhood").figure.whole.value, 0.25, 1e-12);
}

TEST(Dashboard, StaffTrustAndMoneyAreWholeOnlyAndSpendNeedsEnoughGrants) {
  auto f = facts();
  for (int i = 0; i < 4; ++i) f.caseloads.push_back({10 + i, 1, 30 + i, 32});
  f.outreach.push_back({1, 7200, 12});
  f.outreach.push_back({2, 3600, 3});
  f.experience.push_back({1, {{"trust_contact", "agree"}, {"same_contact", "dont_know"}}});
  for (int i = 0; i < 9; ++i) {
    BreakthroughFigureFact b;
    b.team_id = 1;
    b.asked_at = f.period_start;
    b.decided_at = f.period_start + 3600 * (i + 1);
    b.granted = true;
    b.spend_cents = 10000;
    f.breakthroughs.push_back(b);
  }
  auto dashboard = build_dashboard(f, Split::neighbourhood, std::nullopt, EquitySettings{});
  for (const char* metric : {"over_cap", "caseload", "outreach_hours", "spend_euro", "agree_trust_contact"}) {
    EXPECT_TRUE(figure_of(dashboard, metric).whole_only) << metric;
    EXPECT_TRUE(figure_of(dashboard, metric).figure.groups.empty()) << metric;
  }
  EXPECT_EQ(figure_of(dashboard, "over_cap").figure.whole.value, 0.25);  // 30, 31, 32, 33 against 32: one over
  EXPECT_EQ(figure_of(dashboard, "caseload").figure.whole.value, 31.5);
  EXPECT_DOUBLE_EQ(figure_of(dashboard, "outreach_hours").figure.whole.value, 3.0);
  EXPECT_DOUBLE_EQ(figure_of(dashboard, "outreach_residents_met").figure.whole.value, 15.0);
  // Nine grants: one household's amount could be read from the total, so it is not shown.
  EXPECT_TRUE(figure_of(dashboard, "spend_euro").figure.whole.suppressed);
  auto tenth = f.breakthroughs.back();
  f.breakthroughs.push_back(tenth);
  dashboard = build_dashboard(f, Split::neighbourhood, std::nullopt, EquitySettings{});
  EXPECT_FALSE(figure_of(dashboard, "spend_euro").figure.whole.suppressed);
  EXPECT_DOUBLE_EQ(figure_of(dashboard, "spend_euro").figure.whole.value, 1000.0);
  // One answer is too few to show; "don't know" is no opinion and counts for nothing.
  EXPECT_TRUE(figure_of(dashboard, "agree_trust_contact").figure.whole.suppressed);
  EXPECT_FALSE(std::any_of(dashboard.figures.begin(), dashboard.figures.end(),
                           [](const DashboardFigure& fig) { return fig.metric == "agree_same_contact"; }));
}

TEST(Dashboard, ContinuityCountsHouseholdsWithContactsInThePeriod) {
  auto f = facts();
  for (int h = 0; h < 10; ++h) {
    HouseholdFact household;
    household.id = h + 1;
    household.team_id = 1;
    household.groups = groups(f.names, "Noord", "nl");
    household.plan_confirmed = h < 7;
    // Households 0-4 met one face twice; 5-9 met two faces, alternating (UPC 0.5, SECON 0).
    const std::vector<Contact> contacts{{f.period_start + 3600, 1}, {f.period_start + 7200, h < 5 ? 1 : 2}};
    household.continuity = dashboard_continuity(contacts, f.period_start, f.period_end);
    f.households.push_back(household);
  }
  HouseholdFact silent;  // no contact in the period: not counted
  silent.id = 99;
  silent.team_id = 1;
  f.households.push_back(silent);
  const auto dashboard = build_dashboard(f, Split::none, std::nullopt, EquitySettings{});
  EXPECT_EQ(figure_of(dashboard, "distinct_faces").figure.whole.n, 10);
  EXPECT_EQ(figure_of(dashboard, "distinct_faces").figure.whole.value, 1.5);
  EXPECT_EQ(figure_of(dashboard, "upc").figure.whole.value, 750.0);  // thousandths: median of 1000 and 500
  EXPECT_NEAR(figure_of(dashboard, "plan_confirmed").figure.whole.value, 0.7, 1e-12);
  EXPECT_TRUE(figure_of(dashboard, "plan_confirmed").figure.groups.empty());  // no split asked
}

}  // namespace
}  // namespace gezicht::domain
