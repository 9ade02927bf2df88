#include "web/xlsx_table.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "domain/text.hpp"

namespace gezicht::web {
namespace {

constexpr std::size_t max_sheet_name_units = 31;  // Excel's limit, in UTF-16 units
constexpr double min_column_width = 8;
constexpr double max_column_width = 60;

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;  // valid UTF-8 is checked before
}

// The private file libxlsxwriter writes into: made with mkstemp, removed
// whatever happens; read back through the descriptor mkstemp opened.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::filesystem::path& folder) : path_((folder / "gezicht-xlsx-XXXXXX").string()) {
    fd_ = ::mkstemp(path_.data());
    if (fd_ < 0) {
      throw std::runtime_error("xlsx: cannot make a temporary file in " + folder.string() + ": " +
                               std::strerror(errno));
    }
  }
  ~TemporaryFile() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& path() const { return path_; }

  std::string read() const {
    struct stat status {};
    if (::fstat(fd_, &status) != 0)
      throw std::runtime_error("xlsx: cannot read " + path_ + ": " + std::strerror(errno));
    std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
      const auto got = ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) throw std::runtime_error("xlsx: cannot read " + path_ + ": " + std::strerror(errno));
      done += static_cast<std::size_t>(got);
    }
    return bytes;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Excel reads "_xHHHH_" in a string as the character U+HHHH; libxlsxwriter
// 1.1.4 uses that for control characters but leaves such text as it is, so
// "_x0041_" typed by someone would show as "A". Its underscore is escaped
// itself ("_x005F_"), so the text reads back as typed.
std::string escaped_for_excel(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    const bool escape_like = text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && is_hex(text[i + 2]) &&
                             is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) && text[i + 6] == '_';
    if (escape_like) out += "x005F_";
  }
  return out;
}

void check_xlsx(lxw_error error, const std::string& what) {
  if (error != LXW_NO_ERROR)
    throw std::runtime_error("xlsx: libxlsxwriter refused " + what + ": " + lxw_strerror(error));
}

void check_text(const std::string& text, const std::string& where) {
  if (!domain::is_valid_utf8(text)) throw std::invalid_argument("xlsx: " + where + " is not UTF-8");
}

std::string place(const XlsxSheet& sheet, std::size_t row, std::size_t column) {
  return "sheet '" + sheet.name + "' row " + std::to_string(row) + " column " + std::to_string(column);
}

// Every problem of the caller's own is found before a file is made.
std::vector<std::string> checked_names(const std::vector<XlsxSheet>& sheets) {
  if (sheets.empty()) throw std::invalid_argument("xlsx: a workbook needs at least one sheet");
  std::vector<std::string> names;
  std::vector<std::string> folded;
  for (const auto& sheet : sheets) {
    auto name = xlsx_sheet_name(sheet.name);
    auto lower = ascii_lower(name);
    if (std::find(folded.begin(), folded.end(), lower) != folded.end()) {
      throw std::invalid_argument("xlsx: two sheets named '" + name + "'");
    }
    if (sheet.header.empty()) throw std::invalid_argument("xlsx: sheet '" + name + "' has no columns");
    if (sheet.header.size() > LXW_COL_MAX)
      throw std::invalid_argument("xlsx: sheet '" + name + "' has too many columns");
    for (std::size_t c = 0; c < sheet.header.size(); ++c) check_text(sheet.header[c], place(sheet, 0, c));
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      if (row.size() != sheet.header.size()) {
        throw std::invalid_argument("xlsx: sheet '" + name + "' row " + std::to_string(r + 1) + " has " +
                                    std::to_string(row.size()) + " cells, the header " +
                                    std::to_string(sheet.header.size()));
      }
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (const auto* text = std::get_if<std::string>(&row[c].value)) {
          check_text(*text, place(sheet, r + 1, c));
        } else if (!std::isfinite(std::get<double>(row[c].value))) {
          throw std::invalid_argument("xlsx: " + place(sheet, r + 1, c) + " is not a finite number");
        }
      }
    }
    names.push_back(std::move(name));
    folded.push_back(std::move(lower));
  }
  return names;
}

double text_width(const XlsxCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell.value)) return static_cast<double>(domain::utf8_length(*text));
  return 12;  // a number as Excel shows it in a standard column
}

