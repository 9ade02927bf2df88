#pragma once
// Words for the demo households' casework: the organisations and faces
// involved per domain, what matters to residents in their own words, goals
// with their options, actions, and the reasons a fixed contact changes.
// Internal to the demo generator.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace gezicht::demo::words {

// The domains of the social domain, as stored in involved.domain and actions.domain.
enum class Domain : std::uint8_t { wmo, youth, income, debt, benefits, housing, health, school, community, buurtteam };
inline constexpr std::size_t domain_count = 10;
std::string_view domain_code(Domain domain);

// The domains a resident's question (names::question index) touches, most
// relevant first: one or two.
std::span<const Domain> question_domains(std::size_t question);
// A domain outside the buurtteam, weighted by how often each is involved.
Domain other_domain(std::uint64_t bits);

// Someone without an account here, in a domain other than buurtteam.
struct ExternalFace {
  std::string_view role;          // "Schuldhulpverlener"
  std::string organisation;       // "Schuldhulp Voorbeeld"
  std::string_view does_what;     // "Schuldhulptraject en contact met schuldeisers"
  std::string_view email_domain;  // "schuldhulp-voorbeeld.nl"
};
ExternalFace external_face(Domain domain, std::uint64_t bits, std::string_view neighbourhood);
// What a colleague of the buurtteam does for the household, by job title.
std::string_view colleague_task(std::string_view job_title);

// What matters, in the resident's own words (first person): for a household
// that came with `question`, or for one that did not come through the front door.
std::string_view what_matters_for_question(std::size_t question);
std::string_view what_matters_generic(std::uint64_t bits);

struct GoalWords {
  std::string_view words;
  std::string_view progress_sign;
  std::array<std::string_view, 3> options;
  std::array<std::string_view, 3> why;  // why option i was chosen
};
// Goals per domain (buurtteam has general ones).
std::span<const GoalWords> goals(Domain domain);
std::span<const std::string_view> actions(Domain domain);

std::string_view handover_reason(std::uint64_t bits);
std::string_view resident_request_reason(std::uint64_t bits);
std::string_view no_warm_handover_reason(std::uint64_t bits);

}  // namespace gezicht::demo::words
