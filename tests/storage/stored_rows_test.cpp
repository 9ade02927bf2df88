// Query results kept as text (storage/stored_rows.hpp): what a real result
// set holds on either database reads back cell for cell, and damaged text is
// an error, never a shorter record.

#include <gtest/gtest.h>

#include "backend.hpp"
#include "storage/stored_rows.hpp"

namespace gezicht {
namespace {

class StoredRowsTest : public testing::BackendTest {};

// Texts that look like the format's own markers, empty text, NULL, a
// newline, multi-byte characters and numbers.
constexpr const char* awkward_rows =
    "SELECT 1 AS n, 'gewoon' AS a, NULL AS b, '' AS c "
    "UNION ALL SELECT 2, '12:R3,4;~', 'Zoë ☕ en ''quotes''', '-7' "
    "UNION ALL SELECT 3, 'regel 1' || char(10) || 'regel 2', NULL, '9223372036854775807' ORDER BY 1";

TEST_P(StoredRowsTest, EveryCellReadsBackAsStored) {
  const std::string sql =
      db().dialect() == storage::Dialect::postgres
          ? std::string(awkward_rows).replace(std::string(awkward_rows).find("char(10)"), 8, "chr(10)")
          : awkward_rows;
  std::string encoded;
  auto first = storage::query(db(), sql);
  storage::encode_rows(encoded, *first, 4);
  auto empty = storage::query(db(), "SELECT 1 WHERE 1 = 0");
  storage::encode_rows(encoded, *empty, 1);

  auto lists = storage::decode_lists(encoded, {4, 1});
  ASSERT_EQ(lists.size(), 2u);
  auto again = storage::query(db(), sql);
  int rows = 0;
  while (again->step()) {
    ASSERT_TRUE(lists[0].step()) << "row " << rows;
    ++rows;
    EXPECT_EQ(lists[0].int64(0), again->int64(0));
    for (int column = 1; column < 4; ++column) {
      EXPECT_EQ(lists[0].is_null(column), again->is_null(column)) << "row " << rows << ", column " << column;
      if (!again->is_null(column)) {
        EXPECT_EQ(lists[0].text(column), again->text(column));
      }
    }
  }
  EXPECT_EQ(rows, 3);
  EXPECT_FALSE(lists[0].step()) << "no row after the last";
  EXPECT_FALSE(lists[0].step()) << "and none after asking again";
  EXPECT_FALSE(lists[1].step()) << "an empty result stays empty";
  EXPECT_THROW(lists[0].text(0), storage::DatabaseError) << "no current row";
}

TEST_P(StoredRowsTest, NumbersReadAsTheDatabasesOwnStatementsReadThem) {
  auto rows = storage::query(db(), "SELECT 42, NULL, '-9', 'twee'");
  std::string encoded;
  storage::encode_rows(encoded, *rows, 4);
  auto lists = storage::decode_lists(encoded, {4});
  ASSERT_TRUE(lists[0].step());
  EXPECT_EQ(lists[0].int64(0), 42);
  EXPECT_EQ(lists[0].int64(1), 0) << "NULL reads as 0, as in both databases";
  EXPECT_EQ(lists[0].optional_int64(1), std::nullopt);
  EXPECT_EQ(lists[0].int64(2), -9);
  EXPECT_THROW(lists[0].int64(3), storage::DatabaseError) << "text is not a number";
  EXPECT_THROW(lists[0].text(4), storage::DatabaseError) << "no such column";
  EXPECT_THROW(lists[0].bind(1, std::int64_t{1}), std::logic_error);
  EXPECT_THROW(lists[0].changes(), std::logic_error);
}

GEZICHT_ON_BOTH_BACKENDS(StoredRowsTest);

TEST(StoredRows, DamagedTextIsAnErrorNotAShorterRecord) {
  const std::string good = "R2,2;1:a~3:abc2:xy";
  ASSERT_EQ(storage::decode_lists(good, {2}).size(), 1u);
  ASSERT_EQ(storage::decode_lists("R0,3;R0,1;", {3, 1}).size(), 2u);
  for (const std::string& bad : {
           std::string(""),                // no list at all
           std::string("R2,2;1:a~3:abc"),  // a row cut short
           std::string("R2,2;1:a~3:abc2:x"),
           std::string("R2,2;1:a~9:abc2:xy"),        // a length past the end
           std::string("R2,2;1:a~3:abc2:xyz"),       // text after the last list
           std::string("R2,3;1:a~3:abc2:xy"),        // another column count
           std::string("Q2,2;1:a~3:abc2:xy"),        // not a list
           std::string("R-1,2;"),                    // a negative count
           std::string("R99999999999,2;1:a"),        // more cells than characters
           std::string("R2,2;1a~3:abc2:xy"),         // a length without its colon
           std::string("R18446744073709551616,1;"),  // a count that does not fit
       }) {
    EXPECT_THROW(storage::decode_lists(bad, {2}), storage::DatabaseError) << bad;
  }
  EXPECT_THROW(storage::decode_lists(good, {2, 1}), storage::DatabaseError) << "a list missing";
}

}  // namespace
}  // namespace gezicht
