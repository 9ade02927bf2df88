// Self-referral, fixed-contact assignment and the first contact, through the
// services on a real database (SQLite and PostgreSQL).

#include <gtest/gtest.h>

#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "fixture.hpp"
#include "postgres_locks.hpp"
#include "service/auth_service.hpp"
#include "service/errors.hpp"
#include "service/password.hpp"
#include "service/referral_service.hpp"
#include "service/user_admin.hpp"
#include "storage/connection_pool.hpp"
#include "storage/directory_repository.hpp"

namespace gezicht {
namespace {

using testing::SmallMunicipality;

// Hashing once per run keeps the suite fast; Argon2id is slow on purpose.
const std::string& shared_hash() {
  static const std::string hash = service::hash_password(SmallMunicipality::password);
  return hash;
}

// Always the same bytes: lets a test force a reference collision.
class FixedRandom final : public service::RandomSource {
 public:
  void fill(unsigned char* out, std::size_t size) override {
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<unsigned char>(i + 1);
  }
};

class ReferralServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    town = testing::load_small_municipality(db(), shared_hash());
    pool = std::make_unique<storage::ConnectionPool>([this] { return storage::open_connection(location()); }, 1);
    directory = std::make_unique<service::DirectoryService>([this] { return storage::open_connection(location()); });
    audit = std::make_unique<service::AuditTrail>(clock, service::AuditTrail::Options{});
    referrals = std::make_unique<service::ReferralService>(*directory, clock, random, *audit);
  }
  void TearDown() override {
    referrals.reset();
    audit.reset();
    directory.reset();
    pool.reset();
    BackendTest::TearDown();
  }

  domain::ReferralInput input(std::string postcode, std::string house_number, std::string language = "nl") {
    domain::ReferralInput in;
    in.name = "Samira Bakker";
    in.phone = "06 1111 2222";
    in.postcode = std::move(postcode);
    in.house_number = std::move(house_number);
    in.question = "Ik krijg mijn post niet meer open.";
    in.language = std::move(language);
    in.channel = "phone";
    return in;
  }

  std::int64_t count(const std::string& table) { return testing::count_rows(db(), table); }

  service::Actor actor(std::int64_t id, const std::string& role, std::int64_t team) {
    service::Actor a;
    a.user_id = id;
    a.access_role = *domain::parse_role(role);
    a.team_id = team;
    return a;
  }

  // Friday 27 November 2026, 10:00 in Amsterdam.
  service::ManualClock clock{*domain::parse_timestamp("2026-11-27T09:00:00Z")};
  service::SodiumRandom random;
  SmallMunicipality town;
  std::unique_ptr<storage::ConnectionPool> pool;
  std::unique_ptr<service::DirectoryService> directory;
  std::unique_ptr<service::AuditTrail> audit;
  std::unique_ptr<service::ReferralService> referrals;
};

TEST_P(ReferralServiceTest, NewHouseholdGetsLeastFullProfessionalAndPromiseInThreeWorkingDays) {
  const auto receipt = referrals->submit(db(), input("2501 ab", "12"), testing::requester());
  EXPECT_EQ(receipt.contact.id, town.anna);  // all empty: lowest id
  EXPECT_EQ(receipt.promised_by, "2026-12-02");
  EXPECT_EQ(receipt.team_name, "Buurtteam Noord");
  EXPECT_TRUE(domain::normalise_reference(receipt.reference).has_value());
  auto household = storage::query(db(), "SELECT postcode, house_number, fixed_contact_id FROM households WHERE id = ?",
                                  receipt.household_id.value());
  ASSERT_TRUE(household->step());
  EXPECT_EQ(household->text(0), "2501AB");
  EXPECT_EQ(household->text(1), "12");
  EXPECT_EQ(household->int64(2), town.anna);
}

