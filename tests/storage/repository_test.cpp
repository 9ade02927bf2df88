// The storage interface itself, on both databases: migrations, constraint
// errors, transactions and text round trips.

#include <gtest/gtest.h>

#include "backend.hpp"
#include "domain/validation_error.hpp"
#include "service/user_admin.hpp"
#include "storage/migrations.hpp"
#include "storage/user_repository.hpp"

namespace gezicht {
namespace {

class RepositoryTest : public testing::BackendTest {};

TEST_P(RepositoryTest, MigrationsApplyOnce) { EXPECT_EQ(storage::apply_migrations(db()), 0); }

TEST_P(RepositoryTest, DuplicateAddressIsAConstraintError) {
  storage::exec(db(), "INSERT INTO households (postcode, house_number, created_at) VALUES ('2501AB', '1', 'x')");
  EXPECT_THROW(
      storage::exec(db(), "INSERT INTO households (postcode, house_number, created_at) VALUES ('2501AB', '1', 'y')"),
      storage::ConstraintError);
}

TEST_P(RepositoryTest, RolledBackWritesAreGone) {
  {
    storage::Transaction transaction(db());
    storage::exec(db(), "INSERT INTO settings (key, value) VALUES ('a', 'b')");
  }
  auto row = storage::query(db(), "SELECT COUNT(*) FROM settings");
  ASSERT_TRUE(row->step());
  EXPECT_EQ(row->int64(0), 0);
}

TEST_P(RepositoryTest, TextRoundTripsExactly) {
  const std::string text = "Ik heb \"schulden\" & <b>zorgen</b>\n\tÜmit – 😊 ' ; DROP TABLE users; --";
  storage::exec(db(), "INSERT INTO settings (key, value) VALUES (?, ?)", std::string("k"), text);
  auto row = storage::query(db(), "SELECT value FROM settings WHERE key = ?", std::string("k"));
  ASSERT_TRUE(row->step());
  EXPECT_EQ(row->text(0), text);
}

TEST_P(RepositoryTest, AccountsNeedAKnownTeamAndAFreeUsername) {
  storage::exec(db(), "INSERT INTO teams (name, phone, email, caseload_cap) VALUES ('Team', '1', 'a@b.nl', 5)");
  service::SystemClock clock;
  service::NewAccount account{"s.bakker",    "lang genoeg wachtwoord", "Sanne Bakker", "professional", "Team",
                              "06 1234 5678"};
  const auto id = service::add_account(db(), clock, account);
  EXPECT_GT(id, 0);
  try {
    service::add_account(db(), clock, account);
    FAIL() << "a taken username was accepted";
  } catch (const domain::ValidationError& error) {
    EXPECT_EQ(error.errors()[0].field, "username");
  }
  account.username = "other";
  account.team = "Nope";
  account.password = "short";
  try {
    service::add_account(db(), clock, account);
    FAIL() << "bad account accepted";
  } catch (const domain::ValidationError& error) {
    ASSERT_EQ(error.errors().size(), 2u);
    EXPECT_EQ(error.errors()[0].field, "password");
    EXPECT_EQ(error.errors()[1].field, "team");
  }
  const auto users = service::list_accounts(db(), "Team");
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].username, "s.bakker");
  EXPECT_EQ(users[0].team_name, "Team");
  service::change_password(db(), "s.bakker", "een ander lang wachtwoord");
  EXPECT_THROW(service::change_password(db(), "nobody", "een ander lang wachtwoord"), std::exception);
}

GEZICHT_ON_BOTH_BACKENDS(RepositoryTest);

}  // namespace
}  // namespace gezicht
