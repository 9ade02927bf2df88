#include "storage/stored_rows.hpp"

#include <charconv>
#include <stdexcept>

namespace gezicht::storage {
namespace {

[[noreturn]] void malformed(std::string_view what) {
  throw DatabaseError("stored record lists are damaged: " + std::string(what));
}

// Reads a decimal count up to `stop` and moves past it.
std::size_t read_count(std::string_view& in, char stop) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(in.data(), in.data() + in.size(), value);
  if (error != std::errc{} || end == in.data() || end == in.data() + in.size() || *end != stop) {
    malformed(std::string("expected a number before '") + stop + "'");
  }
  in.remove_prefix(static_cast<std::size_t>(end - in.data()) + 1);
  return value;
}

}  // namespace

void encode_rows(std::string& out, Statement& rows, int columns) {
  std::string cells;
  std::size_t count = 0;
  while (rows.step()) {
    ++count;
    for (int column = 0; column < columns; ++column) {
      if (rows.is_null(column)) {
        cells += '~';
        continue;
      }
      const std::string value = rows.text(column);
      cells += std::to_string(value.size());
      cells += ':';
      cells += value;
    }
  }
  out += 'R';
  out += std::to_string(count);
  out += ',';
  out += std::to_string(columns);
  out += ';';
  out += cells;
}

std::vector<StoredRows> decode_lists(std::string_view encoded, const std::vector<int>& columns) {
  std::vector<StoredRows> lists;
  lists.reserve(columns.size());
  std::string_view in = encoded;
  for (const int expected_columns : columns) {
    if (in.empty() || in.front() != 'R') malformed("a list is missing");
    in.remove_prefix(1);
    const std::size_t rows = read_count(in, ',');
    const std::size_t stored_columns = read_count(in, ';');
    if (stored_columns != static_cast<std::size_t>(expected_columns)) {
      malformed("a list has " + std::to_string(stored_columns) + " columns, not " + std::to_string(expected_columns));
    }
    StoredRows list;
    list.columns_ = expected_columns;
    // Every cell takes at least one character; this bounds the reservation.
    if (rows * stored_columns > in.size()) malformed("more cells announced than stored");
    list.cells_.reserve(rows * stored_columns);
    for (std::size_t i = 0; i < rows * stored_columns; ++i) {
      if (!in.empty() && in.front() == '~') {
        in.remove_prefix(1);
        list.cells_.push_back({{}, true});
        continue;
      }
      const std::size_t length = read_count(in, ':');
      if (length > in.size()) malformed("a text runs past the end");
      list.cells_.push_back({in.substr(0, length), false});
      in.remove_prefix(length);
    }
    lists.push_back(std::move(list));
  }
  if (!in.empty()) malformed("text after the last list");
  return lists;
}

void StoredRows::bind(int, const Value&) { throw std::logic_error("StoredRows::bind: stored rows take no parameters"); }

bool StoredRows::step() {
  const auto rows = columns_ == 0 ? 0 : static_cast<std::int64_t>(cells_.size()) / columns_;
  if (row_ < rows) ++row_;
  return row_ < rows;
}

const StoredRows::Cell& StoredRows::cell(int column) const {
  const auto rows = columns_ == 0 ? 0 : static_cast<std::int64_t>(cells_.size()) / columns_;
  if (row_ < 0 || row_ >= rows || column < 0 || column >= columns_) {
    throw DatabaseError("stored rows: no cell at row " + std::to_string(row_) + ", column " + std::to_string(column));
  }
  return cells_[static_cast<std::size_t>(row_ * columns_ + column)];
}

bool StoredRows::is_null(int column) const { return cell(column).null; }

std::int64_t StoredRows::int64(int column) const {
  const Cell& value = cell(column);
  // As the databases' own statements: NULL reads as 0, PostgreSQL's t/f as 1/0.
  if (value.null) return 0;
  const std::string_view text = value.text;
  if (text == "t" || text == "f") return text == "t" ? 1 : 0;
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) {
    throw DatabaseError("stored rows: column " + std::to_string(column) + " is not a 64-bit integer");
  }
  return number;
}

std::string StoredRows::text(int column) const { return std::string(cell(column).text); }

std::int64_t StoredRows::changes() const {
  throw std::logic_error("StoredRows::changes: stored rows were read, not written");
}

}  // namespace gezicht::storage
