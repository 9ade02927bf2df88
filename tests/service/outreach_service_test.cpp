// Time in the neighbourhood on both databases: recorded for one's own team,
// only one's own changed, planned time on the front door's snapshot, and
// how a resident found the team recorded with the first contact.
#include <gtest/gtest.h>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "fixture.hpp"
#include "service/audit_trail.hpp"
#include "service/directory_service.hpp"
#include "service/errors.hpp"
#include "service/outreach_service.hpp"
#include "service/referral_service.hpp"

namespace gezicht {
namespace {

class OutreachServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    town = testing::load_small_municipality(db(), "not-used-for-login");
    directory =
        std::make_unique<service::DirectoryService>([this] { return storage::open_connection(location()); }, clock);
    outreach = std::make_unique<service::OutreachService>(clock, *directory);
  }
  void TearDown() override {
    outreach.reset();
    directory.reset();
    BackendTest::TearDown();
  }

  service::Actor actor(std::int64_t id, domain::Role role, std::optional<std::int64_t> team) {
    service::Actor a;
    a.user_id = id;
    a.access_role = role;
    a.team_id = team;
    return a;
  }
  service::Actor anna() { return actor(town.anna, domain::Role::professional, town.team_a); }
  service::Actor bilal() { return actor(town.bilal, domain::Role::professional, town.team_a); }

  static domain::ReferralInput samira(const std::string& house_number) {
    domain::ReferralInput input;
    input.name = "Samira Bakker";
    input.phone = "06 1111 2222";
    input.postcode = "2501AB";
    input.house_number = house_number;
    input.question = "Ik krijg mijn post niet meer open.";
    input.channel = "phone";
    return input;
  }

  domain::OutreachInput walk_in(const std::string& starts, const std::string& ends) {
    domain::OutreachInput input;
    input.kind = "walk_in";
    input.place = "Buurthuis De Linde";
    input.address = "Lindelaan 4";
    input.starts_at = starts;
    input.ends_at = ends;
    return input;
  }

  testing::SmallMunicipality town;
  service::ManualClock clock{*domain::parse_timestamp("2026-12-04T15:00:00Z")};
  std::unique_ptr<service::DirectoryService> directory;
  std::unique_ptr<service::OutreachService> outreach;
};

TEST_P(OutreachServiceTest, PlannedTimeIsOnTheFrontDoorOfItsTeamAtOnce) {
  EXPECT_TRUE(outreach->presence("2501AB").items.empty());
  const auto row = outreach->record(db(), anna(), walk_in("2026-12-08T10:00", "2026-12-08T12:00"));
  EXPECT_EQ(row.team_id, town.team_a);
  EXPECT_EQ(row.starts_at, "2026-12-08T09:00:00Z");
  auto hidden = walk_in("2026-12-09T10:00", "2026-12-09T12:00");
  hidden.on_front_door = false;
  outreach->record(db(), bilal(), hidden);

  const auto presence = outreach->presence("2501 ab");
  ASSERT_EQ(presence.items.size(), 1U);
  EXPECT_EQ(presence.items[0].person.id, town.anna);
  EXPECT_EQ(presence.items[0].listing.place, "Buurthuis De Linde");
  EXPECT_TRUE(outreach->presence("2601AB").items.empty());  // the other team's front door
  // Once it is over, it leaves the front door.
  clock.set(*domain::parse_timestamp("2026-12-08T11:00:00Z"));
  EXPECT_TRUE(outreach->presence("2501AB").items.empty());
  EXPECT_THROW(outreach->presence("9999ZZ"), service::NotFound);
}

