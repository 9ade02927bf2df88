// Breakthroughs on both databases: who may ask and read, the deadline, the
// decisions and their rules, the budget's ledger and mandate, and two grants
// at once that never overspend.
#include <gtest/gtest.h>

#include <exception>
#include <optional>
#include <thread>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "fixture.hpp"
#include "postgres_locks.hpp"
#include "service/audit_trail.hpp"
#include "service/breakthrough_service.hpp"
#include "service/directory_service.hpp"
#include "service/errors.hpp"
#include "service/referral_service.hpp"
#include "storage/audit_repository.hpp"
#include "storage/breakthrough_repository.hpp"
#include "storage/directory_repository.hpp"
#include "storage/household_repository.hpp"

namespace gezicht {
namespace {

constexpr std::int64_t member_one = 30;
constexpr std::int64_t member_two = 31;

class BreakthroughServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    town = testing::load_small_municipality(db(), "not-used-for-login");
    for (const auto& [id, name] : {std::pair{member_one, "Lina Meijer"}, std::pair{member_two, "Omar Bakr"}}) {
      storage::exec(db(),
                    "INSERT INTO users (id, username, password_hash, name, role, languages, created_at) "
                    "VALUES (?, ?, 'x', ?, 'breakthrough_member', 'nl', '2026-01-01T00:00:00Z')",
                    id, "member" + std::to_string(id), std::string(name));
    }
    directory = std::make_unique<service::DirectoryService>([this] { return storage::open_connection(location()); });
    audit = std::make_unique<service::AuditTrail>(clock, service::AuditTrail::Options{});
    referrals = std::make_unique<service::ReferralService>(*directory, clock, random, *audit);
    breakthroughs = std::make_unique<service::BreakthroughService>(clock, *audit);
    household = new_household("12");
    storage::BreakthroughRepository(db()).set_budget(2026, 0, 100000);  // 1,000 euro
  }
  void TearDown() override {
    breakthroughs.reset();
    referrals.reset();
    audit.reset();
    directory.reset();
    BackendTest::TearDown();
  }

  std::int64_t new_household(const std::string& number) {
    domain::ReferralInput input;
    input.name = "Samira Bakker";
    input.phone = "06 1111 2222";
    input.postcode = "2501AB";
    input.house_number = number;
    input.question = "Ik krijg mijn post niet meer open.";
    input.channel = "phone";
    return *referrals->submit(db(), input, testing::requester()).household_id;  // anna is the fixed contact
  }

  service::Actor actor(std::int64_t id, domain::Role role, std::optional<std::int64_t> team = std::nullopt) {
    service::Actor a;
    a.user_id = id;
    a.name = "user " + std::to_string(id);
    a.access_role = role;
    a.team_id = team;
    a.client_address = "192.0.2.7";
    a.route = "POST /test";
    return a;
  }
  service::Actor anna() { return actor(town.anna, domain::Role::professional, town.team_a); }
  service::Actor member(std::int64_t id = member_one) { return actor(id, domain::Role::breakthrough_member); }
  service::Actor lead() { return actor(town.lead_a, domain::Role::teamlead, town.team_a); }

  domain::BreakthroughInput input(std::int64_t one_off_cents = 45000, const char* urgency = "urgent") {
    domain::BreakthroughInput in;
    in.stuck_resident = "Ik kan de wasmachine niet betalen";
    in.stuck_professional = "Bijzondere bijstand en schuldhulp sluiten elkaar uit";
    in.category = "schemes_conflict";
    in.blocking_rule = "Beleidsregel bijzondere bijstand";
    in.rule_purpose = "Geen dubbele vergoeding";
    in.professional_judgement = "Een wasmachine voorkomt nieuwe schulden";
    in.resident_wish = "Schone kleren";
    in.proposal = "Eenmalig een wasmachine";
    in.one_off_cents = one_off_cents;
    in.monthly_cents = 0;
    in.urgency = urgency;
    in.resident_agreed = true;
    return in;
  }

  domain::Vote grant(std::int64_t cents) { return {0, domain::Verdict::granted, "Goed plan", "", cents}; }

  std::int64_t count(const char* table) {
    auto row = storage::query(db(), std::string("SELECT COUNT(*) FROM ") + table);
    row->step();
    return row->int64(0);
  }