// Finding 1 of the security probe: a request for an address where a
// household is known must not tell the requester so. The answer follows the
// front door's own rule, the household is left alone, and only a
// professional's join after first contact hands it to the fixed contact.
TEST_P(ReferralServiceTest, AKnownAddressAnswersByTheFrontDoorRuleAndWaitsToBeJoined) {
  const auto first = referrals->submit(db(), input("2501AB", "12"), testing::requester());
  ASSERT_EQ(first.contact.id, town.anna);
  ASSERT_TRUE(first.household_id);
  const auto household = *first.household_id;
  const auto members_before = count("household_members");
  // An Arabic speaker at the same address: the rule names bilal, as for any new address.
  const auto again = referrals->submit(db(), input("2501 AB", "12", "ar"), testing::requester());
  const auto elsewhere = referrals->submit(db(), input("2501AB", "40", "ar"), testing::requester());
  EXPECT_EQ(again.contact.id, town.bilal);
  EXPECT_EQ(again.contact.id, elsewhere.contact.id) << "the answer does not depend on who lives there";
  EXPECT_FALSE(again.household_id);
  EXPECT_TRUE(elsewhere.household_id);
  EXPECT_EQ(count("household_members"), members_before + 1) << "only the new address got a member";
  auto fixed =
      storage::query(db(), "SELECT fixed_contact_id, preferred_language FROM households WHERE id = ?", household);
  ASSERT_TRUE(fixed->step());
  EXPECT_EQ(fixed->int64(0), town.anna) << "the known household is left alone";
  EXPECT_EQ(fixed->text(1), "nl");
  fixed.reset();

  // Joining waits for the first contact.
  EXPECT_THROW(referrals->join_household(db(), actor(town.bilal, "professional", town.team_a), again.reference),
               service::Conflict);
  const auto bilal = actor(town.bilal, "professional", town.team_a);
  const auto known = referrals->known_household(db(), bilal, referrals->get(db(), bilal, again.reference));
  ASSERT_TRUE(known);
  EXPECT_EQ(known->household_id, household);
  EXPECT_EQ(known->fixed_contact->id, town.anna);
  EXPECT_THROW(referrals->join_household(db(), actor(town.chris, "professional", town.team_a), again.reference),
               service::NotFound);
  referrals->record_first_contact(db(), actor(town.bilal, "professional", town.team_a), again.reference, clock.now(),
                                  "phone");
  const auto joined = referrals->join_household(db(), actor(town.bilal, "professional", town.team_a), again.reference);
  EXPECT_EQ(joined.household_id, household);
  EXPECT_EQ(joined.contact_id, town.anna) << "the known fixed contact takes over";
  EXPECT_THROW(referrals->join_household(db(), actor(town.anna, "professional", town.team_a), again.reference),
               service::Conflict);
  // The join is in the household's trail, made by the professional.
  audit->flush(db());
  auto entry = storage::query(db(),
                              "SELECT actor_user_id, action, purpose FROM audit_log WHERE household_id = ? "
                              "AND part = 'referral' AND action = 'change' ORDER BY seq DESC LIMIT 1",
                              household);
  ASSERT_TRUE(entry->step());
  EXPECT_EQ(entry->int64(0), town.bilal);
  EXPECT_EQ(entry->text(1), "change");
  EXPECT_EQ(entry->text(2), "joined_after_first_contact");
}

TEST_P(ReferralServiceTest, OneClientAddressSendsALimitedNumberAndThenWaits) {
  service::ReferralService limited(*directory, clock, random, *audit, {2, 3600});
  const auto from = service::anonymous_requester("203.0.113.7", "POST /api/v1/referrals");
  limited.submit(db(), input("2501AB", "1"), from);
  limited.submit(db(), input("2501AB", "2"), from);
  const auto referrals_before = count("referrals");
  try {
    limited.submit(db(), input("2501AB", "3"), from);
    ADD_FAILURE() << "a third request within the hour was accepted";
  } catch (const service::Throttled& error) {
    EXPECT_EQ(error.message_key(), "referral.throttled");
    EXPECT_EQ(error.retry_after_seconds(), 3600);
  }
  EXPECT_EQ(count("referrals"), referrals_before) << "nothing saved";
  EXPECT_NO_THROW(limited.submit(db(), input("2501AB", "3"),
                                 service::anonymous_requester("203.0.113.8", "POST /api/v1/referrals")));
  clock.advance(3600);
  EXPECT_NO_THROW(limited.submit(db(), input("2501AB", "4"), from));
}

