#include "storage/json_rows.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <utility>

namespace gezicht::storage {

// A reader of exactly the JSON that the two databases write for an array
// of arrays of scalars: no objects, no nesting deeper than two. It fills the
// cells of a JsonRows with ranges of the text it reads.
class JsonRowsParser {
 public:
  explicit JsonRowsParser(JsonRows& rows) : rows_(rows), in_(rows.json_) {}

  void parse() {
    expect('[');
    if (!take(']')) {
      do {
        expect('[');
        int count = 0;
        if (!take(']')) {
          do {
            rows_.cells_.push_back(scalar());
            ++count;
          } while (take(','));
          expect(']');
        }
        if (count != rows_.columns_) {
          malformed("a row of " + std::to_string(count) + " values where " + std::to_string(rows_.columns_) +
                    " were expected");
        }
      } while (take(','));
      expect(']');
    }
    skip_space();
    if (position_ != in_.size()) malformed("text after the list");
  }

 private:
  using Cell = JsonRows::Cell;
  using Kind = JsonRows::Kind;

  [[noreturn]] void malformed(const std::string& what) const {
    throw DatabaseError("the list " + rows_.list_ + " read from the database is not rows of JSON scalars: " + what +
                        " at byte " + std::to_string(position_));
  }

  void skip_space() {
    while (position_ < in_.size() &&
           (in_[position_] == ' ' || in_[position_] == '\n' || in_[position_] == '\t' || in_[position_] == '\r')) {
      ++position_;
    }
  }

  bool take(char expected) {
    skip_space();
    if (position_ < in_.size() && in_[position_] == expected) {
      ++position_;
      return true;
    }
    return false;
  }

  void expect(char expected) {
    if (!take(expected)) malformed(std::string("expected '") + expected + "'");
  }

  Cell scalar() {
    skip_space();
    if (position_ >= in_.size()) malformed("the text ends inside a row");
    if (in_[position_] == '"') return string();
    if (keyword("null")) return Cell{};
    if (keyword("true")) return unescaped("1", Kind::number);
    if (keyword("false")) return unescaped("0", Kind::number);
    return number();
  }

  bool keyword(std::string_view word) {
    if (in_.substr(position_, word.size()) != word) return false;
    position_ += word.size();
    return true;
  }

  Cell unescaped(std::string_view text, Kind kind) {
    Cell cell{static_cast<std::uint32_t>(rows_.unescaped_.size()), static_cast<std::uint32_t>(text.size()), kind, true};
    rows_.unescaped_.append(text);
    return cell;
  }

  Cell number() {
    const std::size_t start = position_;
    if (position_ < in_.size() && in_[position_] == '-') ++position_;
    while (position_ < in_.size() && in_[position_] >= '0' && in_[position_] <= '9') ++position_;
    if (position_ == start || (position_ == start + 1 && in_[start] == '-')) malformed("expected a value");
    // Lists hold ids, counts and years: a fraction or exponent is not ours.
    if (position_ < in_.size() && (in_[position_] == '.' || in_[position_] == 'e' || in_[position_] == 'E')) {
      malformed("a number that is not a whole number");
    }
    return Cell{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(position_ - start), Kind::number, false};
  }