  testing::SmallMunicipality town;
  service::ManualClock clock{*domain::parse_timestamp("2026-12-04T15:00:00Z")};  // a Friday
  service::SodiumRandom random;
  std::unique_ptr<service::DirectoryService> directory;
  std::unique_ptr<service::AuditTrail> audit;
  std::unique_ptr<service::ReferralService> referrals;
  std::unique_ptr<service::BreakthroughService> breakthroughs;
  std::int64_t household = 0;
};

TEST_P(BreakthroughServiceTest, TheFixedContactAsksAndTheDeadlineFollowsFromUrgency) {
  const auto urgent = breakthroughs->ask(db(), anna(), household, input());
  EXPECT_EQ(urgent.state, "submitted");
  EXPECT_EQ(urgent.deadline, "2026-12-07");  // Friday afternoon: Monday
  EXPECT_EQ(breakthroughs->ask(db(), anna(), household, input(45000, "normal")).deadline, "2026-12-11");
  // Someone who does not work with the household cannot ask, as if it did not exist.
  EXPECT_THROW(breakthroughs->ask(db(), actor(town.dana, domain::Role::professional, town.team_b), household, input()),
               service::NotFound);
  // Bad input names the field and saves nothing.
  auto wrong = input();
  wrong.proposal = "";
  EXPECT_EQ(testing::invalid_field([&] { breakthroughs->ask(db(), anna(), household, wrong); }), "proposal");
  EXPECT_EQ(count("breakthroughs"), 2);
}

TEST_P(BreakthroughServiceTest, MembersAndTheRequesterReadTheRequestOthersNothingTeamLeadsNoContent) {
  const auto asked = breakthroughs->ask(db(), anna(), household, input());
  EXPECT_EQ(breakthroughs->get(db(), member(), asked.id).request.proposal, "Eenmalig een wasmachine");
  EXPECT_TRUE(breakthroughs->get(db(), anna(), asked.id).may_withdraw);
  EXPECT_THROW(breakthroughs->get(db(), lead(), asked.id), service::NotFound);
  EXPECT_THROW(breakthroughs->get(db(), actor(town.bilal, domain::Role::professional, town.team_a), asked.id),
               service::NotFound);
  // The team lead's overview: state and deadline, not the case.
  const auto overview = breakthroughs->list(db(), lead(), std::nullopt);
  ASSERT_EQ(overview.size(), 1u);
  EXPECT_EQ(overview[0].deadline, "2026-12-07");
  // The member's read is in the trail with the household, for its access log.
  audit->flush(db());
  bool logged = false;
  storage::AuditRepository(db()).each_in_order([&](const storage::AuditRecord& record) {
    logged = logged || (record.part == "breakthrough" && record.action == "read" && record.household_id == household &&
                        record.purpose == "breakthrough_member");
  });
  EXPECT_TRUE(logged);
  // Overdue once the deadline day has passed in Amsterdam.
  clock.set(*domain::parse_timestamp("2026-12-07T23:00:00Z"));
  EXPECT_TRUE(breakthroughs->list(db(), member(), std::nullopt).at(0).overdue);
}

TEST_P(BreakthroughServiceTest, ADecisionFollowsTheRulesAndAGrantCommitsTheBudget) {
  const auto asked = breakthroughs->ask(db(), anna(), household, input());
  // The requester is no member; a member who asked could still not decide their own.
  EXPECT_THROW(breakthroughs->decide(db(), anna(), asked.id, grant(45000)), service::Forbidden);
  const auto refusal_without_alternative = domain::Vote{0, domain::Verdict::rejected, "Past niet", "", std::nullopt};
  EXPECT_EQ(
      testing::invalid_field([&] { breakthroughs->decide(db(), member(), asked.id, refusal_without_alternative); }),
      "alternative");
  EXPECT_EQ(count("breakthrough_votes"), 0) << "nothing half saved";
  EXPECT_EQ(breakthroughs->decide(db(), member(), asked.id, grant(45000)), "granted");
  try {
    breakthroughs->decide(db(), member(member_two), asked.id, grant(45000));
    ADD_FAILURE() << "decided twice";
  } catch (const service::Conflict& conflict) {
    EXPECT_EQ(conflict.message_key(), "breakthrough.decided");
  }
  try {
    breakthroughs->withdraw(db(), anna(), asked.id);
    ADD_FAILURE() << "withdrew a decided request";
  } catch (const service::Conflict& conflict) {
    EXPECT_EQ(conflict.message_key(), "breakthrough.decided");
  }
  auto budget = breakthroughs->budget(db(), 2026);
  EXPECT_EQ(budget.position.committed_cents, 45000);
  EXPECT_EQ(budget.position.balance_cents, 55000);
  // Carried out for less: the commitment goes, the spending counts.
  EXPECT_EQ(testing::invalid_field([&] { breakthroughs->execute(db(), member(), asked.id, -1); }), "actual_cents");
  breakthroughs->execute(db(), member(), asked.id, 43999);
  budget = breakthroughs->budget(db(), 2026);
  EXPECT_EQ(budget.position.committed_cents, 0);
  EXPECT_EQ(budget.position.spent_cents, 43999);
  EXPECT_EQ(budget.position.balance_cents, 56001);
  ASSERT_EQ(budget.entries.size(), 3u);
  EXPECT_EQ(budget.entries[1].kind, "release");
  EXPECT_EQ(breakthroughs->get(db(), anna(), asked.id).request.state, "executed");
}

