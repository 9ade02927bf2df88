#include "web/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace gezicht::web {
namespace {

// The UTF-8 sequence starting at text[i]: its length and whether it is
// valid. An invalid one's length is its "maximal subpart" (Unicode's
// recommended practice, as nlohmann and browsers do): the lead byte and the
// continuation bytes that still fitted, which one U+FFFD replaces.
struct Utf8Sequence {
  std::size_t length;
  bool valid;
};

Utf8Sequence utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned min_second = 0x80, max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return {1, false};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) return {k, false};
    const unsigned low = k == 1 ? min_second : 0x80, high = k == 1 ? max_second : 0xBF;
    if (byte(i + k) < low || byte(i + k) > high) return {k, false};
  }
  return {length, true};
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain_from = 0;
  const auto flush = [&](std::size_t to) { out.append(text.data() + plain_from, to - plain_from); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const auto sequence = utf8_sequence(text, i);
      if (!sequence.valid) {
        flush(i);
        out.append("\xEF\xBF\xBD");  // U+FFFD for what is not UTF-8
        plain_from = i + sequence.length;
      }
      i += sequence.length;
      continue;
    }
    flush(i);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        out.append("\\u00");
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
    }
    plain_from = ++i;
  }
  flush(text.size());
  out.push_back('"');
}

void JsonWriter::before_value() {
  if (levels_.empty()) {
    if (done_) throw std::logic_error("JsonWriter: a second top-level value");
    return;
  }
  auto& level = levels_.back();
  if (level.is_object) {
    if (!level.key_pending) throw std::logic_error("JsonWriter: a value in an object without a key");
    level.key_pending = false;
    return;
  }
  if (!level.empty) out_.push_back(',');
  level.empty = false;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (levels_.empty() || !levels_.back().is_object || levels_.back().key_pending) {
    throw std::logic_error("JsonWriter: a key outside an object, or two keys in a row");
  }
  auto& level = levels_.back();
  if (!level.empty) out_.push_back(',');
  level.empty = false;
  level.key_pending = true;
  append_json_string(out_, name);
  out_.push_back(':');
  return *this;
}

void JsonWriter::open(char bracket, bool is_object) {
  before_value();
  out_.push_back(bracket);
  levels_.push_back({is_object, true, false});
}

void JsonWriter::close(char bracket, bool is_object) {
  if (levels_.empty() || levels_.back().is_object != is_object || levels_.back().key_pending) {
    throw std::logic_error(std::string("JsonWriter: unbalanced ") + bracket);
  }
  levels_.pop_back();
  out_.push_back(bracket);
  if (levels_.empty()) done_ = true;
}

JsonWriter& JsonWriter::begin_object() {
  open('{', true);
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  close('}', true);
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  open('[', false);
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  close(']', false);
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(out_, text);
  if (levels_.empty()) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
  out_.append(buffer, end);
  if (levels_.empty()) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  if (!std::isfinite(number)) throw std::logic_error("JsonWriter: JSON has no NaN or infinity");
  before_value();
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
  out_.append(buffer, end);
  if (levels_.empty()) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_.append(flag ? "true" : "false");
  if (levels_.empty()) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_.append("null");
  if (levels_.empty()) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_.append(json);
  if (levels_.empty()) done_ = true;
  return *this;
}

std::string JsonWriter::take() {
  if (!levels_.empty() || !done_) throw std::logic_error("JsonWriter: the JSON text is not complete");
  done_ = false;
  return std::move(out_);
}

}  // namespace gezicht::web
