#pragma once
// What a resident asks of the team from the portal: a correction of what
// matters, another contact person, an objection to a share. Nothing in the
// record changes by the asking; a person answers, and the resident sees it.

#include <optional>
#include <string>
#include <string_view>

namespace gezicht::domain {

enum class ResidentRequestKind {
  what_matters_correction,  // to the fixed contact: "this is not what I said"
  another_contact,          // to the team lead, without a reason
  sharing_objection,        // to the team lead: a share on a legal duty
};
const char* to_string(ResidentRequestKind kind);
std::optional<ResidentRequestKind> parse_resident_request_kind(std::string_view text);

enum class Answerer { fixed_contact, team_lead };
// A correction goes to the one who wrote the plan with the household; asking
// for someone else, or objecting, goes over the contact's head.
Answerer answered_by(ResidentRequestKind kind);

inline constexpr std::size_t max_resident_words = 2000;

// The resident's words, trimmed: required for a correction and an objection,
// optional for another contact (no reason needed). ValidationError on field
// "text": "resident_request.text_required", "resident_request.text_too_long",
// "resident_request.text_invalid".
std::string validate_resident_words(ResidentRequestKind kind, std::string_view text);

// The answer of the professional or team lead: 1 to 2000 characters, on "answer".
std::string validate_resident_answer(std::string_view text);

}  // namespace gezicht::domain