// A request is asked once per key: a repeat gets the first answer and
// saves nothing, also past the limit per client address; the key with other
// content is refused naming the key's field; after a day the key is free.
TEST_P(ReferralServiceTest, ARequestWithAKeyIsAskedOnce) {
  service::ReferralService limited(*directory, clock, random, *audit, {1, 3600});
  const auto from = service::anonymous_requester("203.0.113.9", "POST /aanmelden");
  const auto first = limited.submit(db(), input("2501AB", "21"), from, "form:key-one");
  const auto referrals_before = count("referrals");
  const auto households_before = count("households");
  const auto again = limited.submit(db(), input("2501AB", "21"), from, "form:key-one");
  EXPECT_EQ(again.reference, first.reference);
  EXPECT_EQ(again.contact.id, first.contact.id);
  EXPECT_EQ(again.promised_by, first.promised_by);
  EXPECT_EQ(again.channel, "phone");
  EXPECT_EQ(count("referrals"), referrals_before);
  EXPECT_EQ(count("households"), households_before);
  const auto shown = limited.submitted(db(), "form:key-one");
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->reference, first.reference);
  EXPECT_FALSE(limited.submitted(db(), "form:never-used").has_value());

  auto changed = input("2501AB", "21");
  changed.question = "Iets anders.";
  // Another prefix is another key: a new request, past this address's limit of one.
  EXPECT_THROW(limited.submit(db(), changed, from, "api:key-one", "Idempotency-Key"), service::Throttled);
  EXPECT_EQ(testing::invalid_field([&] { limited.submit(db(), changed, from, "form:key-one"); }), "submission");
  EXPECT_EQ(testing::invalid_field([&] { limited.submit(db(), changed, from, "form:key-one", "Idempotency-Key"); }),
            "Idempotency-Key");
  EXPECT_EQ(count("referrals"), referrals_before);

  // A day later the key is forgotten: the same key makes a new request.
  clock.advance(24 * 3600 + 1);
  EXPECT_FALSE(limited.submitted(db(), "form:key-one").has_value()) << "the confirmation is gone after a day";
  const auto later = limited.submit(db(), input("2501AB", "22"), from, "form:key-one");
  EXPECT_NE(later.reference, first.reference);
  EXPECT_EQ(count("referral_submissions"), 1) << "the old key was forgotten";
}

// Two submissions with one key at the same moment (a double click that
// reaches two server threads): the second waits for the first's key and
// answers with its referral; one request is made.
TEST_P(ReferralServiceTest, TwoSubmissionsWithOneKeyAtOnceMakeOneRequest) {
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite's writers take turns at BEGIN IMMEDIATE: no race to test";
  auto holder = storage::open_connection(location());
  auto first_connection = storage::open_connection(location());
  auto second_connection = storage::open_connection(location());
  auto watcher = storage::open_connection(location());
  const auto holder_pid = testing::backend_pid(*holder);
  const auto first_pid = testing::backend_pid(*first_connection);
  const auto referrals_before = count("referrals");

  // The team's assignment lock held: the first submission claims its key and then waits here.
  storage::Transaction held(*holder);
  storage::DirectoryRepository(*holder).lock_team_for_assignment(town.team_a);
  const auto from = service::anonymous_requester("203.0.113.10", "POST /aanmelden");
  std::optional<service::ReferralReceipt> first, second;
  std::exception_ptr failed, failed_second;
  // One submission of the same request with the same key, on its own connection and thread.
  const auto submit_on = [&](storage::Connection& connection, std::optional<service::ReferralReceipt>& receipt,
                             std::exception_ptr& failure) {
    return std::thread([this, &from, on = &connection, out = &receipt, fail = &failure] {
      try {
        *out = referrals->submit(*on, input("2501AB", "31"), from, "form:race");
      } catch (...) {
        *fail = std::current_exception();
      }
    });
  };
  std::thread first_thread = submit_on(*first_connection, first, failed);
  const bool first_waits = testing::wait_until_someone_waits_for(*watcher, holder_pid);
  std::thread second_thread = submit_on(*second_connection, second, failed_second);
  const bool second_waits = testing::wait_until_someone_waits_for(*watcher, first_pid);
  held.commit();  // it changed nothing: the lock is let go
  first_thread.join();
  second_thread.join();
  if (failed) std::rethrow_exception(failed);
  if (failed_second) std::rethrow_exception(failed_second);
  EXPECT_TRUE(first_waits) << "the first submission never waited for the team";
  EXPECT_TRUE(second_waits) << "the second submission never waited for the first one's key";
  ASSERT_TRUE(first && second);
  EXPECT_EQ(second->reference, first->reference);
  EXPECT_EQ(count("referrals"), referrals_before + 1);
}