  unsigned hex4() {
    if (position_ + 4 > in_.size()) malformed("a \\u escape is cut short");
    unsigned value = 0;
    const auto [end, error] = std::from_chars(in_.data() + position_, in_.data() + position_ + 4, value, 16);
    if (error != std::errc{} || end != in_.data() + position_ + 4) malformed("a \\u escape is not four hex digits");
    position_ += 4;
    return value;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  Cell string() {
    ++position_;  // the opening quote
    const std::size_t start = position_;
    std::size_t stop = in_.find_first_of("\"\\", position_);
    if (stop == std::string_view::npos) malformed("a string is not closed");
    if (in_[stop] == '"') {  // no escapes, as almost always: the range of the input
      position_ = stop + 1;
      return Cell{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(stop - start), Kind::string, false};
    }
    std::string& out = rows_.unescaped_;
    Cell cell{static_cast<std::uint32_t>(out.size()), 0, Kind::string, true};
    for (;;) {
      out.append(in_.substr(position_, stop - position_));
      position_ = stop + 1;
      if (in_[stop] == '"') break;
      if (position_ >= in_.size()) malformed("a string ends in an escape");
      const char escape = in_[position_++];
      switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned code = hex4();
          if (code >= 0xD800 && code < 0xDC00) {
            if (!keyword("\\u")) malformed("a high surrogate without its low half");
            const unsigned low = hex4();
            if (low < 0xDC00 || low >= 0xE000) malformed("a high surrogate without its low half");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code < 0xE000) {
            malformed("a low surrogate on its own");
          }
          append_utf8(out, code);
          break;
        }
        default: malformed(std::string("an unknown escape \\") + escape);
      }
      // Copy the run up to the next quote or escape at once.
      stop = in_.find_first_of("\"\\", position_);
      if (stop == std::string_view::npos) malformed("a string is not closed");
    }
    cell.size = static_cast<std::uint32_t>(out.size() - cell.begin);
    return cell;
  }

  JsonRows& rows_;
  std::string_view in_;
  std::size_t position_ = 0;
};

JsonRows::JsonRows(std::string json, int columns, std::string_view list)
    : json_(std::move(json)), list_(list), columns_(columns) {
  // Cells are 32-bit ranges: a household's list is kilobytes, never gigabytes.
  if (json_.size() > UINT32_MAX / 2) {
    throw DatabaseError("the list " + list_ + " read from the database is " + std::to_string(json_.size()) +
                        " bytes, too long to be one household's");
  }
  // One allocation for the cells: each row opens with '[' (a '[' inside a
  // string only reserves a little more).
  const auto brackets = std::count(json_.begin(), json_.end(), '[');
  if (brackets > 1) cells_.reserve(static_cast<std::size_t>(brackets - 1) * static_cast<std::size_t>(columns_));
  JsonRowsParser(*this).parse();
}

void JsonRows::bind(int, const Value&) { throw std::logic_error("JsonRows::bind: these rows were queried already"); }

bool JsonRows::step() {
  const auto rows = columns_ == 0 ? 0 : static_cast<std::int64_t>(cells_.size()) / columns_;
  if (row_ < rows) ++row_;
  return row_ < rows;
}

const JsonRows::Cell& JsonRows::cell(int column) const {
  const auto rows = columns_ == 0 ? 0 : static_cast<std::int64_t>(cells_.size()) / columns_;
  if (row_ < 0 || row_ >= rows) throw std::logic_error("JsonRows: no current row in " + list_);
  if (column < 0 || column >= columns_) {
    throw std::logic_error("JsonRows: no column " + std::to_string(column) + " in " + list_);
  }
  return cells_[static_cast<std::size_t>(row_ * columns_ + column)];
}

bool JsonRows::is_null(int column) const { return cell(column).kind == Kind::null; }

std::string_view JsonRows::view(int column) const {
  const Cell& value = cell(column);
  // NULL reads as empty text, as on both database connections.
  if (value.kind == Kind::null) return {};
  return std::string_view(value.unescaped ? unescaped_ : json_).substr(value.begin, value.size);
}

std::int64_t JsonRows::int64(int column) const {
  const Cell& value = cell(column);
  // NULL reads as 0, as on both database connections.
  if (value.kind == Kind::null) return 0;
  const std::string_view text = view(column);
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (value.kind != Kind::number || error != std::errc{} || end != text.data() + text.size()) {
    throw DatabaseError("column " + std::to_string(column) + " of " + list_ +
                        " is not a whole number: " + std::string(text));
  }
  return number;
}

std::string JsonRows::text(int column) const { return std::string(view(column)); }

std::int64_t JsonRows::changes() const { throw std::logic_error("JsonRows::changes: these rows were queried already"); }

}  // namespace gezicht::storage
