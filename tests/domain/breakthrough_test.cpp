#include "domain/breakthrough.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

std::int64_t at(const char* timestamp) { return *parse_timestamp(timestamp); }

std::vector<std::string> fields_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ValidationError& error) {
    std::vector<std::string> fields;
    for (const auto& field : error.errors()) fields.push_back(field.field + " " + field.message_key);
    return fields;
  }
  return {};
}

BreakthroughInput complete() {
  BreakthroughInput input;
  input.stuck_resident = "Ik kan de wasmachine niet betalen";
  input.stuck_professional = "Bijzondere bijstand en schuldhulp sluiten elkaar uit";
  input.category = "schemes_conflict";
  input.blocking_rule = "Beleidsregel bijzondere bijstand";
  input.rule_purpose = "Geen dubbele vergoeding";
  input.professional_judgement = "Een wasmachine voorkomt nieuwe schulden";
  input.resident_wish = "Schone kleren voor de kinderen";
  input.proposal = "Eenmalig een wasmachine";
  input.one_off_cents = 45000;
  input.monthly_cents = 0;
  input.urgency = "urgent";
  input.resident_agreed = true;
  return input;
}

const std::vector<std::string> categories{"scheme_rule", "schemes_conflict"};

TEST(Breakthrough, ARequestNamesEveryMissingOrWrongFieldOnItsOwn) {
  EXPECT_TRUE(fields_of([] { validate_breakthrough(complete(), categories); }).empty());
  auto input = complete();
  input.stuck_resident = "   ";
  input.category = "weather";
  input.blocking_rule = std::string(201, 'x');
  input.one_off_cents = -1;
  input.monthly_cents.reset();
  input.urgency = "soon";
  input.resident_agreed = false;
  EXPECT_EQ(fields_of([&] { validate_breakthrough(input, categories); }),
            (std::vector<std::string>{"stuck_resident stuck_resident.required", "category category.unknown",
                                      "blocking_rule blocking_rule.too_long", "one_off_cents one_off_cents.negative",
                                      "monthly_cents monthly_cents.required", "urgency urgency.invalid",
                                      "resident_agreed resident_agreed.required"}));
  input = complete();
  input.one_off_cents = 1'000'000'001;
  EXPECT_EQ(fields_of([&] { validate_breakthrough(input, categories); }),
            std::vector<std::string>{"one_off_cents one_off_cents.too_large"});
}

TEST(Breakthrough, TheDeadlineCountsDutchWorkingDaysFromTheDayInAmsterdam) {
  const DeadlineRule rule;
  // Friday afternoon: urgent is due Monday, normal the Friday after.
  EXPECT_EQ(format_date(breakthrough_deadline(at("2026-12-04T15:00:00Z"), Urgency::urgent, rule)), "2026-12-07");
  EXPECT_EQ(format_date(breakthrough_deadline(at("2026-12-04T15:00:00Z"), Urgency::normal, rule)), "2026-12-11");
  // 23:30 UTC on Thursday is Friday in Amsterdam.
  EXPECT_EQ(format_date(breakthrough_deadline(at("2026-12-03T23:30:00Z"), Urgency::urgent, rule)), "2026-12-07");
  // Christmas: asked on Thursday 24 December, urgent is due Monday 28th.
  EXPECT_EQ(format_date(breakthrough_deadline(at("2026-12-24T09:00:00Z"), Urgency::urgent, rule)), "2026-12-28");
  // King's Day 2027 is a Tuesday: asked Monday, urgent is due Wednesday.
  EXPECT_EQ(format_date(breakthrough_deadline(at("2027-04-26T09:00:00Z"), Urgency::urgent, rule)), "2027-04-28");
  // Configurable.
  EXPECT_EQ(format_date(breakthrough_deadline(at("2026-12-04T15:00:00Z"), Urgency::urgent, {2, 10})), "2026-12-08");
  EXPECT_THROW(breakthrough_deadline(at("2026-12-04T15:00:00Z"), Urgency::urgent, {0, 5}), std::invalid_argument);
}