TEST_P(OutreachServiceTest, OnlyOnesOwnTimeIsChangedAndHeldTimeStays) {
  const auto planned = outreach->record(db(), anna(), walk_in("2026-12-08T10:00", "2026-12-08T12:00"));
  auto held_input = walk_in("2026-12-02T10:00", "2026-12-02T13:00");
  held_input.residents_met = "9";
  const auto held = outreach->record(db(), anna(), held_input);

  // Nobody else sees or changes anna's time, not even as "it exists".
  EXPECT_THROW(outreach->cancel(db(), bilal(), planned.id), service::NotFound);
  EXPECT_THROW(outreach->set_residents_met(db(), bilal(), held.id, "3"), service::NotFound);
  EXPECT_TRUE(outreach->overview(db(), bilal()).planned.empty());

  EXPECT_EQ(testing::invalid_field([&] { outreach->set_residents_met(db(), anna(), planned.id, "4"); }),
            "residents_met");  // nobody met yet
  EXPECT_EQ(testing::invalid_field([&] { outreach->set_residents_met(db(), anna(), held.id, ""); }), "residents_met");
  EXPECT_EQ(outreach->set_residents_met(db(), anna(), held.id, "12").residents_met, 12);
  EXPECT_THROW(outreach->cancel(db(), anna(), held.id), service::Conflict);

  auto overview = outreach->overview(db(), anna());
  ASSERT_EQ(overview.planned.size(), 1U);
  ASSERT_EQ(overview.held.size(), 1U);
  EXPECT_DOUBLE_EQ(overview.hours_held, 3.0);
  EXPECT_EQ(overview.residents_met, 12);

  outreach->cancel(db(), anna(), planned.id);
  EXPECT_TRUE(outreach->overview(db(), anna()).planned.empty());
  EXPECT_EQ(testing::count_rows(db(), "outreach_activities"), 1);
}

TEST_P(OutreachServiceTest, BadInputSavesNothingAndAnAccountWithoutATeamRecordsNothing) {
  EXPECT_EQ(testing::invalid_field([&] { outreach->record(db(), anna(), walk_in("", "2026-12-08T12:00")); }),
            "starts_at");
  EXPECT_THROW(outreach->record(db(), actor(town.anna, domain::Role::professional, std::nullopt),
                                walk_in("2026-12-08T10:00", "2026-12-08T12:00")),
               service::Forbidden);
  EXPECT_EQ(testing::count_rows(db(), "outreach_activities"), 0);
}

TEST_P(OutreachServiceTest, TheFirstContactSaysHowTheResidentFoundTheTeam) {
  service::SodiumRandom random;
  service::AuditTrail audit(clock, service::AuditTrail::Options{});
  service::ReferralService referrals(*directory, clock, random, audit);
  const auto receipt = referrals.submit(db(), samira("7"), testing::requester());
  const auto contact = actor(receipt.contact.id, domain::Role::professional, town.team_a);
  EXPECT_EQ(referrals.get(db(), contact, receipt.reference).arrived_via, "website");
  EXPECT_EQ(testing::invalid_field([&] {
              referrals.record_first_contact(db(), contact, receipt.reference, clock.now(), "phone",
                                             std::string("pigeon"));
            }),
            "arrived_via");
  const auto done = referrals.record_first_contact(db(), contact, receipt.reference, clock.now(), "home_visit",
                                                   std::string("outreach"));
  EXPECT_EQ(done.arrived_via, "outreach");
  EXPECT_EQ(referrals.get(db(), contact, receipt.reference).arrived_via, "outreach");
}

TEST_P(OutreachServiceTest, ABackgroundIsOptionalKeptApartAndOnlyFromTheList) {
  service::SodiumRandom random;
  service::AuditTrail audit(clock, service::AuditTrail::Options{});
  service::ReferralService referrals(*directory, clock, random, audit);
  auto input = samira("8");
  input.background = "Marokkaans";  // a nationality is not one of the answers
  EXPECT_EQ(testing::invalid_field([&] { referrals.submit(db(), input, testing::requester()); }), "background");
  input.background = "born_elsewhere";
  referrals.submit(db(), input, testing::requester());
  input.house_number = "9";
  input.background = "";  // not answered: nothing is kept
  referrals.submit(db(), input, testing::requester());
  EXPECT_EQ(testing::count_rows(db(), "referrals"), 2);
  EXPECT_EQ(testing::count_rows(db(), "referral_backgrounds WHERE background = 'born_elsewhere'"), 1);
  EXPECT_EQ(testing::count_rows(db(), "referral_backgrounds"), 1);
}

GEZICHT_ON_BOTH_BACKENDS(OutreachServiceTest);

}  // namespace
}  // namespace gezicht