// Requests at once from one address all find the limit not yet reached
// before their transactions; counting in the transaction still lets only
// the limit through.
TEST_P(ReferralServiceTest, RequestsAtOnceFromOneAddressStayWithinItsLimit) {
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite's writers take turns at BEGIN IMMEDIATE: no race to test";
  service::ReferralService limited(*directory, clock, random, *audit, {2, 3600});
  auto holder = storage::open_connection(location());
  auto watcher = storage::open_connection(location());
  const auto referrals_before = count("referrals");
  const auto from = service::anonymous_requester("203.0.113.11", "POST /aanmelden");

  // The team's assignment lock held: each request passes the early check, then waits here.
  storage::Transaction held(*holder);
  storage::DirectoryRepository(*holder).lock_team_for_assignment(town.team_a);
  constexpr int requests = 3;
  std::vector<std::unique_ptr<storage::Connection>> connections;
  std::vector<std::thread> threads;
  std::atomic<int> accepted{0}, throttled{0};
  std::vector<std::exception_ptr> failures(requests);
  std::vector<std::int64_t> pids;
  for (int i = 0; i < requests; ++i) {
    connections.push_back(storage::open_connection(location()));
    pids.push_back(testing::backend_pid(*connections.back()));
  }
  for (int i = 0; i < requests; ++i) {
    threads.emplace_back([&, i] {
      try {
        limited.submit(*connections[i], input("2501AB", std::to_string(40 + i)), from);
        ++accepted;
      } catch (const service::Throttled&) {
        ++throttled;
      } catch (...) {
        failures[i] = std::current_exception();
      }
    });
  }
  const bool all_wait = testing::wait_until_all_wait(*watcher, pids);
  held.commit();  // it changed nothing: the lock is let go
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  EXPECT_TRUE(all_wait) << "the requests never all waited for the team";
  EXPECT_EQ(accepted.load(), 2);
  EXPECT_EQ(throttled.load(), 1);
  EXPECT_EQ(count("referrals"), referrals_before + 2);
}

TEST_P(ReferralServiceTest, PrefersSomeoneWhoSpeaksTheLanguage) {
  const auto receipt = referrals->submit(db(), input("2501AB", "1", "ar"), testing::requester());
  EXPECT_EQ(receipt.contact.id, town.bilal);
}

TEST_P(ReferralServiceTest, RespectsTheCaseloadCap) {
  // Cap is 2: after bilal has two households, an Arabic speaker goes to the least full other.
  referrals->submit(db(), input("2501AB", "1", "ar"), testing::requester());
  referrals->submit(db(), input("2501AB", "2", "ar"), testing::requester());
  const auto third = referrals->submit(db(), input("2501AB", "3", "ar"), testing::requester());
  EXPECT_EQ(third.contact.id, town.anna);
}

TEST_P(ReferralServiceTest, OutsideTheMunicipalityIsAFieldErrorAndSavesNothing) {
  try {
    referrals->submit(db(), input("9999ZZ", "1"), testing::requester());
    FAIL() << "expected a validation error";
  } catch (const domain::ValidationError& error) {
    ASSERT_EQ(error.errors().size(), 1u);
    EXPECT_EQ(error.errors()[0].field, "postcode");
    EXPECT_EQ(error.errors()[0].message_key, "postcode.outside");
  }
  EXPECT_EQ(count("households"), 0);
  EXPECT_EQ(count("referrals"), 0);
}

