// The storage interface itself, on both databases: migrations, constraint
// errors, transactions and text round trips.

#include <gtest/gtest.h>

#include "backend.hpp"
#include "domain/validation_error.hpp"
#include "service/password.hpp"
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

TEST_P(RepositoryTest, AStatementThatFailsToPrepareFailsAgainTheNextTime) {
  for (int i = 0; i < 2; ++i) {
    EXPECT_THROW(storage::exec(db(), "UPDATE settings SET no_such_column = 1"), storage::DatabaseError);
  }
}

TEST_P(RepositoryTest, StatementsRunTogetherGiveEachItsOwnRows) {
  for (const char* key : {"a", "b", "c"}) {
    storage::exec(db(), "INSERT INTO settings (key, value) VALUES (?, ?)", std::string(key), std::string(key) + "!");
  }
  auto one = storage::query(db(), "SELECT value FROM settings WHERE key = ?", std::string("a"));
  auto none = storage::query(db(), "SELECT value FROM settings WHERE key = ?", std::string("zz"));
  auto all = storage::query(db(), "SELECT key FROM settings WHERE key IN (?, ?, ?) ORDER BY key", std::string("a"),
                            std::string("b"), std::string("c"));
  auto count = storage::query(db(), "SELECT COUNT(*) FROM settings WHERE key >= ?", std::string("b"));
  db().run_together({one.get(), none.get(), all.get(), count.get()});
  ASSERT_TRUE(one->step());
  EXPECT_EQ(one->text(0), "a!");
  EXPECT_FALSE(one->step());
  EXPECT_FALSE(none->step());
  std::vector<std::string> keys;
  while (all->step()) keys.push_back(all->text(0));
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_TRUE(count->step());
  EXPECT_GE(count->int64(0), 2);
  // A statement run together can be bound and run again on its own.
  one->bind(1, std::string("c"));
  ASSERT_TRUE(one->step());
  EXPECT_EQ(one->text(0), "c!");
}

TEST_P(RepositoryTest, AFailingStatementRunTogetherThrowsAndTheConnectionStaysUsable) {
  auto fine = storage::query(db(), "SELECT COUNT(*) FROM settings");
  // CAST of a non-number fails on PostgreSQL at run time; on SQLite the
  // division by zero is NULL, so only PostgreSQL throws here.
  auto failing = storage::query(db(), "SELECT CAST(? AS INTEGER) / 0", std::string("1"));
  auto after = storage::query(db(), "SELECT 1");
  if (db().dialect() == storage::Dialect::postgres) {
    try {
      db().run_together({fine.get(), failing.get(), after.get()});
      FAIL() << "expected a DatabaseError";
    } catch (const storage::DatabaseError& error) {
      EXPECT_NE(std::string(error.what()).find("division by zero"), std::string::npos) << error.what();
    }
  }
  auto again = storage::query(db(), "SELECT 41 + 1");
  ASSERT_TRUE(again->step());
  EXPECT_EQ(again->int64(0), 42);
  storage::Transaction transaction(db());
  storage::exec(db(), "INSERT INTO settings (key, value) VALUES (?, ?)", std::string("after"), std::string("ok"));
  transaction.commit();
}

TEST_P(RepositoryTest, RunTogetherRefusesAStatementOfAnotherConnection) {
  if (db().dialect() != storage::Dialect::postgres) GTEST_SKIP() << "SQLite runs each statement when stepped";
  auto other = storage::open_connection(location());
  auto mine = storage::query(db(), "SELECT 1");
  auto theirs = storage::query(*other, "SELECT 2");
  EXPECT_THROW(db().run_together({mine.get(), theirs.get()}), storage::DatabaseError);
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
  // Only the login reads the hash, and it is the one just set.
  const auto login = storage::UserRepository(db()).find_for_login("s.bakker");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->user.id, id);
  EXPECT_TRUE(service::verify_password(login->password_hash, "een ander lang wachtwoord"));
  EXPECT_FALSE(storage::UserRepository(db()).find_for_login("nobody"));
}

// Need to know within the code: an account read as a face (the session's
// person, a household's fixed contact, lists) carries no password hash;
// only UserRepository::find_for_login reads it.
template <typename T>
concept carries_password_hash = requires(T record) {
  record.password_hash;
};
static_assert(!carries_password_hash<storage::UserRecord>, "a face must not carry a password hash");

GEZICHT_ON_BOTH_BACKENDS(RepositoryTest);

}  // namespace
}  // namespace gezicht
