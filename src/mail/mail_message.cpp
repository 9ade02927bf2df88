#include "mail/mail_message.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace gezicht::mail {
namespace {

constexpr std::size_t max_header_line = 78;   // RFC 5322 section 2.1.1
constexpr std::size_t max_encoded_word = 75;  // RFC 2047 section 2
constexpr std::size_t max_body_line = 76;     // RFC 2045 section 6.7, rule 5
constexpr std::string_view crlf = "\r\n";
constexpr std::string_view word_prefix = "=?utf-8?B?";
constexpr std::string_view word_suffix = "?=";

// Names the field, never the value: values are personal data and this ends up in the log.
[[noreturn]] void refuse(std::string_view field, std::string_view reason) {
  throw std::invalid_argument("mail: " + std::string(field) + " " + std::string(reason));
}

void require_single_line(std::string_view field, std::string_view value) {
  if (value.find_first_of(crlf) != std::string_view::npos) {
    refuse(field, "contains CR or LF (header injection refused)");
  }
  if (value.find('\0') != std::string_view::npos) refuse(field, "contains a NUL character");
}

// Length of the UTF-8 sequence at text[at], or 0 when it is not valid
// (overlong, surrogate, beyond U+10FFFF, truncated).
std::size_t utf8_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char min_second = 0x80, max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;
    if (lead == 0xED) max_second = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;
    if (lead == 0xF4) max_second = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < min_second || byte(at + 1) > max_second) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  }
  return length;
}

void require_utf8(std::string_view field, std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_length(text, at);
    if (length == 0) refuse(field, "is not valid UTF-8");
    at += length;
  }
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_atext(char c) {
  return is_alnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// RFC 5322 dot-atom-text: atext runs joined by single dots.
bool is_dot_atom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.' ? text[i - 1] == '.' : !is_atext(text[i])) return false;
  }
  return true;
}

bool is_hostname(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = std::min(text.find('.', start), text.size());
    const std::string_view label = text.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; })) return false;
    if (dot == text.size()) return true;
    start = dot + 1;
  }
}

void require_address(std::string_view field, std::string_view address) {
  require_single_line(field, address);
  const std::size_t at = address.rfind('@');  // npos, too, is past the 64 characters a local part may have
  if (at > 64 || address.size() > 254 || !is_dot_atom(address.substr(0, at)) || !is_hostname(address.substr(at + 1))) {
    refuse(field, "is not a plain address (local@domain in ASCII, without spaces, quotes or angle brackets)");
  }
}

// BCP 47 in the shape Content-Language needs: a 2-8 letter language, then 1-8 character subtags.
void require_language(std::string_view tag) {
  require_single_line("Content-Language", tag);
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = std::min(tag.find('-', start), tag.size());
    const std::string_view subtag = tag.substr(start, dash - start);
    const bool first = start == 0;
    const auto allowed = [first](char c) { return first ? is_alnum(c) && !(c >= '0' && c <= '9') : is_alnum(c); };
    if (subtag.size() < (first ? 2u : 1u) || subtag.size() > 8 || !std::all_of(subtag.begin(), subtag.end(), allowed)) {
      refuse("Content-Language", "is not a BCP 47 language tag (such as nl, ar or en-GB)");
    }
    if (dash == tag.size()) return;
    start = dash + 1;
  }
}

std::string rfc5322_date(std::int64_t unix_time) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> day_names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // Four-digit years only, as the grammar wants; also keeps the arithmetic far from overflow.
  if (unix_time < 0 || unix_time > 253402300799) refuse("Date", "is outside the years 1970-9999");
  const sys_seconds time{seconds{unix_time}};
  const sys_days day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{time - day};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d +0000", day_names[weekday{day}.c_encoding()],
                static_cast<unsigned>(date.day()), month_names[static_cast<unsigned>(date.month()) - 1],
                static_cast<int>(date.year()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
  return text;
}

