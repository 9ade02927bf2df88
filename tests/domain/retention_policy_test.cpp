#include "domain/retention_policy.hpp"

#include <gtest/gtest.h>

namespace gezicht::domain {
namespace {

TEST(RetentionPolicyTest, EachDefaultNamesItsSourceAndYouthCareKeepsLongest) {
  const auto policy = default_retention_policy();
  EXPECT_EQ(policy.domain_years.at("youth"), 20);
  EXPECT_EQ(policy.domain_years.at("wmo"), 15);
  EXPECT_EQ(policy.domain_years.at("income"), 10);
  EXPECT_EQ(policy.domain_years.at("debt"), 5);
  for (const auto& period : default_domain_periods()) {
    EXPECT_FALSE(period.source.empty()) << period.domain;
    EXPECT_GE(period.years, period.minimum_years) << period.domain;
    EXPECT_EQ(domain_years_problem(period.domain, period.years), std::nullopt) << period.domain;
  }
}

TEST(RetentionPolicyTest, TheLongestPeriodOfTheDomainsThatWorkedWithTheHouseholdGoverns) {
  const auto policy = default_retention_policy();
  const auto youth_and_debt = record_retention(policy, {"buurtteam", "debt", "youth"});
  EXPECT_EQ(youth_and_debt.years, 20);
  EXPECT_EQ(youth_and_debt.domain, "youth");
  const auto debt = record_retention(policy, {"buurtteam", "debt", "housing"});
  EXPECT_EQ(debt.years, 5);
  EXPECT_EQ(debt.domain, "debt");
}

TEST(RetentionPolicyTest, WithoutADomainOfItsOwnPeriodTheGeneralPeriodHolds) {
  auto policy = default_retention_policy();
  policy.general_years = 8;
  const auto kept = record_retention(policy, {"buurtteam", "housing"});
  EXPECT_EQ(kept.years, 8);
  EXPECT_EQ(kept.domain, "");
  EXPECT_EQ(record_retention(policy, {}).years, 8);
  // A municipality gives housing a period of its own: then it governs.
  policy.domain_years["housing"] = 3;
  EXPECT_EQ(record_retention(policy, {"buurtteam", "housing"}).years, 3);
  EXPECT_EQ(shortest_record_years(policy), 3);
}

TEST(RetentionPolicyTest, APeriodBelowTheLegalMinimumOrOfNoDomainIsRefused) {
  EXPECT_NE(domain_years_problem("youth", 19), std::nullopt);
  EXPECT_EQ(domain_years_problem("youth", 25), std::nullopt);
  EXPECT_NE(domain_years_problem("wmo", 7), std::nullopt);
  EXPECT_EQ(domain_years_problem("debt", 1), std::nullopt);
  EXPECT_NE(domain_years_problem("debt", 0), std::nullopt);
  EXPECT_NE(domain_years_problem("debt", 101), std::nullopt);
  EXPECT_NE(domain_years_problem("jeugd", 20), std::nullopt);
  EXPECT_EQ(domain_years_problem("", 7), std::nullopt);
  EXPECT_NE(domain_years_problem("youth", 19)->find("Jeugdwet"), std::string::npos);
}

TEST(RetentionPolicyTest, YearsAfterKeepsTheCalendarDay) {
  EXPECT_EQ(years_after(Date{2026, 11, 27}, 20), (Date{2046, 11, 27}));
  EXPECT_EQ(years_after(Date{2028, 2, 29}, 5), (Date{2033, 2, 28}));
}

}  // namespace
}  // namespace gezicht::domain
