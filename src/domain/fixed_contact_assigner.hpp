#pragma once
// Who will contact a household: the rule that gives a household one face.
//
// Inputs are only what concerns the work: who the household already knows,
// which languages professionals speak, and how full their caseloads are.
// Never nationality, ethnicity or the origin of a name.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gezicht::domain {

struct AssignmentCandidate {
  std::int64_t professional_id = 0;
  std::vector<std::string> languages;
  int caseload = 0;  // households for which this person is the fixed contact
};

struct AssignmentRequest {
  // The household's current fixed contact, if it has one and that person is
  // still active.
  std::optional<std::int64_t> current_fixed_contact;
  std::vector<AssignmentCandidate> team;  // the neighbourhood team's professionals
  int caseload_cap = 0;
  std::string preferred_language;  // ISO 639 code, may be empty
  // Professionals of the team the household already knows (involved with it):
  // when a new fixed contact is needed, a known face comes first.
  std::vector<std::int64_t> known_faces;
};

enum class AssignmentReason {
  existing_contact,  // the household keeps the person it knows
  known_face,        // a new fixed contact the household has met before, with room
  language_match,    // speaks the resident's language, room in the caseload
  lowest_caseload,   // nobody with room speaks the language: most room wins
  over_cap,          // everybody is at the cap: the least full person, flagged for the team lead
};

struct Assignment {
  std::int64_t professional_id = 0;
  AssignmentReason reason = AssignmentReason::lowest_caseload;
};

// nullopt only when the team has no professionals at all.
// Ties are broken by the lowest professional id, so the result is stable.
std::optional<Assignment> assign_fixed_contact(const AssignmentRequest& request);

const char* to_string(AssignmentReason reason);

}  // namespace gezicht::domain
