#pragma once
// Word lists for the demo municipality: people's names, neighbourhoods,
// streets, places, job titles, languages and the questions residents ask.
//
// Names are drawn from a mix of origins, as in any Dutch city. The origin of
// a name is used for nothing else: languages, roles, caseloads and everything
// else are drawn independently of it.

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace gezicht::demo::names {

struct PersonName {
  std::string_view first;
  std::string_view last;
};

// A name from 64 random bits: an origin group by weight, then a first and a
// last name, mostly from the same group.
PersonName person_name(std::uint64_t bits);
std::string full_name(const PersonName& name);
// "s.vandenberg": initial, a dot and the folded last name. Callers make it unique.
std::string username_base(const PersonName& name);
// "sanne.vandenberg": for a resident's e-mail address.
std::string email_local_part(const PersonName& name);

// Lower-case ASCII letters and digits. Common accented letters are folded
// (e with acute to e, s with cedilla to s, l with stroke to l, ...); other
// characters become `separator` (collapsed, never leading or trailing), or are
// dropped when it is '\0'.
std::string ascii_fold(std::string_view utf8, char separator = '\0');

// Contact languages as ISO 639 codes, in the order of
// domain::contact_languages(): index 0 is "nl".
inline constexpr std::size_t language_count = 12;
std::string_view language_code(std::size_t index);
// A language other than Dutch (index 1..11), weighted: for what professionals
// speak besides Dutch, and for residents who prefer another language.
std::size_t staff_language(std::uint64_t bits);
std::size_t resident_language(std::uint64_t bits);

// `count` unique neighbourhood names, in an order shuffled by `rng`.
std::vector<std::string> neighbourhood_names(std::size_t count, std::mt19937_64& rng);
std::string_view street_name(std::uint64_t bits);
// Where a walk-in hour is held: the first is always the neighbourhood's own
// community centre ("Wijkcentrum De Esch"), others vary.
std::string walk_in_place(std::uint64_t bits, bool first, std::string_view neighbourhood);
std::string_view job_title(std::uint64_t bits);

std::size_t question_count();
std::string_view question(std::size_t index);

}  // namespace gezicht::demo::names
