// PostgreSQL connection tests. Those needing a server run only when
// GEZICHT_TEST_POSTGRES_URL is set (see scripts/start-postgres.sh).

#include "storage/postgres/pg_connection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace gezicht::storage::postgres {
namespace {

TEST(PgPlaceholders, RewritesOnlyOutsideQuotesAndComments) {
  int count = 0;
  EXPECT_EQ(rewrite_placeholders("SELECT ?, '?', 'it''s ?', \"odd?\" -- why?\n, ? /* ? */, ?", count),
            "SELECT $1, '?', 'it''s ?', \"odd?\" -- why?\n, $2 /* ? */, $3");
  EXPECT_EQ(count, 3);
  EXPECT_EQ(rewrite_placeholders("SELECT 1", count), "SELECT 1");
  EXPECT_EQ(count, 0);
}

TEST(PgConnect, ErrorDoesNotRevealPassword) {
  // Port 1 refuses at once; the message must still not carry the password.
  try {
    open_postgres("postgresql://gezicht:s3cretpw@127.0.0.1:1/gezicht");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& error) {
    EXPECT_EQ(std::string(error.what()).find("s3cretpw"), std::string::npos) << error.what();
  }
  try {
    open_postgres("postgresql://gezicht:s3cret%zz@127.0.0.1:1/gezicht");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& error) {
    EXPECT_EQ(std::string(error.what()).find("s3cret"), std::string::npos) << error.what();
  }
}

class PgConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("GEZICHT_TEST_POSTGRES_URL");
    if (!url || !*url) GTEST_SKIP() << "set GEZICHT_TEST_POSTGRES_URL to run the PostgreSQL tests";
    url_ = url;
    db_ = open_postgres(url_);
    static int counter = 0;
    table_ = "pg_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    db_->execute_script("CREATE TEMP TABLE " + table_ +
                        " (id BIGINT PRIMARY KEY, label TEXT UNIQUE, note TEXT, \"order\" BIGINT)");
  }

  std::int64_t count_rows() {
    auto statement = db_->prepare("SELECT COUNT(*) FROM " + table_);
    EXPECT_TRUE(statement->step());
    return statement->int64(0);
  }

  std::string url_;
  std::unique_ptr<Connection> db_;
  std::string table_;
};

TEST_F(PgConnectionTest, ReportsDialectAndRunsInUtc) {
  EXPECT_EQ(db_->dialect(), Dialect::postgres);
  auto statement = query(*db_, "SELECT current_setting('TimeZone'), current_setting('client_encoding')");
  ASSERT_TRUE(statement->step());
  EXPECT_EQ(statement->text(0), "UTC");
  EXPECT_EQ(statement->text(1), "UTF8");
}

TEST_F(PgConnectionTest, QuestionMarkInLiteralIsNotAPlaceholder) {
  auto statement = query(*db_, "SELECT CAST(? AS TEXT) || '?' || CAST(? AS TEXT)", "a", "b");
  ASSERT_TRUE(statement->step());
  EXPECT_EQ(statement->text(0), "a?b");
  EXPECT_FALSE(statement->step());
  EXPECT_FALSE(statement->step());  // stays finished

  EXPECT_EQ(exec(*db_, "INSERT INTO " + table_ + " (id, label, note) VALUES (?, 'why?', ?)", std::int64_t{1}, "x"), 1);
  auto row = query(*db_, "SELECT label, note FROM " + table_ + " WHERE id = ?", std::int64_t{1});
  ASSERT_TRUE(row->step());
  EXPECT_EQ(row->text(0), "why?");
  EXPECT_EQ(row->text(1), "x");
}

TEST_F(PgConnectionTest, NullRoundTrip) {
  exec(*db_, "INSERT INTO " + table_ + " (id, label, note) VALUES (?, ?, ?)", std::int64_t{1}, nullptr, nullptr);
  auto statement = query(*db_, "SELECT label, note, \"order\" FROM " + table_ + " WHERE id = ?", std::int64_t{1});
  ASSERT_TRUE(statement->step());
  EXPECT_TRUE(statement->is_null(0));
  EXPECT_EQ(statement->optional_text(1), std::nullopt);
  EXPECT_EQ(statement->optional_int64(2), std::nullopt);
  EXPECT_EQ(statement->int64(2), 0);  // as SQLite reads NULL
}

