// Lists the database aggregated into JSON (storage/json_rows.hpp), read
// back as rows: every scalar the two databases write, and a clear error for
// anything else.

#include "storage/json_rows.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace gezicht::storage {
namespace {

TEST(JsonRows, ReadsRowsOfScalars) {
  JsonRows rows(R"([[1, "Samira", null, true], [-42,"a\"b\\c\/d\n\t\u00e9\ud83c\udf37",2015,false]])", 4, "members");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.int64(0), 1);
  EXPECT_EQ(rows.text(1), "Samira");
  EXPECT_TRUE(rows.is_null(2));
  EXPECT_EQ(rows.optional_int64(2), std::nullopt);
  EXPECT_EQ(rows.int64(3), 1);
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.int64(0), -42);
  EXPECT_EQ(rows.text(1), "a\"b\\c/d\n\t\xC3\xA9\xF0\x9F\x8C\xB7");
  EXPECT_EQ(rows.int64(2), 2015);
  EXPECT_EQ(rows.int64(3), 0);
  EXPECT_FALSE(rows.step());
  EXPECT_FALSE(rows.step());
}

// Views point into the rows' own copies: one taken from an earlier row
// still reads right after many later values, escaped ones among them, were
// parsed into the same buffers.
TEST(JsonRows, ViewsOfEarlierRowsStayValid) {
  std::string json = "[[\"eerste\", \"a\\\"b\"]";
  for (int i = 0; i < 200; ++i) json += ", [\"rij " + std::to_string(i) + "\", \"\\u00e9" + std::to_string(i) + "\"]";
  json += "]";
  JsonRows rows(std::move(json), 2, "faces");
  ASSERT_TRUE(rows.step());
  const std::string_view plain = rows.view(0);
  const std::string_view escaped = rows.view(1);
  int count = 1;
  std::string_view last;
  while (rows.step()) {
    last = rows.view(1);
    ++count;
  }
  EXPECT_EQ(count, 201);
  EXPECT_EQ(plain, "eerste");
  EXPECT_EQ(escaped, "a\"b");
  EXPECT_EQ(last,
            "\xC3\xA9"
            "199");
}

TEST(JsonRows, AnEmptyListHasNoRows) {
  JsonRows rows(" [ ] ", 3, "goals");
  EXPECT_FALSE(rows.step());
}

TEST(JsonRows, RawUtf8PassesThrough) {
  JsonRows rows("[[\"Çelik 🌷\"]]", 1, "members");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.text(0), "Çelik 🌷");
}

TEST(JsonRows, AnythingElseIsAnErrorNamingTheList) {
  for (const char* bad : {"", "[", "[[1,2]", "[[1,2]]x", "[[1]]", "[[1,2,3]]", "[{\"a\":1},2]", "[[1,[2]]]",
                          "[[1.5,2]]", "[[1e3,2]]", "[[\"open,2]]", "[[\"\\x\",2]]", "[[\"\\ud83c\",2]]",
                          "[[\"\\udf37\",2]]", "[[\"\\u12\",2]]", "[[nul,2]]", "[[-,2]]", "[[1,2],]"}) {
    try {
      JsonRows rows(bad, 2, "actions");
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const DatabaseError& error) {
      EXPECT_NE(std::string(error.what()).find("actions"), std::string::npos) << error.what();
    }
  }
}

TEST(JsonRows, TextIsNotANumber) {
  JsonRows rows(R"([["12"]])", 1, "members");
  ASSERT_TRUE(rows.step());
  EXPECT_THROW(rows.int64(0), DatabaseError);
  EXPECT_EQ(rows.text(0), "12");
}

TEST(JsonRows, ReadingOutsideARowIsAProgrammingError) {
  JsonRows rows("[[1]]", 1, "members");
  EXPECT_THROW(rows.int64(0), std::logic_error);
  ASSERT_TRUE(rows.step());
  EXPECT_THROW(rows.int64(1), std::logic_error);
  EXPECT_THROW(rows.bind(1, Value(std::int64_t{1})), std::logic_error);
}

}  // namespace
}  // namespace gezicht::storage
