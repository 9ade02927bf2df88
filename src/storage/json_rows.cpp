#include "storage/json_rows.hpp"

#include <charconv>
#include <stdexcept>

namespace gezicht::storage {
namespace {

// A reader of exactly the JSON that the two databases write for an array
// of arrays of scalars: no objects, no nesting deeper than two.
class Parser {
 public:
  Parser(std::string_view in, std::string_view list) : in_(in), list_(list) {}

  [[noreturn]] void malformed(const std::string& what) const {
    throw DatabaseError("the list " + std::string(list_) + " read from the database is not rows of JSON scalars: " +
                        what + " at byte " + std::to_string(position_));
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

  bool at_end() {
    skip_space();
    return position_ == in_.size();
  }

  template <typename Cell>
  Cell scalar() {
    skip_space();
    if (position_ >= in_.size()) malformed("the text ends inside a row");
    const char first = in_[position_];
    if (first == '"') return {string(), false, false};
    if (keyword("null")) return {std::string(), true, false};
    if (keyword("true")) return {"1", false, true};
    if (keyword("false")) return {"0", false, true};
    return {number(), false, true};
  }

 private:
  bool keyword(std::string_view word) {
    if (in_.substr(position_, word.size()) != word) return false;
    position_ += word.size();
    return true;
  }

  std::string number() {
    const std::size_t start = position_;
    if (position_ < in_.size() && in_[position_] == '-') ++position_;
    while (position_ < in_.size() && in_[position_] >= '0' && in_[position_] <= '9') ++position_;
    if (position_ == start || (position_ == start + 1 && in_[start] == '-')) malformed("expected a value");
    // Lists hold ids, counts and years: a fraction or exponent is not ours.
    if (position_ < in_.size() && (in_[position_] == '.' || in_[position_] == 'e' || in_[position_] == 'E')) {
      malformed("a number that is not a whole number");
    }
    return std::string(in_.substr(start, position_ - start));
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

  std::string string() {
    ++position_;  // the opening quote
    std::string out;
    for (;;) {
      // Copy the run up to the next quote or escape at once.
      const std::size_t stop = in_.find_first_of("\"\\", position_);
      if (stop == std::string_view::npos) malformed("a string is not closed");
      out.append(in_.substr(position_, stop - position_));
      position_ = stop + 1;
      if (in_[stop] == '"') return out;
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
    }
  }

  std::string_view in_;
  std::string_view list_;
  std::size_t position_ = 0;
};

}  // namespace

JsonRows::JsonRows(std::string_view json, int columns, std::string_view list) : list_(list), columns_(columns) {
  Parser parser(json, list);
  parser.expect('[');
  if (!parser.take(']')) {
    do {
      parser.expect('[');
      int count = 0;
      if (!parser.take(']')) {
        do {
          cells_.push_back(parser.scalar<Cell>());
          ++count;
        } while (parser.take(','));
        parser.expect(']');
      }
      if (count != columns_) {
        parser.malformed("a row of " + std::to_string(count) + " values where " + std::to_string(columns_) +
                         " were expected");
      }
    } while (parser.take(','));
    parser.expect(']');
  }
  if (!parser.at_end()) parser.malformed("text after the list");
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

bool JsonRows::is_null(int column) const { return cell(column).null; }

std::int64_t JsonRows::int64(int column) const {
  const Cell& value = cell(column);
  // NULL reads as 0 and as empty text, as on both database connections.
  if (value.null) return 0;
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(value.text.data(), value.text.data() + value.text.size(), number);
  if (!value.number || error != std::errc{} || end != value.text.data() + value.text.size()) {
    throw DatabaseError("column " + std::to_string(column) + " of " + list_ + " is not a whole number: " + value.text);
  }
  return number;
}

std::string JsonRows::text(int column) const { return cell(column).text; }

std::int64_t JsonRows::changes() const { throw std::logic_error("JsonRows::changes: these rows were queried already"); }

}  // namespace gezicht::storage
