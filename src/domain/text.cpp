#include "domain/text.hpp"

#include <algorithm>
#include <cctype>

namespace gezicht::domain {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// C0 controls, DEL, and the C1 controls U+0080-U+009F (UTF-8: C2 80 - C2 9F),
// which terminals and some viewers act on.
bool has_control(std::string_view text, bool allow_line_breaks) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0x7f) return true;
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) return true;
    if (byte < 0x20) {
      if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t')) continue;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view trim_view(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_spaces(std::string_view text) {
  std::string result;
  bool pending_space = false;
  for (char c : trim_view(text)) {
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) result.push_back(' ');
    pending_space = false;
    result.push_back(c);
  }
  return result;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000) ||
        (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
      return false;
    }
    i += length;
  }
  return true;
}

bool is_clean_line(std::string_view text) { return is_valid_utf8(text) && !has_control(text, false); }
bool is_clean_text(std::string_view text) { return is_valid_utf8(text) && !has_control(text, true); }

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string as_sentence_end(std::string_view text) {
  std::string sentence(trim_view(text));
  if (sentence.empty()) return sentence;
  const char last = sentence.back();
  if (last == '.' || last == '!' || last == '?' || sentence.ends_with("\u2026")) return sentence;
  return sentence + ".";
}

bool is_email_address(std::string_view email) {
  if (email.size() > 254 || !is_clean_line(email)) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  return std::none_of(email.begin(), email.end(),
                      [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '>'; });
}

}  // namespace gezicht::domain