TEST(Breakthrough, OverdueIsAnOpenRequestPastTheEndOfItsDeadlineDayInAmsterdam) {
  const Date deadline{2026, 12, 7};
  EXPECT_FALSE(is_overdue(BreakthroughState::submitted, deadline, at("2026-12-07T22:59:00Z")));  // 23:59 local
  EXPECT_TRUE(is_overdue(BreakthroughState::submitted, deadline, at("2026-12-07T23:00:00Z")));   // midnight local
  EXPECT_TRUE(is_overdue(BreakthroughState::in_review, deadline, at("2026-12-09T10:00:00Z")));
  EXPECT_FALSE(is_overdue(BreakthroughState::granted, deadline, at("2026-12-09T10:00:00Z")));
}

TEST(Breakthrough, ADecisionNeedsItsReasoningAndARefusalWhatElseCanBeDone) {
  Vote grant{7, Verdict::granted, "Goed plan", "", 45000};
  EXPECT_TRUE(fields_of([&] { validate_vote(grant); }).empty());
  grant.amount_cents.reset();
  grant.reasoning = "";
  EXPECT_EQ(fields_of([&] { validate_vote(grant); }),
            (std::vector<std::string>{"reasoning reasoning.required", "amount_cents amount_cents.required"}));
  grant.amount_cents = 0;  // a rule set aside costs nothing
  grant.reasoning = "Regel opzij";
  EXPECT_TRUE(fields_of([&] { validate_vote(grant); }).empty());
  const Vote refusal{7, Verdict::rejected, "Past niet", "", std::nullopt};
  EXPECT_EQ(fields_of([&] { validate_vote(refusal); }), std::vector<std::string>{"alternative alternative.required"});
}

TEST(Breakthrough, NobodyDecidesTheirOwnRequestTwiceOrAfterTheDecision) {
  const std::vector<Vote> votes{{7, Verdict::granted, "Ja", "", 100}};
  EXPECT_NO_THROW(check_may_vote(BreakthroughState::in_review, 3, 8, votes));
  try {
    check_may_vote(BreakthroughState::submitted, 3, 3, {});
    ADD_FAILURE() << "the requester decided";
  } catch (const DecisionRefused& refusal) {
    EXPECT_EQ(refusal.rule(), "own_request");
  }
  EXPECT_THROW(check_may_vote(BreakthroughState::in_review, 3, 7, votes), DecisionRefused);
  EXPECT_THROW(check_may_vote(BreakthroughState::granted, 3, 8, {}), DecisionRefused);
  EXPECT_NO_THROW(check_may_withdraw(BreakthroughState::in_review, 3, 3));
  EXPECT_THROW(check_may_withdraw(BreakthroughState::granted, 3, 3), DecisionRefused);
  EXPECT_THROW(check_may_withdraw(BreakthroughState::submitted, 3, 4), DecisionRefused);
  EXPECT_NO_THROW(check_may_execute(BreakthroughState::granted));
  EXPECT_THROW(check_may_execute(BreakthroughState::rejected), DecisionRefused);
}

TEST(Breakthrough, AboveTheAmountTwoMembersMustAgreeAndTheLowerAmountIsGranted) {
  const std::int64_t two_from = 500000;
  EXPECT_EQ(proposal_cents(100000, 50000), 700000);
  // Small: one member decides.
  auto small = decision_of({{7, Verdict::granted, "Ja", "", 45000}}, 45000, two_from);
  ASSERT_TRUE(small);
  EXPECT_EQ(small->verdict, Verdict::granted);
  EXPECT_EQ(small->amount_cents, 45000);
  // Large: one vote is not a decision; two that disagree neither.
  EXPECT_FALSE(decision_of({{7, Verdict::granted, "Ja", "", 800000}}, 800000, two_from));
  EXPECT_FALSE(decision_of({{7, Verdict::granted, "Ja", "", 800000}, {8, Verdict::rejected, "Nee", "Iets anders", {}}},
                           800000, two_from));
  const auto both = decision_of(
      {{7, Verdict::granted, "Ja", "", 800000}, {8, Verdict::granted, "Ja, minder", "", 600000}}, 800000, two_from);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->amount_cents, 600000);
  EXPECT_EQ(both->members, (std::vector<std::int64_t>{7, 8}));
  // Refusing a large proposal also takes two.
  EXPECT_FALSE(decision_of({{7, Verdict::rejected, "Nee", "Iets anders", {}}}, 800000, two_from));
  EXPECT_TRUE(decision_of({{7, Verdict::rejected, "Nee", "Iets anders", {}}}, 45000, two_from));
}

