#pragma once
// Small text rules shared by the validators.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gezicht::domain {

std::string_view trim_view(std::string_view text);
// Trims and folds runs of white space (tabs, newlines) into one space.
std::string collapse_spaces(std::string_view text);
// Valid UTF-8 with no control characters at all (names, phone numbers).
bool is_clean_line(std::string_view text);
// Valid UTF-8 with no control characters except newline, carriage return and tab.
bool is_clean_text(std::string_view text);
// Number of code points in valid UTF-8.
std::size_t utf8_length(std::string_view text);
bool is_valid_utf8(std::string_view text);
// The text as the end of a sentence: a full stop added, unless it already
// ends with one, a question or exclamation mark, or an ellipsis (a reason
// typed as "Kind in gevaar." must not read "Kind in gevaar..").
std::string as_sentence_end(std::string_view text);
// A plain addr-spec ("naam@voorbeeld.nl"): one @, a dot in the domain, no
// spaces or angle brackets, at most 254 bytes.
bool is_email_address(std::string_view email);

}  // namespace gezicht::domain