TEST_F(PgConnectionTest, Int64Extremes) {
  const auto low = std::numeric_limits<std::int64_t>::min();
  const auto high = std::numeric_limits<std::int64_t>::max();
  exec(*db_, "INSERT INTO " + table_ + " (id, \"order\") VALUES (?, ?), (?, ?)", std::int64_t{1}, low, std::int64_t{2},
       high);
  auto statement = db_->prepare("SELECT \"order\" FROM " + table_ + " ORDER BY id");
  ASSERT_TRUE(statement->step());
  EXPECT_EQ(statement->int64(0), low);
  ASSERT_TRUE(statement->step());
  EXPECT_EQ(statement->int64(0), high);
  EXPECT_FALSE(statement->step());

  auto flags = db_->prepare("SELECT 1 = 1, 1 = 2, 'abc'");
  ASSERT_TRUE(flags->step());
  EXPECT_EQ(flags->int64(0), 1);  // booleans read as SQLite's 1/0
  EXPECT_EQ(flags->int64(1), 0);
  EXPECT_THROW(flags->int64(2), DatabaseError);
}

TEST_F(PgConnectionTest, Utf8TextRoundTrip) {
  const std::string text = "Zoë's café — ĳs, 你好, 🙂";
  exec(*db_, "INSERT INTO " + table_ + " (id, note) VALUES (?, ?)", std::int64_t{1}, text);
  auto statement = query(*db_, "SELECT note, length(note) FROM " + table_ + " WHERE note = ?", text);
  ASSERT_TRUE(statement->step());
  EXPECT_EQ(statement->text(0), text);
  EXPECT_EQ(statement->int64(1), 22);  // characters, not bytes: the server saw UTF-8
}

TEST_F(PgConnectionTest, UniqueViolationIsConstraintError) {
  const std::string insert = "INSERT INTO " + table_ + " (id, label) VALUES (?, ?)";
  exec(*db_, insert, std::int64_t{1}, "same");
  EXPECT_THROW(exec(*db_, insert, std::int64_t{2}, "same"), ConstraintError);
  try {
    exec(*db_, insert, std::int64_t{3}, "same");
    FAIL() << "expected ConstraintError";
  } catch (const ConstraintError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("23505"), std::string::npos) << message;
    EXPECT_NE(message.find(insert), std::string::npos) << message;
  }
  // Other failures are plain DatabaseErrors.
  try {
    db_->prepare("SELEKT 1");
    FAIL() << "expected DatabaseError";
  } catch (const ConstraintError&) {
    FAIL() << "a syntax error is no constraint violation";
  } catch (const DatabaseError&) {
  }
  EXPECT_EQ(count_rows(), 1);
}

TEST_F(PgConnectionTest, RollbackRollsBack) {
  const std::string insert = "INSERT INTO " + table_ + " (id) VALUES (?)";
  db_->begin();
  exec(*db_, insert, std::int64_t{1});
  db_->rollback();
  EXPECT_EQ(count_rows(), 0);

  {
    Transaction transaction(*db_);
    exec(*db_, insert, std::int64_t{2});
  }  // destroyed without commit
  EXPECT_EQ(count_rows(), 0);

  {
    Transaction transaction(*db_);
    exec(*db_, insert, std::int64_t{3});
    transaction.commit();
  }
  EXPECT_EQ(count_rows(), 1);
}

TEST_F(PgConnectionTest, CommitAfterFailedStatementThrows) {
  const std::string insert = "INSERT INTO " + table_ + " (id) VALUES (?)";
  Transaction transaction(*db_);
  exec(*db_, insert, std::int64_t{1});
  EXPECT_THROW(exec(*db_, insert, std::int64_t{1}), ConstraintError);
  EXPECT_THROW(transaction.commit(), DatabaseError);  // the server answers COMMIT with ROLLBACK
  EXPECT_EQ(count_rows(), 0);
}

TEST_F(PgConnectionTest, ChangesCountsRows) {
  db_->bulk_insert(table_, {"id"}, {{std::int64_t{1}}, {std::int64_t{2}}, {std::int64_t{3}}});
  EXPECT_EQ(exec(*db_, "UPDATE " + table_ + " SET note = ? WHERE id >= ?", "n", std::int64_t{2}), 2);
  EXPECT_EQ(exec(*db_, "DELETE FROM " + table_ + " WHERE id = ?", std::int64_t{9}), 0);
}

