#pragma once
// Tables as an Excel workbook (.xlsx, libxlsxwriter): one sheet per table,
// the header row bold and frozen, text always written as text.

#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gezicht::web {

// Text or a number; made with xlsx_text and xlsx_number so a call site says
// which, and "12" never becomes 12 by accident.
struct XlsxCell {
  std::variant<std::string, double> value;
};
inline XlsxCell xlsx_text(std::string text) { return {std::move(text)}; }
inline XlsxCell xlsx_number(double number) { return {number}; }

struct XlsxSheet {
  std::string name;  // made a valid sheet name with xlsx_sheet_name
  std::vector<std::string> header;
  std::vector<std::vector<XlsxCell>> rows;  // each as wide as the header
};

// A name Excel accepts: each of [ ] : * ? / \ and every control character
// becomes "-", surrounding spaces and apostrophes go, and the name is cut
// to 31 UTF-16 units without splitting a character. Throws
// std::invalid_argument for a name that is not UTF-8, nothing after
// cleaning, or "History" (reserved by Excel).
std::string xlsx_sheet_name(std::string_view name);

// The bytes of the .xlsx file. Text goes in with worksheet_write_string,
// never as a formula, so "=HYPERLINK(...)" stays text; in a sheet a
// formula is only ever what a program wrote, so no apostrophe is needed as in
// CSV. Columns get a width from their longest text (8 to 60 characters).
// libxlsxwriter 1.1.4 writes only to a named file, so the workbook is made
// in a private temporary file (mkstemp, mode 0600) in `temporary_folder`,
// read back and removed, also on failure; the overload without it uses
// $TMPDIR, else /tmp.
// Throws std::invalid_argument for no sheets, two sheets of the same name
// (after cleaning, ignoring ASCII case), a header without columns, a row of
// another width, text that is not UTF-8, or a non-finite number; and
// std::runtime_error, with libxlsxwriter's own words, for anything it
// refuses (text longer than 32,767 characters, more than 1,048,576 rows) or
// a failing temporary file.
std::string xlsx_workbook(const std::vector<XlsxSheet>& sheets);
std::string xlsx_workbook(const std::vector<XlsxSheet>& sheets, const std::filesystem::path& temporary_folder);

}  // namespace gezicht::web
