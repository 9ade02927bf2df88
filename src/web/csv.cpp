#include "web/csv.hpp"

#include <stdexcept>

namespace gezicht::web {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "-" digits, optionally one "." or "," and digits.
bool is_plain_negative_number(std::string_view text) {
  if (text.size() < 2 || text.front() != '-') return false;
  std::size_t i = 1;
  const auto digits = [&] {
    const auto start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    return i > start;
  };
  if (!digits()) return false;
  if (i == text.size()) return true;
  if (text[i] != '.' && text[i] != ',') return false;
  ++i;
  return digits() && i == text.size();
}

bool starts_a_formula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '@':
    case '\t':
    case '\r': return true;
    case '-': return !is_plain_negative_number(text);
    default: return false;
  }
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
  // A blank line is skipped by many readers; a lone empty field is written as "".
  if (cells.size() == 1 && cells.front().empty()) {
    out += "\"\"\r\n";
    return;
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(cells[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string field;
  if (starts_a_formula(text)) field += '\'';
  field += text;
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  if (header.empty()) throw std::invalid_argument("csv_table: a table needs at least one column");
  std::string out = "\xEF\xBB\xBF";
  append_row(out, header);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != header.size()) {
      throw std::invalid_argument("csv_table: row " + std::to_string(i) + " has " + std::to_string(rows[i].size()) +
                                  " cells, the header " + std::to_string(header.size()));
    }
    append_row(out, rows[i]);
  }
  return out;
}

}  // namespace gezicht::web
