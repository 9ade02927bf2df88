// Setting up a municipality from an import file, on both databases.

#include <gtest/gtest.h>

#include "backend.hpp"
#include "domain/validation_error.hpp"
#include "service/directory_admin.hpp"
#include "storage/directory_repository.hpp"

namespace gezicht {
namespace {

// When the imports happen (photos and their trail entries are stamped with it).
constexpr std::int64_t now = 1764900000;  // 2025-12-05

domain::DirectoryImport small_town() {
  domain::DirectoryImport import;
  import.municipality = domain::MunicipalityImport{"Gemeente Proef", "14 0999", "https://proef.nl", 4, {}, {}, {}};
  domain::TeamImport north{"Buurtteam Noord", "010 111 2233", "noord@proef.nl", 40, {}, {}};
  north.walk_in.push_back({2, "09:00", "12:00", "Wijkcentrum", "Dorpsstraat 1"});
  north.neighbourhoods.push_back({"Noord", {{"2500 aa", "2501 ZZ"}}});
  import.teams.push_back(north);
  return import;
}

std::vector<std::string> error_fields(const std::function<void()>& action) {
  try {
    action();
  } catch (const domain::ValidationError& error) {
    std::vector<std::string> fields;
    for (const auto& e : error.errors()) fields.push_back(e.field + ":" + e.message_key);
    return fields;
  }
  return {};
}

class DirectoryAdminTest : public testing::BackendTest {};

TEST_P(DirectoryAdminTest, ImportSetsUpAMunicipalityAndCanBeRepeated) {
  auto summary = service::import_directory(db(), small_town(), now);
  EXPECT_EQ(summary.teams, 1);
  EXPECT_EQ(summary.postcode_ranges, 1);
  storage::DirectoryRepository repository(db());
  const auto version = repository.directory_version();
  auto directory = repository.load_directory();
  ASSERT_EQ(directory.teams.size(), 1u);
  EXPECT_EQ(directory.teams[0].caseload_cap, 40);
  ASSERT_NE(directory.neighbourhood_for("2501QQ"), nullptr);
  EXPECT_EQ(directory.neighbourhoods[0].postcodes[0].from, "2500AA");
  EXPECT_EQ(repository.load_settings().at("promise_working_days"), "4");

  auto changed = small_town();
  changed.teams[0].caseload_cap = 50;
  changed.teams[0].walk_in.clear();
  changed.teams[0].neighbourhoods[0].postcodes = {{"2500AA", "2500ZZ"}};
  service::import_directory(db(), changed, now);
  directory = repository.load_directory();
  ASSERT_EQ(directory.teams.size(), 1u);
  EXPECT_EQ(directory.teams[0].caseload_cap, 50);
  EXPECT_TRUE(directory.teams[0].walk_in.empty());
  EXPECT_EQ(directory.neighbourhood_for("2501QQ"), nullptr);
  EXPECT_NE(repository.directory_version(), version);

  const auto exported = service::export_directory(db());
  ASSERT_EQ(exported.teams.size(), 1u);
  EXPECT_EQ(exported.teams[0].neighbourhoods[0].postcodes[0].to, "2500ZZ");
  EXPECT_EQ(exported.municipality->name, "Gemeente Proef");
}

TEST_P(DirectoryAdminTest, BadInputIsNamedByPathAndNothingIsSaved) {
  auto bad = small_town();
  bad.teams[0].walk_in[0].closes = "08:00";                                  // before it opens
  bad.teams[0].neighbourhoods[0].postcodes.push_back({"2501AB", "2502AA"});  // overlaps the first
  bad.teams[0].caseload_cap = 0;
  const auto fields = error_fields([&] { service::import_directory(db(), bad, now); });
  EXPECT_EQ(fields,
            (std::vector<std::string>{"teams[0].caseload_cap:field.invalid", "teams[0].walk_in[0].closes:field.invalid",
                                      "teams[0].neighbourhoods[0].postcodes[1]:postcode.overlap"}));
  EXPECT_TRUE(storage::DirectoryRepository(db()).load_directory().teams.empty());
}

TEST_P(DirectoryAdminTest, RangesMayNotOverlapANeighbourhoodLeftOutOfTheFile) {
  service::import_directory(db(), small_town(), now);
  domain::DirectoryImport other;
  domain::TeamImport south{"Buurtteam Zuid", "010 444 5566", "zuid@proef.nl", 60, {}, {}};
  south.neighbourhoods.push_back({"Zuid", {{"2501AA", "2600ZZ"}}});
  other.teams.push_back(south);
  const auto fields = error_fields([&] { service::import_directory(db(), other, now); });
  EXPECT_EQ(fields, (std::vector<std::string>{"neighbourhood Zuid:postcode.overlap"}));
  EXPECT_EQ(storage::DirectoryRepository(db()).load_directory().teams.size(), 1u);
}

GEZICHT_ON_BOTH_BACKENDS(DirectoryAdminTest);

}  // namespace
}  // namespace gezicht