void write_sheet(lxw_workbook* workbook, lxw_format* bold, const XlsxSheet& sheet, const std::string& name) {
  check_xlsx(workbook_validate_sheet_name(workbook, name.c_str()), "the sheet name '" + name + "'");
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, name.c_str());
  if (!worksheet) throw std::runtime_error("xlsx: libxlsxwriter could not add the sheet '" + name + "'");
  if (sheet.rows.size() >= LXW_ROW_MAX) {
    throw std::runtime_error("xlsx: sheet '" + name + "' has more rows than a sheet holds (1,048,576 with the header)");
  }
  std::vector<double> widths(sheet.header.size(), min_column_width);
  const auto widen = [&widths](std::size_t column, double characters) {
    widths[column] = std::clamp(characters + 2, widths[column], max_column_width);
  };
  for (std::size_t c = 0; c < sheet.header.size(); ++c) {
    const auto column = static_cast<lxw_col_t>(c);
    check_xlsx(worksheet_write_string(worksheet, 0, column, escaped_for_excel(sheet.header[c]).c_str(), bold),
               place(sheet, 0, c));
    widen(c, static_cast<double>(domain::utf8_length(sheet.header[c])));
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < sheet.header.size(); ++c) {
      const auto column = static_cast<lxw_col_t>(c);
      const auto& cell = sheet.rows[r][c];
      // Text only ever through write_string: never a formula, whatever it starts with.
      const auto error =
          std::holds_alternative<std::string>(cell.value)
              ? worksheet_write_string(worksheet, row, column,
                                       escaped_for_excel(std::get<std::string>(cell.value)).c_str(), nullptr)
              : worksheet_write_number(worksheet, row, column, std::get<double>(cell.value), nullptr);
      check_xlsx(error, place(sheet, r + 1, c));
      widen(c, text_width(cell));
    }
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const auto column = static_cast<lxw_col_t>(c);
    check_xlsx(worksheet_set_column(worksheet, column, column, widths[c], nullptr), "a column width");
  }
  worksheet_freeze_panes(worksheet, 1, 0);
}

std::filesystem::path default_temporary_folder() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir && *tmpdir ? std::filesystem::path(tmpdir) : std::filesystem::path("/tmp");
}

}  // namespace

std::string xlsx_sheet_name(std::string_view name) {
  if (!domain::is_valid_utf8(name)) throw std::invalid_argument("xlsx: a sheet name is not UTF-8");
  std::string cleaned;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool refused = std::strchr("[]:*?/\\", c) != nullptr && c != '\0';
    cleaned += refused || byte < 0x20 || byte == 0x7f ? '-' : c;
  }
  const auto trim = [](std::string& text) {
    const auto is_edge = [](char c) { return c == ' ' || c == '\''; };
    while (!text.empty() && is_edge(text.back())) text.pop_back();
    std::size_t start = 0;
    while (start < text.size() && is_edge(text[start])) ++start;
    text.erase(0, start);
  };
  trim(cleaned);
  std::size_t end = 0;
  std::size_t units = 0;
  while (end < cleaned.size()) {
    const auto length = sequence_length(static_cast<unsigned char>(cleaned[end]));
    const std::size_t needed = length == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    if (units + needed > max_sheet_name_units) break;
    units += needed;
    end += length;
  }
  cleaned.resize(end);
  trim(cleaned);
  if (cleaned.empty())
    throw std::invalid_argument("xlsx: the sheet name '" + std::string(name) + "' is empty when cleaned");
  if (ascii_lower(cleaned) == "history") throw std::invalid_argument("xlsx: Excel reserves the sheet name 'History'");
  return cleaned;
}

std::string xlsx_workbook(const std::vector<XlsxSheet>& sheets) {
  return xlsx_workbook(sheets, default_temporary_folder());
}

std::string xlsx_workbook(const std::vector<XlsxSheet>& sheets, const std::filesystem::path& temporary_folder) {
  const auto names = checked_names(sheets);
  TemporaryFile file(temporary_folder);
  // libxlsxwriter's own temporary files (one per part) go to the same folder.
  std::string folder = temporary_folder.string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = folder.data();
  options.use_zip64 = LXW_FALSE;
  // Closing is the only way to free a workbook; on failure it writes a file that is then thrown away.
  std::unique_ptr<lxw_workbook, decltype(&workbook_close)> workbook(workbook_new_opt(file.path().c_str(), &options),
                                                                    &workbook_close);
  if (!workbook) throw std::runtime_error("xlsx: libxlsxwriter could not start a workbook");
  lxw_format* bold = workbook_add_format(workbook.get());
  if (!bold) throw std::runtime_error("xlsx: libxlsxwriter could not make the header's format");
  format_set_bold(bold);
  for (std::size_t i = 0; i < sheets.size(); ++i) write_sheet(workbook.get(), bold, sheets[i], names[i]);
  check_xlsx(workbook_close(workbook.release()), "to write the workbook");
  return file.read();
}

}  // namespace gezicht::web