TEST_P(BreakthroughServiceTest, PastTheBudgetAGrantNeedsATeamLeadsMandate) {
  const auto asked = breakthroughs->ask(db(), anna(), household, input(150000));
  try {
    breakthroughs->decide(db(), member(), asked.id, grant(150000));
    ADD_FAILURE() << "granted past the budget";
  } catch (const service::Conflict& conflict) {
    EXPECT_EQ(conflict.message_key(), "budget.exceeded");
  }
  EXPECT_EQ(count("breakthrough_votes"), 0) << "the refused grant left no vote";
  EXPECT_THROW(breakthroughs->escalate(db(), member(), asked.id, 150000, "Dringend"), service::Forbidden);
  EXPECT_EQ(testing::invalid_field([&] { breakthroughs->escalate(db(), lead(), asked.id, 150000, " "); }), "reasoning");
  breakthroughs->escalate(db(), lead(), asked.id, 150000, "Dringend, voorkomt een huisuitzetting");
  EXPECT_EQ(breakthroughs->decide(db(), member(), asked.id, grant(150000)), "granted");
  EXPECT_EQ(breakthroughs->budget(db(), 2026).position.balance_cents, -50000);
}

TEST_P(BreakthroughServiceTest, AboveTheSetAmountTwoMembersDecide) {
  storage::exec(db(), "INSERT INTO settings (key, value) VALUES ('breakthrough_two_member_cents', '40000')");
  const auto asked = breakthroughs->ask(db(), anna(), household, input(45000));
  EXPECT_EQ(breakthroughs->decide(db(), member(), asked.id, grant(45000)), "in_review");
  EXPECT_EQ(breakthroughs->budget(db(), 2026).position.committed_cents, 0) << "nothing committed on one vote";
  EXPECT_EQ(breakthroughs->decide(db(), member(member_two), asked.id, grant(42000)), "granted");
  EXPECT_EQ(*breakthroughs->get(db(), anna(), asked.id).request.granted_cents, 42000);
}

