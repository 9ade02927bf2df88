#include "domain/breakthrough_report.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/calendar.hpp"

namespace gezicht::domain {
namespace {

constexpr std::int64_t asked_seconds = 1796378400;  // 2026-12-04T10:00:00Z

BreakthroughFact open_request(const std::string& category, const std::string& rule = "") {
  BreakthroughFact fact;
  fact.category = category;
  fact.blocking_rule = rule;
  fact.asked_at = format_timestamp(asked_seconds);
  fact.state = "submitted";
  return fact;
}

BreakthroughFact decided(const std::string& category, const std::string& state, double hours,
                         std::int64_t granted_cents = 0) {
  auto fact = open_request(category);
  fact.state = state;
  fact.decided_at = format_timestamp(asked_seconds + static_cast<std::int64_t>(hours * 3600));
  fact.granted_cents = granted_cents;
  return fact;
}

// `count` requests of a category, none decided.
void add(std::vector<BreakthroughFact>& facts, const std::string& category, int count, const std::string& rule = "") {
  for (int i = 0; i < count; ++i) facts.push_back(open_request(category, rule));
}

const CategoryFigure& row(const std::vector<CategoryFigure>& rows, const std::string& category) {
  for (const auto& figure : rows) {
    if (figure.category == category) return figure;
  }
  throw std::logic_error("no row " + category);
}

std::vector<std::string> order(const std::vector<CategoryFigure>& rows) {
  std::vector<std::string> keys;
  for (const auto& figure : rows) keys.push_back(figure.category);
  return keys;
}

TEST(BreakthroughReport, RefusesAThresholdBelowTheMinimum) {
  EXPECT_THROW(breakthrough_report({}, 4), std::invalid_argument);
  EXPECT_NO_THROW(breakthrough_report({}, 5));
}

TEST(BreakthroughReport, AnEmptyPeriodIsSuppressedWithNothingElse) {
  const auto report = breakthrough_report({}, 5);
  EXPECT_TRUE(report.suppressed);
  EXPECT_EQ(report.requests, 0);
  EXPECT_TRUE(report.categories_by_count.empty());
  EXPECT_TRUE(report.categories_by_cost.empty());
  EXPECT_TRUE(report.top_rules.empty());
  EXPECT_TRUE(report.decisions.suppressed);
  EXPECT_TRUE(report.money_suppressed);
}

TEST(BreakthroughReport, APeriodBelowTheThresholdShowsOnlyThatItIsSuppressed) {
  std::vector<BreakthroughFact> facts;
  for (int i = 0; i < 4; ++i) facts.push_back(decided("scheme_rule", "granted", 10, 50000));
  const auto report = breakthrough_report(facts, 5);
  EXPECT_TRUE(report.suppressed);
  EXPECT_EQ(report.requests, 0);
  EXPECT_TRUE(report.categories_by_count.empty());
  EXPECT_TRUE(report.top_rules.empty());
  EXPECT_TRUE(report.decisions.suppressed);
  EXPECT_TRUE(report.money_suppressed);
  EXPECT_EQ(report.spend_cents, 0);

  facts.push_back(open_request("scheme_rule"));
  EXPECT_FALSE(breakthrough_report(facts, 5).suppressed);
}

TEST(BreakthroughReport, RanksCategoriesByNumberWithTiesByKey) {
  std::vector<BreakthroughFact> facts;
  add(facts, "income", 6);
  add(facts, "housing", 8);
  add(facts, "debt", 6);
  const auto report = breakthrough_report(facts, 5);
  EXPECT_EQ(report.requests, 20);
  EXPECT_EQ(order(report.categories_by_count), (std::vector<std::string>{"housing", "debt", "income"}));
  EXPECT_EQ(row(report.categories_by_count, "housing").requests, 8);
  EXPECT_FALSE(row(report.categories_by_count, "debt").suppressed);
}

TEST(BreakthroughReport, RanksCategoriesByCostCountingTheActualCostOnceExecuted) {
  std::vector<BreakthroughFact> facts;
  // housing: 5 granted at 100 euros = 500 euros.
  for (int i = 0; i < 5; ++i) facts.push_back(decided("housing", "granted", 1, 10000));
  // debt: granted 50 euros each, but executed at 200 euros each = 1000 euros.
  for (int i = 0; i < 5; ++i) {
    auto fact = decided("debt", "executed", 1, 5000);
    fact.spent_cents = 20000;
    facts.push_back(fact);
  }
  // income: more requests, granted 5 at 100 euros = 500 euros (ties housing).
  for (int i = 0; i < 5; ++i) facts.push_back(decided("income", "granted", 1, 10000));
  add(facts, "income", 3);
  const auto report = breakthrough_report(facts, 5);
  EXPECT_EQ(order(report.categories_by_count), (std::vector<std::string>{"income", "debt", "housing"}));
  EXPECT_EQ(order(report.categories_by_cost), (std::vector<std::string>{"debt", "housing", "income"}));
  const auto& debt = row(report.categories_by_cost, "debt");
  EXPECT_EQ(debt.requests, 5);
  EXPECT_EQ(debt.granted, 5);
  EXPECT_FALSE(debt.spend_suppressed);
  EXPECT_EQ(debt.spend_cents, 100000);
  EXPECT_FALSE(report.money_suppressed);
  EXPECT_EQ(report.granted, 15);
  EXPECT_EQ(report.spend_cents, 200000);
}

TEST(BreakthroughReport, ACategoryBelowTheThresholdCarriesNoNumbersAndTakesTheSmallestOtherRowWithIt) {
  std::vector<BreakthroughFact> facts;
  add(facts, "housing", 9);
  add(facts, "debt", 6);
  add(facts, "income", 6);
  add(facts, "care", 2);
  const auto report = breakthrough_report(facts, 5);
  EXPECT_EQ(report.requests, 23);
  // care is small; debt and income tie as the smallest other row, debt goes first by key.
  const auto& care = row(report.categories_by_count, "care");
  EXPECT_TRUE(care.suppressed);
  EXPECT_EQ(care.requests, 0);
  EXPECT_EQ(care.granted, 0);
  EXPECT_TRUE(care.spend_suppressed);
  EXPECT_TRUE(row(report.categories_by_count, "debt").suppressed);
  EXPECT_EQ(row(report.categories_by_count, "debt").requests, 0);
  EXPECT_FALSE(row(report.categories_by_count, "income").suppressed);
  EXPECT_EQ(row(report.categories_by_count, "income").requests, 6);
  // Shown rows first by number, then the suppressed ones by key (not by size).
  EXPECT_EQ(order(report.categories_by_count), (std::vector<std::string>{"housing", "income", "care", "debt"}));
}

TEST(BreakthroughReport, TwoSmallCategoriesProtectEachOther) {
  std::vector<BreakthroughFact> facts;
  add(facts, "housing", 9);
  add(facts, "debt", 6);
  add(facts, "care", 2);
  add(facts, "income", 4);
  const auto report = breakthrough_report(facts, 5);
  EXPECT_TRUE(row(report.categories_by_count, "care").suppressed);
  EXPECT_TRUE(row(report.categories_by_count, "income").suppressed);
  EXPECT_FALSE(row(report.categories_by_count, "debt").suppressed);
  EXPECT_FALSE(row(report.categories_by_count, "housing").suppressed);
}

TEST(BreakthroughReport, NoCategoryIsHiddenWhenNoneIsSmall) {
  std::vector<BreakthroughFact> facts;
  add(facts, "housing", 5);
  add(facts, "debt", 5);
  const auto report = breakthrough_report(facts, 5);
  for (const auto& figure : report.categories_by_count) EXPECT_FALSE(figure.suppressed) << figure.category;
}

TEST(BreakthroughReport, ASpendOfFewerThanTheThresholdGrantedIsWithheldWithTheSmallestOtherSpend) {
  std::vector<BreakthroughFact> facts;
  for (int i = 0; i < 6; ++i) facts.push_back(decided("housing", "granted", 1, 30000));  // 1800 euros
  for (int i = 0; i < 5; ++i) facts.push_back(decided("debt", "granted", 1, 10000));     // 500 euros
  for (int i = 0; i < 7; ++i) facts.push_back(decided("income", "granted", 1, 20000));   // 1400 euros
  // care: enough requests to show the row, but only one granted: its amount is one household's.
  facts.push_back(decided("care", "granted", 1, 99900));
  add(facts, "care", 5);
  const auto report = breakthrough_report(facts, 5);
  const auto& care = row(report.categories_by_cost, "care");
  EXPECT_FALSE(care.suppressed);
  EXPECT_EQ(care.requests, 6);
  EXPECT_EQ(care.granted, 1);
  EXPECT_TRUE(care.spend_suppressed);
  EXPECT_EQ(care.spend_cents, 0);
  // Otherwise care's spend would be the total less the others.
  EXPECT_TRUE(row(report.categories_by_cost, "debt").spend_suppressed);
  EXPECT_FALSE(row(report.categories_by_cost, "debt").suppressed);
  EXPECT_EQ(row(report.categories_by_cost, "debt").requests, 5);
  EXPECT_FALSE(row(report.categories_by_cost, "income").spend_suppressed);
  EXPECT_EQ(order(report.categories_by_cost), (std::vector<std::string>{"housing", "income", "care", "debt"}));
  EXPECT_EQ(report.spend_cents, 180000 + 50000 + 140000 + 99900);
}

TEST(BreakthroughReport, ACategoryWithNothingGrantedShowsASpendOfZeroAndProtectsNothing) {
  std::vector<BreakthroughFact> facts;
  for (int i = 0; i < 6; ++i) facts.push_back(decided("housing", "granted", 1, 30000));
  for (int i = 0; i < 7; ++i) facts.push_back(decided("income", "granted", 1, 20000));
  for (int i = 0; i < 5; ++i) facts.push_back(decided("debt", "rejected", 1));
  facts.push_back(decided("care", "granted", 1, 99900));
  add(facts, "care", 5);
  const auto report = breakthrough_report(facts, 5);
  const auto& debt = row(report.categories_by_cost, "debt");
  EXPECT_FALSE(debt.spend_suppressed);
  EXPECT_EQ(debt.spend_cents, 0);
  // debt's 0 follows from its 0 granted, so hiding it would not protect care: income goes instead.
  EXPECT_TRUE(row(report.categories_by_cost, "care").spend_suppressed);
  EXPECT_TRUE(row(report.categories_by_cost, "income").spend_suppressed);
  EXPECT_FALSE(row(report.categories_by_cost, "housing").spend_suppressed);
  EXPECT_EQ(order(report.categories_by_cost), (std::vector<std::string>{"housing", "debt", "care", "income"}));
}

TEST(BreakthroughReport, MoneyIsWithheldWhenFewerThanTheThresholdWereGranted) {
  std::vector<BreakthroughFact> facts;
  for (int i = 0; i < 4; ++i) facts.push_back(decided("housing", "granted", 1, 30000));
  for (int i = 0; i < 6; ++i) facts.push_back(decided("housing", "rejected", 1));
  const auto report = breakthrough_report(facts, 5);
  EXPECT_TRUE(report.money_suppressed);
  EXPECT_EQ(report.granted, 0);
  EXPECT_EQ(report.spend_cents, 0);
  EXPECT_EQ(report.muddling_avoided_yearly_cents, 0);
  EXPECT_TRUE(row(report.categories_by_count, "housing").spend_suppressed);
  // The share granted is over the decided, who are enough.
  EXPECT_FALSE(report.decisions.suppressed);
  EXPECT_DOUBLE_EQ(report.decisions.granted_share, 0.4);
}

TEST(BreakthroughReport, MuddlingThroughAvoidedCountsOnlyGrantedAndExecutedRequests) {
  std::vector<BreakthroughFact> facts;
  for (const char* state : {"granted", "executed", "granted", "executed", "granted", "rejected"}) {
    auto fact = decided("housing", state, 1, 1000);
    fact.muddling_yearly_cents = 100000;
    facts.push_back(fact);
  }
  auto withdrawn = open_request("housing");
  withdrawn.state = "withdrawn";
  withdrawn.muddling_yearly_cents = 100000;
  facts.push_back(withdrawn);
  const auto report = breakthrough_report(facts, 5);
  EXPECT_EQ(report.granted, 5);
  EXPECT_EQ(report.muddling_avoided_yearly_cents, 500000);
  // Executed ones cost what was spent (0 here), granted ones what was granted.
  EXPECT_EQ(report.spend_cents, 3000);
}

TEST(BreakthroughReport, TimeToDecisionInterpolatesBetweenRanks) {
  std::vector<BreakthroughFact> facts;
  for (int hours = 10; hours >= 1; --hours) facts.push_back(decided("housing", "rejected", hours));
  add(facts, "housing", 3);  // undecided: not in the times
  const auto report = breakthrough_report(facts, 5);
  EXPECT_FALSE(report.decisions.suppressed);
  EXPECT_EQ(report.decisions.decided, 10);
  // Ranks 0..9: the median at rank 4.5 is between 5 and 6, the 90th at rank 8.1 between 9 and 10.
  EXPECT_DOUBLE_EQ(report.decisions.median_hours, 5.5);
  EXPECT_NEAR(report.decisions.p90_hours, 9.1, 1e-9);
}

TEST(BreakthroughReport, TimeToDecisionOnAnOddCountHitsARank) {
  std::vector<BreakthroughFact> facts;
  for (double hours : {0.5, 48.0, 2.0, 24.0, 1.0}) facts.push_back(decided("housing", "granted", hours));
  const auto report = breakthrough_report(facts, 5);
  EXPECT_DOUBLE_EQ(report.decisions.median_hours, 2.0);
  // Rank 3.6: 24 + 0.6 * (48 - 24).
  EXPECT_NEAR(report.decisions.p90_hours, 38.4, 1e-9);
}

TEST(BreakthroughReport, ShareGrantedHasItsWilsonInterval) {
  std::vector<BreakthroughFact> facts;
  for (int i = 0; i < 6; ++i) facts.push_back(decided("housing", "granted", 1, 100));
  for (int i = 0; i < 2; ++i) facts.push_back(decided("housing", "executed", 1, 100));
  for (int i = 0; i < 2; ++i) facts.push_back(decided("housing", "rejected", 1));
  add(facts, "housing", 4);  // open requests are not decided
  const auto report = breakthrough_report(facts, 5);
  EXPECT_EQ(report.decisions.decided, 10);
  EXPECT_DOUBLE_EQ(report.decisions.granted_share, 0.8);
  EXPECT_NEAR(report.decisions.granted_ci_low, 0.4902, 1e-4);
  EXPECT_NEAR(report.decisions.granted_ci_high, 0.9433, 1e-4);
}

TEST(BreakthroughReport, DecisionsOfASmallGroupAreSuppressed) {
  std::vector<BreakthroughFact> facts;
  for (int i = 0; i < 4; ++i) facts.push_back(decided("housing", "granted", 3, 100));
  add(facts, "housing", 10);
  const auto report = breakthrough_report(facts, 5);
  EXPECT_FALSE(report.suppressed);
  EXPECT_TRUE(report.decisions.suppressed);
  EXPECT_EQ(report.decisions.decided, 0);
  EXPECT_EQ(report.decisions.median_hours, 0);
  EXPECT_EQ(report.decisions.granted_share, 0);
}

TEST(BreakthroughReport, RuleKeysAreTrimmedCollapsedAndAsciiFolded) {
  EXPECT_EQ(blocking_rule_key("  Wet   SCHULDHULP\tverlening \n"), "wet schuldhulp verlening");
  EXPECT_EQ(blocking_rule_key("Participatiewet art. 18"), "participatiewet art. 18");
  // Only ASCII is folded.
  EXPECT_EQ(blocking_rule_key("ÉÉN regel"), "ÉÉn regel");
  EXPECT_EQ(blocking_rule_key(" \t "), "");
}

TEST(BreakthroughReport, RulesAreGroupedShownInTheirFirstSpellingAndRanked) {
  std::vector<BreakthroughFact> facts;
  add(facts, "scheme_rule", 1, "  Kostendelersnorm ");
  add(facts, "scheme_rule", 6, "kostendelersnorm");
  add(facts, "scheme_rule", 6, "Woningcorporatie   De Sleutel");
  add(facts, "scheme_rule", 6, "Beslagvrije voet");
  add(facts, "scheme_rule", 3, "Wmo eigen bijdrage");
  add(facts, "scheme_rule", 2, "Toeslagen terugvordering");
  add(facts, "scheme_rule", 4, "");  // names no rule
  const auto report = breakthrough_report(facts, 5);
  EXPECT_EQ(report.requests, 28);
  ASSERT_EQ(report.top_rules.size(), 5u);
  EXPECT_EQ(report.top_rules[0].rule, "Kostendelersnorm");
  EXPECT_EQ(report.top_rules[0].requests, 7);
  EXPECT_EQ(report.top_rules[1].rule, "Beslagvrije voet");
  EXPECT_EQ(report.top_rules[2].rule, "Woningcorporatie De Sleutel");
  EXPECT_FALSE(report.top_rules[2].suppressed);
  // Two small ones: each hides the other, nothing more is hidden; by key, not by size.
  EXPECT_EQ(report.top_rules[3].rule, "Toeslagen terugvordering");
  EXPECT_TRUE(report.top_rules[3].suppressed);
  EXPECT_EQ(report.top_rules[3].requests, 0);
  EXPECT_EQ(report.top_rules[4].rule, "Wmo eigen bijdrage");
  EXPECT_TRUE(report.top_rules[4].suppressed);
}

TEST(BreakthroughReport, OneSmallRuleTakesTheSmallestOtherRuleWithIt) {
  std::vector<BreakthroughFact> facts;
  add(facts, "scheme_rule", 9, "Kostendelersnorm");
  add(facts, "scheme_rule", 6, "Beslagvrije voet");
  add(facts, "scheme_rule", 2, "Wmo eigen bijdrage");
  const auto report = breakthrough_report(facts, 5);
  ASSERT_EQ(report.top_rules.size(), 3u);
  EXPECT_EQ(report.top_rules[0].rule, "Kostendelersnorm");
  EXPECT_FALSE(report.top_rules[0].suppressed);
  EXPECT_EQ(report.top_rules[1].rule, "Beslagvrije voet");
  EXPECT_TRUE(report.top_rules[1].suppressed);
  EXPECT_EQ(report.top_rules[2].rule, "Wmo eigen bijdrage");
  EXPECT_TRUE(report.top_rules[2].suppressed);
}

TEST(BreakthroughReport, ShowsAtMostTenRules) {
  std::vector<BreakthroughFact> facts;
  for (int i = 0; i < 12; ++i) add(facts, "scheme_rule", 5 + i, "Regel " + std::string(1, static_cast<char>('a' + i)));
  const auto report = breakthrough_report(facts, 5);
  ASSERT_EQ(report.top_rules.size(), 10u);
  EXPECT_EQ(report.top_rules.front().rule, "Regel l");
  EXPECT_EQ(report.top_rules.front().requests, 16);
  EXPECT_EQ(report.top_rules.back().rule, "Regel c");
}

TEST(BreakthroughReport, RefusesFactsThatBreakTheContract) {
  std::vector<BreakthroughFact> base;
  add(base, "housing", 5);
  const auto refuses = [&](BreakthroughFact fact) {
    auto facts = base;
    facts.push_back(std::move(fact));
    EXPECT_THROW(breakthrough_report(facts, 5), std::invalid_argument);
  };
  auto fact = open_request("");
  refuses(fact);
  fact = open_request("housing");
  fact.state = "approved";
  refuses(fact);
  fact = open_request("housing");
  fact.asked_at = "gisteren";
  refuses(fact);
  fact = decided("housing", "granted", 1);
  fact.decided_at.reset();
  refuses(fact);
  fact = decided("housing", "rejected", -2);
  refuses(fact);
  fact = decided("housing", "granted", 1, -100);
  refuses(fact);
  fact = decided("housing", "executed", 1);
  fact.spent_cents = -1;
  refuses(fact);
  fact = open_request("housing");
  fact.muddling_yearly_cents = -1;
  refuses(fact);
  // Checked even when the period is too small to show.
  EXPECT_THROW(breakthrough_report({open_request("")}, 5), std::invalid_argument);
}

}  // namespace
}  // namespace gezicht::domain
