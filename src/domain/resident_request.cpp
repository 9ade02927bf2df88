#include "domain/resident_request.hpp"

#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

std::string checked_words(std::string_view text, const char* field, bool required) {
  std::string words(trim_view(text));
  if (!is_clean_text(words)) throw ValidationError(field, "resident_request.text_invalid");
  if (required && words.empty()) throw ValidationError(field, "resident_request.text_required");
  if (utf8_length(words) > max_resident_words) throw ValidationError(field, "resident_request.text_too_long");
  return words;
}

}  // namespace

const char* to_string(ResidentRequestKind kind) {
  switch (kind) {
    case ResidentRequestKind::what_matters_correction: return "what_matters_correction";
    case ResidentRequestKind::another_contact: return "another_contact";
    case ResidentRequestKind::sharing_objection: return "sharing_objection";
  }
  return "another_contact";
}

std::optional<ResidentRequestKind> parse_resident_request_kind(std::string_view text) {
  for (auto kind : {ResidentRequestKind::what_matters_correction, ResidentRequestKind::another_contact,
                    ResidentRequestKind::sharing_objection}) {
    if (text == to_string(kind)) return kind;
  }
  return std::nullopt;
}

Answerer answered_by(ResidentRequestKind kind) {
  return kind == ResidentRequestKind::what_matters_correction ? Answerer::fixed_contact : Answerer::team_lead;
}

std::string validate_resident_words(ResidentRequestKind kind, std::string_view text) {
  return checked_words(text, "text", kind != ResidentRequestKind::another_contact);
}

std::string validate_resident_answer(std::string_view text) { return checked_words(text, "answer", true); }

}  // namespace gezicht::domain