TEST_P(ReferralServiceTest, AFailureHalfwayLeavesNothingBehind) {
  FixedRandom fixed;
  service::ReferralService stuck(*directory, clock, fixed, *audit);
  stuck.submit(db(), input("2501AB", "1"), testing::requester());  // takes the one reference FixedRandom can make
  ASSERT_EQ(count("households"), 1);
  // The second submit creates a household, then cannot find a free reference.
  EXPECT_THROW(stuck.submit(db(), input("2501AB", "2"), testing::requester()), std::runtime_error);
  EXPECT_EQ(count("households"), 1);
  EXPECT_EQ(count("referrals"), 1);
}

TEST_P(ReferralServiceTest, InboxListsOverdueFirstAndOnlyOwnReferrals) {
  // Arabic speakers go to bilal, the one who speaks it.
  const auto old = referrals->submit(db(), input("2501AB", "1", "ar"), testing::requester());    // promised 2026-12-02
  clock.set(*domain::parse_timestamp("2026-12-03T09:00:00Z"));                                   // now overdue
  const auto fresh = referrals->submit(db(), input("2501AB", "3", "ar"), testing::requester());  // promised 2026-12-08
  referrals->submit(db(), input("2501AB", "2"), testing::requester());                           // anna
  const auto inbox = referrals->inbox(db(), actor(town.bilal, "professional", town.team_a));
  ASSERT_EQ(inbox.size(), 2u);
  EXPECT_EQ(inbox[0].referral.reference, old.reference);
  EXPECT_TRUE(inbox[0].overdue);
  EXPECT_EQ(inbox[1].referral.reference, fresh.reference);
  EXPECT_FALSE(inbox[1].overdue);
  EXPECT_EQ(referrals->inbox(db(), actor(town.lead_a, "teamlead", town.team_a)).size(), 3u);
  EXPECT_TRUE(referrals->inbox(db(), actor(town.lead_b, "teamlead", town.team_b)).empty());
}

TEST_P(ReferralServiceTest, OnlyTheContactAndTheirTeamLeadSeeAReferral) {
  const auto receipt = referrals->submit(db(), input("2501AB", "1"), testing::requester());
  EXPECT_EQ(referrals->get(db(), actor(town.anna, "professional", town.team_a), receipt.reference).name,
            "Samira Bakker");
  EXPECT_NO_THROW(referrals->get(db(), actor(town.lead_a, "teamlead", town.team_a), receipt.reference));
  EXPECT_THROW(referrals->get(db(), actor(town.bilal, "professional", town.team_a), receipt.reference),
               service::NotFound);
  EXPECT_THROW(referrals->get(db(), actor(town.lead_b, "teamlead", town.team_b), receipt.reference), service::NotFound);
  EXPECT_THROW(referrals->get(db(), actor(town.dana, "professional", town.team_b), receipt.reference),
               service::NotFound);
}

TEST_P(ReferralServiceTest, FirstContactClosesThePromiseOnce) {
  const auto receipt = referrals->submit(db(), input("2501AB", "1"), testing::requester());
  const auto anna = actor(town.anna, "professional", town.team_a);
  const std::int64_t now = clock.now();
  try {
    referrals->record_first_contact(db(), anna, receipt.reference, now + 3600, "phone");
    FAIL() << "a contact in the future was accepted";
  } catch (const domain::ValidationError& error) {
    EXPECT_EQ(error.errors()[0].field, "at");
    EXPECT_EQ(error.errors()[0].message_key, "at.future");
  }
  EXPECT_THROW(referrals->record_first_contact(db(), anna, receipt.reference, now, "pigeon"), domain::ValidationError);
  const auto done = referrals->record_first_contact(db(), anna, receipt.reference, now, "home_visit");
  EXPECT_EQ(done.first_contact_at, domain::format_timestamp(now));
  EXPECT_TRUE(referrals->inbox(db(), anna).empty());
  EXPECT_THROW(referrals->record_first_contact(db(), anna, receipt.reference, now, "phone"), service::Conflict);
  EXPECT_THROW(referrals->record_first_contact(db(), actor(town.bilal, "professional", town.team_a), receipt.reference,
                                               now, "phone"),
               service::NotFound);
}

