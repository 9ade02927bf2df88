#pragma once
// Percent-decoding of paths, query strings and form bodies, and cookies.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gezicht::web {

// Decodes %XX (and '+' as space when plus_is_space). nullopt for a broken
// escape or a decoded NUL byte, which no field of ours may contain.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);
std::string percent_encode(std::string_view text);

// Parses "a=1&b=2" (query strings and application/x-www-form-urlencoded
// bodies). A repeated key keeps its first value. nullopt when malformed.
std::optional<std::map<std::string, std::string>> parse_form(std::string_view text);

// Parses a Cookie header into name -> value.
std::map<std::string, std::string> parse_cookies(std::string_view header);

}  // namespace gezicht::web