TEST(Breakthrough, TheBalanceIsBudgetMinusCommittedMinusSpent) {
  const auto position = budget_position(100000, {{LedgerKind::commit, 30000},
                                                 {LedgerKind::commit, 20000},
                                                 {LedgerKind::release, 30000},
                                                 {LedgerKind::spend, 25000}});
  EXPECT_EQ(position.committed_cents, 20000);
  EXPECT_EQ(position.spent_cents, 25000);
  EXPECT_EQ(position.balance_cents, 55000);
  EXPECT_TRUE(grant_fits(position, 55000, std::nullopt));
  EXPECT_FALSE(grant_fits(position, 55001, std::nullopt));
  EXPECT_FALSE(grant_fits(position, 60000, 59999)) << "a mandate covers up to its amount";
  EXPECT_TRUE(grant_fits(position, 60000, 60000));
  EXPECT_THROW(budget_position(0, {{LedgerKind::spend, -1}}), std::invalid_argument);
}

TEST(Breakthrough, MuddlingThroughCostsEachActiveInvolvementItsYearlyCost) {
  const auto cost = muddling_cost({"wmo", "youth", "wmo", "school"}, {{"wmo", 650000}, {"youth", 1400000}});
  EXPECT_EQ(cost.yearly_cents, 2700000);
  EXPECT_EQ(cost.domains_without_cost, std::vector<std::string>{"school"});
}

TEST(Breakthrough, ACategoryHasAKeyAndANameOnOneLine) {
  EXPECT_TRUE(fields_of([] { validate_category("housing_rule", "Een regel van de woningcorporatie"); }).empty());
  EXPECT_EQ(fields_of([] { validate_category("Housing", "Twee\nregels"); }),
            (std::vector<std::string>{"key category_key.invalid", "name category_name.one_line"}));
  EXPECT_EQ(fields_of([] { validate_category("x", std::string(101, 'a')); }),
            std::vector<std::string>{"name category_name.too_long"});
  EXPECT_EQ(fields_of([] { validate_category(std::string(41, 'a'), ""); }),
            (std::vector<std::string>{"key category_key.invalid", "name category_name.required"}));
}

TEST(Breakthrough, EuroAmountsAreReadAsPeopleTypeThem) {
  EXPECT_EQ(parse_euro_amount("1.250,50"), 125050);
  EXPECT_EQ(parse_euro_amount("1250.50"), 125050);
  EXPECT_EQ(parse_euro_amount("1,250.50"), 125050);
  EXPECT_EQ(parse_euro_amount("\xE2\x82\xAC 300"), 30000);
  EXPECT_EQ(parse_euro_amount("12,5"), 1250);
  EXPECT_EQ(parse_euro_amount("1.250"), 125000) << "a Dutch thousands separator";
  EXPECT_EQ(parse_euro_amount("0"), 0);
  for (const char* wrong : {"", "abc", "1.2.3", "-5", "1 000", "1,2,3", "12.5x"}) {
    EXPECT_EQ(parse_euro_amount(wrong), std::nullopt) << wrong;
  }
  EXPECT_EQ(format_euro(125050), "\xE2\x82\xAC 1.250,50");
  EXPECT_EQ(format_euro(5), "\xE2\x82\xAC 0,05");
  EXPECT_EQ(format_euro(-43999), "- \xE2\x82\xAC 439,99");
}

}  // namespace
}  // namespace gezicht::domain