TEST_P(ReferralServiceTest, DirectoryShowsActivePeopleAndWalkInHours) {
  const auto lookup = directory->find_team("2501 ab");
  EXPECT_EQ(lookup.team->name, "Buurtteam Noord");
  ASSERT_EQ(lookup.team->people.size(), 4u);
  EXPECT_EQ(lookup.team->people.back().role, "teamlead");
  ASSERT_EQ(lookup.team->walk_in.size(), 1u);
  EXPECT_EQ(lookup.team->walk_in[0].place, "Wijkcentrum Noord");
  EXPECT_THROW(directory->find_team("9999ZZ"), service::NotFound);
  EXPECT_THROW(directory->find_team("12"), domain::ValidationError);
}

TEST_P(ReferralServiceTest, ANewColleagueShowsOnTheFrontDoorAfterARefresh) {
  ASSERT_EQ(directory->find_team("2501AB").team->people.size(), 4u);
  service::NewAccount account{"e.yilmaz",     "een lang wachtwoord", "Emre Yilmaz",
                              "professional", "Buurtteam Noord",     "06 9999 0000"};
  service::add_account(db(), clock, account);
  EXPECT_EQ(directory->find_team("2501AB").team->people.size(), 4u);  // the snapshot stays until a refresh
  EXPECT_TRUE(directory->refresh());
  EXPECT_EQ(directory->find_team("2501AB").team->people.size(), 5u);
  EXPECT_FALSE(directory->refresh()) << "nothing changed since";
  account.username = "no.phone";
  account.phone = "";
  EXPECT_THROW(service::add_account(db(), clock, account), domain::ValidationError);
}

GEZICHT_ON_BOTH_BACKENDS(ReferralServiceTest);

class AuthServiceTest : public ReferralServiceTest {};

TEST_P(AuthServiceTest, LoginChecksThePasswordAndSessionsExpire) {
  service::AuthService auth(clock, random, {1800, 12 * 3600, 60});
  EXPECT_FALSE(auth.login(db(), "anna", "wrong password!"));
  EXPECT_FALSE(auth.login(db(), "nobody", SmallMunicipality::password));
  auto login = auth.login(db(), "anna", SmallMunicipality::password);
  ASSERT_TRUE(login);
  EXPECT_EQ(login->actor.user_id, town.anna);
  EXPECT_EQ(login->actor.session_token_hash, service::hash_token(login->session_token));
  auto stored = storage::query(db(), "SELECT COUNT(*) FROM sessions WHERE token_hash = ?", login->session_token);
  stored->step();
  EXPECT_EQ(stored->int64(0), 0) << "the raw token must never be stored";

  ASSERT_TRUE(auth.authenticate(db(), login->session_token));
  clock.advance(1700);
  ASSERT_TRUE(auth.authenticate(db(), login->session_token));  // activity keeps it alive
  clock.advance(1801);
  EXPECT_FALSE(auth.authenticate(db(), login->session_token));  // idle too long
}

TEST_P(AuthServiceTest, AbsoluteLifetimeAndRotationOnLogin) {
  service::AuthService auth(clock, random, {1800, 3600, 60});
  auto first = auth.login(db(), "bilal", SmallMunicipality::password);
  ASSERT_TRUE(first);
  for (int i = 0; i < 3; ++i) {
    clock.advance(1000);
    ASSERT_TRUE(auth.authenticate(db(), first->session_token));
  }
  clock.advance(700);
  EXPECT_FALSE(auth.authenticate(db(), first->session_token));  // over an hour in all

  auto second = auth.login(db(), "bilal", SmallMunicipality::password);
  auto third = auth.login(db(), "bilal", SmallMunicipality::password, second->session_token);
  EXPECT_FALSE(auth.authenticate(db(), second->session_token)) << "login must rotate the old session";
  EXPECT_TRUE(auth.authenticate(db(), third->session_token));
  auth.logout(db(), *auth.authenticate(db(), third->session_token));
  EXPECT_FALSE(auth.authenticate(db(), third->session_token));
}

GEZICHT_ON_BOTH_BACKENDS(AuthServiceTest);

}  // namespace
}  // namespace gezicht