TEST_P(BreakthroughServiceTest, TwoGrantsAtOnceNeverOverspend) {
  // Two requests of 600 euro against 1,000 euro, granted at the same moment
  // by two members on connections of their own: one grant, one refusal.
  const auto first = breakthroughs->ask(db(), anna(), household, input(60000));
  const auto other = new_household("14");
  const auto other_contact = *storage::HouseholdRepository(db()).find(other)->fixed_contact_id;
  const auto second =
      breakthroughs->ask(db(), actor(other_contact, domain::Role::professional, town.team_a), other, input(60000));
  auto first_connection = storage::open_connection(location());
  auto second_connection = storage::open_connection(location());
  std::optional<storage::Transaction> held;
  std::unique_ptr<storage::Connection> holder;
  std::int64_t holder_pid = 0;
  if (GetParam() == "postgres") {
    // The budget held, so both grants are inside their transactions before either goes on.
    holder = storage::open_connection(location());
    holder_pid = testing::backend_pid(*holder);
    held.emplace(*holder);
    storage::BreakthroughRepository(*holder).lock_budget(2026, 0);
  }
  std::string outcomes[2];
  std::exception_ptr failures[2];
  auto decide_on = [&](int n, storage::Connection& connection, std::int64_t id, std::int64_t member_id) {
    return std::thread([&, n, id, member_id, on = &connection] {
      try {
        outcomes[n] = breakthroughs->decide(*on, member(member_id), id, grant(60000));
      } catch (const service::Conflict& conflict) {
        outcomes[n] = conflict.message_key();
      } catch (...) {
        failures[n] = std::current_exception();
      }
    });
  };
  std::thread one = decide_on(0, *first_connection, first.id, member_one);
  std::thread two = decide_on(1, *second_connection, second.id, member_two);
  if (held) {
    auto watcher = storage::open_connection(location());
    EXPECT_TRUE(testing::wait_until_someone_waits_for(*watcher, holder_pid));
    held->commit();
  }
  one.join();
  two.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  EXPECT_EQ((outcomes[0] == "granted") + (outcomes[1] == "granted"), 1) << outcomes[0] << " / " << outcomes[1];
  EXPECT_EQ((outcomes[0] == "budget.exceeded") + (outcomes[1] == "budget.exceeded"), 1);
  const auto budget = breakthroughs->budget(db(), 2026);
  EXPECT_EQ(budget.position.committed_cents, 60000);
  EXPECT_GE(budget.position.balance_cents, 0);
}

TEST_P(BreakthroughServiceTest, TheMunicipalityKeepsTheListOfBlockages) {
  storage::BreakthroughRepository repository(db());
  repository.set_category({"housing_rule", "Een regel van de woningcorporatie", true});
  auto offered = [&] {
    std::vector<std::string> keys;
    for (const auto& category : breakthroughs->categories(db())) keys.push_back(category.key);
    return keys;
  };
  const auto before = offered();
  EXPECT_NE(std::find(before.begin(), before.end(), "housing_rule"), before.end());
  auto with_it = input();
  with_it.category = "housing_rule";
  const auto asked = breakthroughs->ask(db(), anna(), household, with_it);
  repository.set_category({"housing_rule", "Een regel van de woningcorporatie", false});
  const auto keys = offered();
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "housing_rule"), keys.end()) << "no longer offered";
  EXPECT_EQ(testing::invalid_field([&] { breakthroughs->ask(db(), anna(), household, with_it); }), "category");
  EXPECT_EQ(breakthroughs->get(db(), member(), asked.id).request.category_name, "Een regel van de woningcorporatie")
      << "an earlier request keeps it";
}

// The report hides groups as the municipality set for every figure about
// residents (dashboard_min_group, never below 5), 10 unless set.
TEST_P(BreakthroughServiceTest, TheReportFollowsTheMunicipalitysSmallestGroup) {
  for (int i = 0; i < 6; ++i) breakthroughs->ask(db(), anna(), household, input());
  const auto report = [&] { return breakthroughs->report(db(), "2026-12-01", "2026-12-31"); };
  EXPECT_EQ(report().min_group, 10);
  EXPECT_TRUE(report().figures.suppressed) << "6 requests are fewer than 10";
  storage::DirectoryRepository(db()).set_setting("dashboard_min_group", "5");
  EXPECT_EQ(report().min_group, 5);
  EXPECT_FALSE(report().figures.suppressed);
  EXPECT_EQ(report().figures.requests, 6);
  storage::DirectoryRepository(db()).set_setting("dashboard_min_group", "3");  // never below 5
  EXPECT_EQ(report().min_group, 5);
  storage::DirectoryRepository(db()).set_setting("dashboard_min_group", "tien");
  EXPECT_THROW(report(), std::runtime_error);
}

TEST_P(BreakthroughServiceTest, TheLedgerIsAppendOnly) {
  const auto asked = breakthroughs->ask(db(), anna(), household, input());
  breakthroughs->decide(db(), member(), asked.id, grant(45000));
  EXPECT_THROW(storage::exec(db(), "UPDATE budget_ledger SET amount_cents = 1"), storage::DatabaseError);
  EXPECT_THROW(storage::exec(db(), "DELETE FROM budget_ledger"), storage::DatabaseError);
}

GEZICHT_ON_BOTH_BACKENDS(BreakthroughServiceTest);

}  // namespace
}  // namespace gezicht
