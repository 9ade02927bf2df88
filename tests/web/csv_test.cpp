#include "web/csv.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace gezicht::web {
namespace {

const std::string bom = "\xEF\xBB\xBF";

TEST(Csv, WritesABomTheHeaderAndRowsWithCrlf) {
  EXPECT_EQ(csv_table({"categorie", "aantal"}, {{"Wonen", "12"}, {"Schuldhulp", "7"}}),
            bom + "categorie,aantal\r\nWonen,12\r\nSchuldhulp,7\r\n");
  EXPECT_EQ(csv_table({"categorie"}, {}), bom + "categorie\r\n");
}

TEST(Csv, KeepsDutchCharactersAsUtf8) {
  EXPECT_EQ(csv_table({"regel"}, {{"Eigen bijdrage Wmo (één keer)"}, {"Coöperatie"}}),
            bom + "regel\r\nEigen bijdrage Wmo (één keer)\r\nCoöperatie\r\n");
}

TEST(Csv, QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("zei \"nee\""), "\"zei \"\"nee\"\"\"");
  EXPECT_EQ(csv_field("regel 1\nregel 2"), "\"regel 1\nregel 2\"");
  EXPECT_EQ(csv_field("regel 1\r\nregel 2"), "\"regel 1\r\nregel 2\"");
  EXPECT_EQ(csv_field("a;b"), "a;b");
  EXPECT_EQ(csv_table({"a", "b"}, {{"x, y", ""}}), bom + "a,b\r\n\"x, y\",\r\n");
}

TEST(Csv, WritesALoneEmptyFieldSoTheRowIsNotABlankLine) {
  EXPECT_EQ(csv_table({"a"}, {{""}, {"x"}}), bom + "a\r\n\"\"\r\nx\r\n");
}

TEST(Csv, GuardsCellsASpreadsheetWouldRunAsAFormula) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("=1+1"), "'=1+1");
  EXPECT_EQ(csv_field("+31 6 12345678"), "'+31 6 12345678");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("-2+3"), "'-2+3");
  EXPECT_EQ(csv_field("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
  EXPECT_EQ(csv_field("\t=1"), "'\t=1");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(csv_field("-"), "'-");
  // Only the first character counts.
  EXPECT_EQ(csv_field("a=b"), "a=b");
  EXPECT_EQ(csv_field(" =1"), " =1");
  // The header is guarded too.
  EXPECT_EQ(csv_table({"=x"}, {}), bom + "'=x\r\n");
}

TEST(Csv, LeavesAPlainNegativeNumberAlone) {
  EXPECT_EQ(csv_field("-12.50"), "-12.50");
  EXPECT_EQ(csv_field("-3"), "-3");
  EXPECT_EQ(csv_field("-12,50"), "\"-12,50\"");  // quoted for its comma, not guarded
  EXPECT_EQ(csv_field("-1.234,50"), "\"'-1.234,50\"");
  EXPECT_EQ(csv_field("-12."), "'-12.");
  EXPECT_EQ(csv_field("-.5"), "'-.5");
  EXPECT_EQ(csv_field("-12e3"), "'-12e3");
  EXPECT_EQ(csv_field("-1 2"), "'-1 2");
}

TEST(Csv, RefusesRowsThatDoNotFitTheHeader) {
  EXPECT_THROW(csv_table({"a", "b"}, {{"1", "2"}, {"3"}}), std::invalid_argument);
  EXPECT_THROW(csv_table({"a"}, {{"1", "2"}}), std::invalid_argument);
  EXPECT_THROW(csv_table({}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace gezicht::web