std::string base64(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t left = bytes.size() - i;
    std::uint32_t chunk = static_cast<unsigned char>(bytes[i]) << 16;
    if (left > 1) chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (left > 2) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(chunk >> 18) & 63];
    out += alphabet[(chunk >> 12) & 63];
    out += left > 1 ? alphabet[(chunk >> 6) & 63] : '=';
    out += left > 2 ? alphabet[chunk & 63] : '=';
  }
  return out;
}

// One header field built from tokens joined by single spaces; a token that
// would pass 78 characters starts a continuation line (CRLF, then the space).
class HeaderField {
 public:
  explicit HeaderField(std::string_view name) : text_(name), line_(name.size() + 1) { text_ += ':'; }

  // Characters a token may have on the current line, after its space.
  std::size_t room() const { return line_ + 1 >= max_header_line ? 0 : max_header_line - line_ - 1; }
  void fold() {
    text_ += crlf;
    line_ = 0;
  }
  void add(std::string_view token) {
    if (token.size() > room() && line_ > 0) fold();
    text_ += ' ';
    text_ += token;
    line_ += 1 + token.size();
  }
  std::string finish() && { return std::move(text_) + std::string(crlf); }

 private:
  std::string text_;
  std::size_t line_;
};

// Bytes of text one encoded-word may carry in room characters.
std::size_t encoded_word_capacity(std::size_t room) {
  room = std::min(room, max_encoded_word);
  const std::size_t overhead = word_prefix.size() + word_suffix.size();
  return room < overhead ? 0 : (room - overhead) / 4 * 3;
}

// RFC 2047 encoded-words, each of whole UTF-8 characters (a reader decodes
// each word on its own) and as long as the line allows.
void add_encoded_words(HeaderField& field, std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t capacity = encoded_word_capacity(field.room());
    if (capacity < utf8_length(text, at)) {
      field.fold();
      capacity = encoded_word_capacity(field.room());
    }
    std::size_t end = at;
    while (end < text.size() && end + utf8_length(text, end) - at <= capacity) end += utf8_length(text, end);
    field.add(std::string(word_prefix) + base64(text.substr(at, end - at)) + std::string(word_suffix));
    at = end;
  }
}

bool is_printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// Text that reads the same after folding and unfolding at its spaces, and
// that no reader would take for an encoded-word.
bool foldable_as_is(std::string_view text) {
  if (!is_printable_ascii(text) || text.find("=?") != std::string_view::npos) return false;
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ' || text.find("  ") != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t space = std::min(text.find(' ', start), text.size());
    if (space - start > max_header_line - 1) return false;
    start = space + 1;
  }
  return true;
}

std::string subject_field(std::string_view subject) {
  HeaderField field("Subject");
  if (!foldable_as_is(subject)) {
    add_encoded_words(field, subject);
    return std::move(field).finish();
  }
  std::size_t start = 0;
  while (start < subject.size()) {
    const std::size_t space = std::min(subject.find(' ', start), subject.size());
    field.add(subject.substr(start, space - start));
    start = space + 1;
  }
  return std::move(field).finish();
}

std::string quoted_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string from_field(std::string_view name, std::string_view address) {
  HeaderField field("From");
  if (!name.empty()) {
    const std::string quoted = quoted_string(name);
    if (is_printable_ascii(name) && name.find("=?") == std::string_view::npos && quoted.size() <= field.room()) {
      field.add(quoted);
    } else {
      add_encoded_words(field, name);
    }
  }
  field.add(name.empty() ? std::string(address) : "<" + std::string(address) + ">");
  return std::move(field).finish();
}

std::string hex_escape(unsigned char byte) {
  char text[4];
  std::snprintf(text, sizeof text, "=%02X", byte);
  return text;
}

