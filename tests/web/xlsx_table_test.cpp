#include "web/xlsx_table.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

namespace gezicht::web {
namespace {

// A reader of the zip container of our own, so the test does not trust the
// library that wrote it: the central directory names each part, its method
// (stored or deflated) and where its local header is.
std::uint32_t little_endian(const std::string& bytes, std::size_t at, int width) {
  if (at + static_cast<std::size_t>(width) > bytes.size()) throw std::runtime_error("zip: truncated");
  std::uint32_t value = 0;
  for (int i = width - 1; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::string inflate_raw(const std::string& compressed, std::size_t size) {
  std::string out(size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) throw std::runtime_error("zip: inflateInit2");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  inflateEnd(&stream);
  if (result != Z_STREAM_END || stream.total_out != size) throw std::runtime_error("zip: inflate failed");
  return out;
}

std::map<std::string, std::string> unzip(const std::string& bytes) {
  const auto end = bytes.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos) throw std::runtime_error("zip: no end of central directory");
  const auto entries = little_endian(bytes, end + 10, 2);
  std::size_t at = little_endian(bytes, end + 16, 4);
  std::map<std::string, std::string> files;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (little_endian(bytes, at, 4) != 0x02014b50) throw std::runtime_error("zip: bad central directory entry");
    const auto method = little_endian(bytes, at + 10, 2);
    const auto compressed_size = little_endian(bytes, at + 20, 4);
    const auto size = little_endian(bytes, at + 24, 4);
    const auto name_length = little_endian(bytes, at + 28, 2);
    const auto extra_length = little_endian(bytes, at + 30, 2);
    const auto comment_length = little_endian(bytes, at + 32, 2);
    const auto local = little_endian(bytes, at + 42, 4);
    const auto name = bytes.substr(at + 46, name_length);
    at += 46 + name_length + extra_length + comment_length;

    if (little_endian(bytes, local, 4) != 0x04034b50) throw std::runtime_error("zip: bad local header for " + name);
    const auto data = local + 30 + little_endian(bytes, local + 26, 2) + little_endian(bytes, local + 28, 2);
    const auto stored = bytes.substr(data, compressed_size);
    if (method == 0) {
      files[name] = stored;
    } else if (method == 8) {
      files[name] = inflate_raw(stored, size);
    } else {
      throw std::runtime_error("zip: unknown method for " + name);
    }
  }
  return files;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

XlsxSheet categories_sheet() {
  XlsxSheet sheet;
  sheet.name = "Categorieën";
  sheet.header = {"Categorie", "Aantal", "Kosten (euro)"};
  sheet.rows = {
      {xlsx_text("Wonen & energie"), xlsx_number(12), xlsx_number(1250.5)},
      {xlsx_text("Coöperatie één"), xlsx_number(7), xlsx_number(-12.25)},
      {xlsx_text("=HYPERLINK(\"http://x\",\"klik\")"), xlsx_number(5), xlsx_text("")},
  };
  return sheet;
}

// A fresh folder per test, removed after it, to see that no file is left behind.
class XlsxTable : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "gezicht-xlsx-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  bool folder_is_empty() const { return std::filesystem::is_empty(folder_); }

  std::filesystem::path folder_;
};

TEST_F(XlsxTable, IsAZipWithTheSheetsLeavingNoTemporaryFile) {
  auto second = categories_sheet();
  second.name = "Kosten/baten: [2026]?";
  const auto bytes = xlsx_workbook({categories_sheet(), second}, folder_);
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  EXPECT_TRUE(folder_is_empty());

  const auto files = unzip(bytes);
  ASSERT_TRUE(files.contains("xl/workbook.xml"));
  EXPECT_TRUE(files.contains("xl/worksheets/sheet1.xml"));
  EXPECT_TRUE(files.contains("xl/worksheets/sheet2.xml"));
  const auto& workbook = files.at("xl/workbook.xml");
  EXPECT_NE(workbook.find("<sheet name=\"Categorieën\""), std::string::npos);
  EXPECT_NE(workbook.find("<sheet name=\"Kosten-baten- -2026--\""), std::string::npos);
}

TEST_F(XlsxTable, WritesTextAsSharedStringsAndNumbersAsNumbers) {
  const auto files = unzip(xlsx_workbook({categories_sheet()}, folder_));
  const auto& strings = files.at("xl/sharedStrings.xml");
  EXPECT_NE(strings.find("<t>Categorie</t>"), std::string::npos);
  EXPECT_NE(strings.find("<t>Kosten (euro)</t>"), std::string::npos);
  EXPECT_NE(strings.find("<t>Wonen &amp; energie</t>"), std::string::npos);
  EXPECT_NE(strings.find("<t>Coöperatie één</t>"), std::string::npos);

  const auto& sheet = files.at("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<c r=\"B2\"><v>12</v></c>"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"C2\"><v>1250.5</v></c>"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"C3\"><v>-12.25</v></c>"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"A2\" t=\"s\">"), std::string::npos);
  // The empty text writes no cell.
  EXPECT_EQ(sheet.find("r=\"C4\""), std::string::npos);
}

TEST_F(XlsxTable, StoresTextStartingWithEqualsAsTextNotAFormula) {
  const auto files = unzip(xlsx_workbook({categories_sheet()}, folder_));
  const auto& sheet = files.at("xl/worksheets/sheet1.xml");
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_EQ(sheet.find("<f "), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"A4\" t=\"s\">"), std::string::npos);
  EXPECT_NE(files.at("xl/sharedStrings.xml").find("<t>=HYPERLINK(\"http://x\",\"klik\")</t>"), std::string::npos);
}