TEST_F(PgConnectionTest, StatementCanBeRebound) {
  auto statement = db_->prepare("SELECT CAST(? AS BIGINT) * 2");
  for (std::int64_t i = 1; i <= 3; ++i) {
    statement->bind(1, i);
    ASSERT_TRUE(statement->step());
    EXPECT_EQ(statement->int64(0), i * 2);
  }
  EXPECT_THROW(statement->bind(2, std::int64_t{1}), DatabaseError);
}

TEST_F(PgConnectionTest, BulkInsertRoundTripsAwkwardText) {
  const std::vector<std::string> awkward = {"tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\.",
                                            "",          "end\\",       "mixed \\t\t\\n\n", "ümlaut 🙂"};
  std::vector<std::vector<Value>> rows;
  for (std::size_t i = 0; i < awkward.size(); ++i) {
    rows.push_back({static_cast<std::int64_t>(i), awkward[i], nullptr, static_cast<std::int64_t>(-i)});
  }
  {
    Transaction transaction(*db_);
    db_->bulk_insert(table_, {"id", "note", "label", "order"}, rows);
    transaction.commit();
  }
  auto statement = db_->prepare("SELECT id, note, label, \"order\" FROM " + table_ + " ORDER BY id");
  for (std::size_t i = 0; i < awkward.size(); ++i) {
    ASSERT_TRUE(statement->step());
    EXPECT_EQ(statement->int64(0), static_cast<std::int64_t>(i));
    EXPECT_FALSE(statement->is_null(1));
    EXPECT_EQ(statement->text(1), awkward[i]);
    EXPECT_TRUE(statement->is_null(2));
    EXPECT_EQ(statement->int64(3), -static_cast<std::int64_t>(i));
  }
  EXPECT_FALSE(statement->step());
}

TEST_F(PgConnectionTest, BulkInsertErrorsLeaveConnectionUsable) {
  EXPECT_THROW(db_->bulk_insert(table_, {"id", "note"}, {{std::int64_t{1}}}), DatabaseError);
  EXPECT_THROW(db_->bulk_insert(table_, {"id"}, {{std::int64_t{1}}, {std::int64_t{1}}}), ConstraintError);
  EXPECT_EQ(count_rows(), 0);
}

TEST_F(PgConnectionTest, ReconnectsAfterConnectionLoss) {
  auto statement = db_->prepare("SELECT 41 + 1");
  auto pid = db_->prepare("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid->step());

  auto killer = open_postgres(url_);
  auto kill = query(*killer, "SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)", pid->int64(0));
  ASSERT_TRUE(kill->step());
  ASSERT_EQ(kill->int64(0), 1);

  // The first use finds the connection dead; the next one reconnects and
  // prepares the statement again on the new session.
  EXPECT_THROW(statement->step(), ConnectionLost);
  ASSERT_TRUE(statement->step());
  EXPECT_EQ(statement->int64(0), 42);
}

TEST_F(PgConnectionTest, ATransactionBegunOnALostIdleConnectionBeginsOnANewOne) {
  auto pid = db_->prepare("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid->step());
  const std::int64_t first = pid->int64(0);
  auto killer = open_postgres(url_);
  auto kill = query(*killer, "SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)", first);
  ASSERT_TRUE(kill->step());
  ASSERT_EQ(kill->int64(0), 1);

  // Nothing had run yet, so BEGIN is sent again on a new session, not refused.
  Transaction transaction(*db_);
  auto again = db_->prepare("SELECT pg_backend_pid()");
  ASSERT_TRUE(again->step());
  EXPECT_NE(again->int64(0), first);
  transaction.commit();
}

TEST_F(PgConnectionTest, ConnectionLossInsideTransactionIsNotHidden) {
  auto pid = db_->prepare("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid->step());
  const std::int64_t backend = pid->int64(0);
  auto killer = open_postgres(url_);

  Transaction transaction(*db_);
  auto kill = query(*killer, "SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)", backend);
  ASSERT_TRUE(kill->step());
  EXPECT_THROW(db_->prepare("SELECT 1")->step(), ConnectionLost);
  EXPECT_THROW(db_->prepare("SELECT 2"), ConnectionLost);  // still inside the lost transaction
  EXPECT_THROW(transaction.commit(), ConnectionLost);
  auto after = db_->prepare("SELECT 3");  // reconnected now the transaction is over
  ASSERT_TRUE(after->step());
  EXPECT_EQ(after->int64(0), 3);
}

}  // namespace
}  // namespace gezicht::storage::postgres