std::string encode_quoted_printable(std::string_view text) {
  std::string out;
  std::size_t line = 0;  // characters on the current output line
  auto put = [&](std::string token, bool last_on_line) {
    // Leave room for the '=' of a soft line break unless nothing follows.
    if (line + token.size() > (last_on_line ? max_body_line : max_body_line - 1)) {
      out += "=\r\n";
      line = 0;
    }
    // A lone "." line would end the SMTP DATA; relays differ in how they stuff dots.
    if (line == 0 && token == ".") token = hex_escape('.');
    out += token;
    line += token.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += crlf;
      line = 0;
      continue;
    }
    const bool last_on_line = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
    // Whitespace at a line end would be taken for transport padding and dropped.
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last_on_line);
    put(literal ? std::string(1, c) : hex_escape(static_cast<unsigned char>(c)), last_on_line);
  }
  if (!text.empty() && text.back() != '\r' && text.back() != '\n') out += crlf;
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string to_rfc5322(const MailMessage& message, std::int64_t unix_time, const std::string& message_id_local_part,
                       const std::string& domain) {
  require_address("From address", message.from_address);
  require_address("To address", message.to_address);
  require_single_line("From name", message.from_name);
  require_utf8("From name", message.from_name);
  require_single_line("Subject", message.subject);
  require_utf8("Subject", message.subject);
  require_utf8("Body", message.body_text);
  require_language(message.language);
  require_single_line("Message-ID", message_id_local_part);
  require_single_line("Message-ID domain", domain);
  if (message_id_local_part.size() > 64 || !is_dot_atom(message_id_local_part)) {
    refuse("Message-ID", "local part is not dot-atom text of at most 64 characters");
  }
  if (!is_hostname(domain)) refuse("Message-ID domain", "is not a host name");

  std::string out = "Date: " + rfc5322_date(unix_time) + std::string(crlf);
  out += from_field(message.from_name, message.from_address);
  out += "To: " + message.to_address + std::string(crlf);
  out += subject_field(message.subject);
  out += "Message-ID: <" + message_id_local_part + "@" + domain + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "Content-Language: " + message.language + std::string(crlf);
  // RFC 3834: tells autoresponders (out-of-office) not to answer.
  out += "Auto-Submitted: auto-generated\r\n";
  out += crlf;
  out += encode_quoted_printable(message.body_text);
  return out;
}

std::string decode_quoted_printable(std::string_view encoded) {
  const std::size_t size = encoded.size();
  auto is_space = [&](std::size_t i) { return encoded[i] == ' ' || encoded[i] == '\t'; };
  auto skip_spaces = [&](std::size_t i) {
    while (i < size && is_space(i)) ++i;
    return i;
  };
  // Length of the line break at i; end of input counts as a break of length 0.
  auto line_break = [&](std::size_t i) -> std::ptrdiff_t {
    if (i == size) return 0;
    if (encoded[i] == '\n') return 1;
    if (encoded[i] == '\r' && i + 1 < size && encoded[i + 1] == '\n') return 2;
    return -1;
  };
  // Length of a soft line break at i: '=', transport padding, then a line break or the end; 0 if none.
  auto soft_break = [&](std::size_t i) -> std::size_t {
    if (encoded[i] != '=') return 0;
    const std::size_t after = skip_spaces(i + 1);
    const std::ptrdiff_t length = line_break(after);
    return length < 0 ? 0 : after - i + static_cast<std::size_t>(length);
  };
  auto is_escape = [&](std::size_t i) {
    return encoded[i] == '=' && i + 2 < size && hex_value(encoded[i + 1]) >= 0 && hex_value(encoded[i + 2]) >= 0;
  };
  std::string out;
  for (std::size_t i = 0; i < size;) {
    if (is_space(i)) {
      const std::size_t end = skip_spaces(i);
      if (line_break(end) < 0) out.append(encoded.substr(i, end - i));  // else padding at a line end
      i = end;
    } else if (const std::size_t length = soft_break(i); length > 0) {
      i += length;
    } else if (is_escape(i)) {
      out += static_cast<char>(hex_value(encoded[i + 1]) * 16 + hex_value(encoded[i + 2]));
      i += 3;
    } else {
      out += encoded[i++];
    }
  }
  return out;
}

std::string domain_of(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

}  // namespace gezicht::mail