TEST_F(XlsxTable, KeepsTextThatLooksLikeExcelsOwnEscapeAsTyped) {
  auto sheet = categories_sheet();
  sheet.header[0] = "_x0041_ kop";
  sheet.rows[0][0] = xlsx_text("code _x00e9_ en _x12_ en _xZZZZ_");
  const auto strings = unzip(xlsx_workbook({sheet}, folder_)).at("xl/sharedStrings.xml");
  EXPECT_NE(strings.find("<t>_x005F_x0041_ kop</t>"), std::string::npos) << strings;
  EXPECT_NE(strings.find("<t>code _x005F_x00e9_ en _x12_ en _xZZZZ_</t>"), std::string::npos) << strings;
}

TEST_F(XlsxTable, MakesTheHeaderBoldAndFrozen) {
  const auto files = unzip(xlsx_workbook({categories_sheet()}, folder_));
  EXPECT_NE(files.at("xl/styles.xml").find("<b/>"), std::string::npos);
  const auto& sheet = files.at("xl/worksheets/sheet1.xml");
  // The three header cells use the bold format (index 1); no other cell does.
  EXPECT_NE(sheet.find("<c r=\"A1\" s=\"1\" t=\"s\">"), std::string::npos);
  EXPECT_EQ(occurrences(sheet, " s=\"1\""), 3u);
  EXPECT_NE(sheet.find("<pane ySplit=\"1\" topLeftCell=\"A2\""), std::string::npos);
}

TEST(XlsxTableSheetName, IsMadeValidForExcel) {
  EXPECT_EQ(xlsx_sheet_name("Doorbraken"), "Doorbraken");
  EXPECT_EQ(xlsx_sheet_name("a[b]c:d*e?f/g\\h"), "a-b-c-d-e-f-g-h");
  EXPECT_EQ(xlsx_sheet_name("  'Regels'  "), "Regels");
  EXPECT_EQ(xlsx_sheet_name("tab\there"), "tab-here");
  EXPECT_EQ(xlsx_sheet_name(std::string(40, 'x')), std::string(31, 'x'));
  // Cut at 31 UTF-16 units without splitting a character: é is 1 unit (2 bytes).
  EXPECT_EQ(xlsx_sheet_name(std::string(30, 'x') + "éé"), std::string(30, 'x') + "é");
  // An emoji is 2 units: it does not fit after 30.
  EXPECT_EQ(xlsx_sheet_name(std::string(30, 'x') + "\xF0\x9F\x98\x80"), std::string(30, 'x'));
  EXPECT_THROW(xlsx_sheet_name(""), std::invalid_argument);
  EXPECT_THROW(xlsx_sheet_name(" '' "), std::invalid_argument);
  EXPECT_THROW(xlsx_sheet_name("History"), std::invalid_argument);
  EXPECT_THROW(xlsx_sheet_name("\xC3("), std::invalid_argument);
}

TEST_F(XlsxTable, RefusesWhatWouldMakeABrokenWorkbook) {
  const auto refuses = [this](const std::vector<XlsxSheet>& sheets) {
    EXPECT_THROW(xlsx_workbook(sheets, folder_), std::invalid_argument);
  };
  refuses({});
  auto sheet = categories_sheet();
  auto twin = categories_sheet();
  twin.name = "CATEGORIEën";  // the same name but for ASCII case
  refuses({sheet, twin});
  sheet.header.clear();
  sheet.rows.clear();
  refuses({sheet});
  sheet = categories_sheet();
  sheet.rows.push_back({xlsx_text("kort")});
  refuses({sheet});
  sheet = categories_sheet();
  sheet.rows[0][0] = xlsx_text("\xFF");
  refuses({sheet});
  sheet = categories_sheet();
  sheet.rows[0][1] = xlsx_number(std::nan(""));
  refuses({sheet});
  EXPECT_TRUE(folder_is_empty());
}

TEST_F(XlsxTable, ReportsWhatLibxlsxwriterRefusesAndLeavesNoFile) {
  auto sheet = categories_sheet();
  sheet.rows[0][0] = xlsx_text(std::string(32768, 'a'));  // above Excel's 32,767 characters
  try {
    xlsx_workbook({sheet}, folder_);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("row 1 column 0"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(folder_is_empty());
}

TEST(XlsxTableFolder, AMissingTemporaryFolderIsAClearError) {
  try {
    xlsx_workbook({categories_sheet()}, "/nonexistent/gezicht");
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/gezicht"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace gezicht::web
