#pragma once
// Dutch postcodes ("1234 AB") and house numbers.

#include <optional>
#include <string>
#include <string_view>

namespace gezicht::domain {

// Normalises "1234 ab", " 1234AB " to "1234AB". Returns nullopt unless the
// text is four digits (not starting with 0) and two letters other than the
// combinations the postal service never issues (SA, SD, SS).
std::optional<std::string> normalise_postcode(std::string_view text);

// House numbers as on a letter: "12", "12A", "12-2", "12 bis". Normalised to
// upper case with single spaces. nullopt when malformed.
std::optional<std::string> normalise_house_number(std::string_view text);

// "1234AB" -> "1234 AB" for display.
std::string display_postcode(std::string_view normalised);

}  // namespace gezicht::domain
