#pragma once
// A small municipality with one household, made by Samira Bakker's
// self-referral (anna is its fixed contact), and the services that work on
// it: the fixture of the household's service and storage tests, on both
// databases.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "fixture.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "service/directory_service.hpp"
#include "service/household_service.hpp"
#include "service/random.hpp"
#include "service/referral_service.hpp"

namespace gezicht::testing {

class HouseholdFixture : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    town = load_small_municipality(db(), "not-used-for-login");
    directory = std::make_unique<service::DirectoryService>([this] { return storage::open_connection(location()); });
    audit = std::make_unique<service::AuditTrail>(clock, service::AuditTrail::Options{});
    referrals = std::make_unique<service::ReferralService>(*directory, clock, random, *audit);
    households = std::make_unique<service::HouseholdService>(clock, *audit);
    household = *referrals->submit(db(), samira_asks("Ik krijg mijn post niet meer open."), requester()).household_id;
    // anna becomes the fixed contact
  }

  static domain::ReferralInput samira_asks(const std::string& question) {
    domain::ReferralInput input;
    input.name = "Samira Bakker";
    input.phone = "06 1111 2222";
    input.postcode = "2501AB";
    input.house_number = "12";
    input.question = question;
    input.channel = "phone";
    return input;
  }
  void TearDown() override {
    households.reset();
    audit.reset();
    referrals.reset();
    directory.reset();
    BackendTest::TearDown();
  }

  service::Actor actor(std::int64_t id, const std::string& role = "professional") {
    service::Actor a;
    a.user_id = id;
    a.access_role = *domain::parse_role(role);
    a.team_id = id >= 20 ? town.team_b : town.team_a;
    return a;
  }

  std::int64_t count(const std::string& table) { return count_rows(db(), table); }
  static std::string field_of(const std::function<void()>& action) { return invalid_field(action, true); }

  service::ContactInput contact_with(std::int64_t professional, std::int64_t days_ago) {
    service::ContactInput input;
    input.professional_id = professional;
    input.at = clock.now() - days_ago * 86400;
    input.channel = "home_visit";
    return input;
  }

  service::ManualClock clock{*domain::parse_timestamp("2026-11-27T09:00:00Z")};
  service::SodiumRandom random;
  SmallMunicipality town;
  std::unique_ptr<service::DirectoryService> directory;
  std::unique_ptr<service::ReferralService> referrals;
  std::unique_ptr<service::AuditTrail> audit;
  std::unique_ptr<service::HouseholdService> households;
  std::int64_t household = 0;
};

}  // namespace gezicht::testing
