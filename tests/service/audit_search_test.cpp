// The auditor's search of the trail on both databases: each filter alone and
// together, the kinds as the domain defines them, a period of Amsterdam
// days, paging, export, and the search's own entry in the trail.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "service/audit_search_service.hpp"
#include "service/audit_trail.hpp"

namespace gezicht {
namespace {

domain::AuditSearchInput input(std::initializer_list<std::pair<const char*, std::string>> fields) {
  domain::AuditSearchInput result;
  for (const auto& [name, value] : fields) {
    const std::string field = name;
    if (field == "household") result.household = value;
    if (field == "person") result.person = value;
    if (field == "kind") result.kind = value;
    if (field == "from") result.from = value;
    if (field == "to") result.to = value;
    if (field == "before") result.before = value;
    if (field == "limit") result.limit = value;
  }
  return result;
}

class AuditSearchTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    // Two days in December (Amsterdam is UTC+1): the 3rd and the 4th.
    at("2026-12-03T10:00:00Z", anna(), {7, "summary", "read", "allowed", "fixed_contact"});
    at("2026-12-03T11:00:00Z", stan(), {7, "summary", "read", "denied", "no need to know"});
    at("2026-12-03T23:30:00Z", stan(), {8, "summary,plan,contacts", "emergency_access", "allowed", "Kind in gevaar"});
    at("2026-12-04T08:00:00Z", stan(), {8, "plan", "read", "allowed", "emergency until 2026-12-04T09:30:00Z"});
    at("2026-12-04T09:00:00Z", anna(),
       {7, "sharing", "create", "allowed", "fixed_contact: share plan with schuldhulp"});
    at("2026-12-04T10:00:00Z", anna(), {7, "plan", "read", "allowed", "shared: schuldhulpverlening"});
  }

  service::Actor person(std::int64_t id, const std::string& name) {
    service::Actor actor;
    actor.user_id = id;
    actor.name = name;
    actor.access_role = domain::Role::professional;
    actor.client_address = "192.0.2.7";
    actor.route = "GET /test";
    return actor;
  }
  service::Actor anna() { return person(10, "Anna de Boer"); }
  service::Actor stan() { return person(11, "Stan Vreemd"); }
  service::Actor auditor() {
    auto actor = person(12, "Anja Controle");
    actor.access_role = domain::Role::auditor;
    return actor;
  }

  void at(const char* when, const service::Actor& actor, const service::AuditEvent& event) {
    clock.set(*domain::parse_timestamp(when));
    storage::Transaction transaction(db());
    trail.record_in(db(), actor, event);
    transaction.commit();
  }

  std::vector<std::string> found(const domain::AuditSearchInput& search) {
    std::vector<std::string> at;
    for (const auto& entry : service_.search(db(), auditor(), search).entries) at.push_back(entry.at.substr(5, 11));
    return at;
  }

  service::ManualClock clock{*domain::parse_timestamp("2026-12-03T10:00:00Z")};
  service::AuditTrail trail{clock, service::AuditTrail::Options{}};
  service::AuditSearchService service_{trail};
};

TEST_P(AuditSearchTest, EachFilterAloneAndTogether) {
  EXPECT_EQ(found(input({{"household", "8"}})), (std::vector<std::string>{"12-04T08:00", "12-03T23:30"}));
  EXPECT_EQ(found(input({{"person", "10"}, {"household", "7"}})),
            (std::vector<std::string>{"12-04T10:00", "12-04T09:00", "12-03T10:00"}));
  EXPECT_EQ(found(input({{"kind", "refused"}})), (std::vector<std::string>{"12-03T11:00"}));
  EXPECT_EQ(found(input({{"kind", "emergency"}})), (std::vector<std::string>{"12-04T08:00", "12-03T23:30"}));
  EXPECT_EQ(found(input({{"kind", "shared"}})), (std::vector<std::string>{"12-04T10:00", "12-04T09:00"}));
  EXPECT_EQ(found(input({{"kind", "shared"}, {"person", "11"}})), std::vector<std::string>{});
}

TEST_P(AuditSearchTest, APeriodIsWholeDaysInAmsterdam) {
  // 23:30 UTC on the 3rd is already the 4th in Amsterdam.
  EXPECT_EQ(found(input({{"from", "2026-12-04"}, {"to", "2026-12-04"}, {"household", "8"}})),
            (std::vector<std::string>{"12-04T08:00", "12-03T23:30"}));
  EXPECT_EQ(found(input({{"to", "2026-12-03"}})), (std::vector<std::string>{"12-03T11:00", "12-03T10:00"}));
}

TEST_P(AuditSearchTest, PagesGoOnWhereTheLastStopped) {
  // Household 7 has four entries: a page of three, then one.
  const auto first = service_.search(db(), auditor(), input({{"limit", "3"}, {"household", "7"}}));
  ASSERT_EQ(first.entries.size(), 3u);
  ASSERT_TRUE(first.next_before);
  const auto second = service_.search(
      db(), auditor(), input({{"limit", "3"}, {"household", "7"}, {"before", std::to_string(*first.next_before)}}));
  ASSERT_EQ(second.entries.size(), 1u);
  EXPECT_EQ(second.entries[0].at, "2026-12-03T10:00:00Z");
  EXPECT_FALSE(second.next_before);
}

TEST_P(AuditSearchTest, ANameIsResolvedOrNamedAsUnknown) {
  try {
    service_.search(db(), auditor(), input({{"person", "nobody.here"}}));
    FAIL() << "an unknown name was searched";
  } catch (const domain::ValidationError& error) {
    EXPECT_EQ(error.errors().at(0).field, "person");
  }
}

TEST_P(AuditSearchTest, TheSearchAndTheExportAreEntriesOfTheirOwn) {
  service_.search(db(), auditor(), input({{"household", "7"}}));
  const auto exported = service_.export_entries(db(), auditor(), input({{"household", "8"}, {"limit", "1"}}));
  EXPECT_EQ(exported.entries.size(), 2u) << "an export ignores the page size";
  EXPECT_FALSE(exported.truncated);
  trail.flush(db());
  const auto own = service_.search(db(), auditor(), input({{"person", "12"}}));
  ASSERT_EQ(own.entries.size(), 2u);
  EXPECT_EQ(own.entries[0].action, "export");
  EXPECT_EQ(own.entries[0].household_id, 8);
  EXPECT_NE(own.entries[0].purpose.find("entries=2"), std::string::npos) << own.entries[0].purpose;
  EXPECT_EQ(own.entries[1].action, "search");
  EXPECT_NE(own.entries[1].purpose.find("household=7"), std::string::npos);
}

TEST_P(AuditSearchTest, VerifyingOnThePageIsTheCommandsCheck) {
  const auto check = service_.verify(db(), auditor());
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.entries, 6);
}

GEZICHT_ON_BOTH_BACKENDS(AuditSearchTest);

}  // namespace
}  // namespace gezicht
