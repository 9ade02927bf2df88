#include "domain/fixed_contact_assigner.hpp"

#include <algorithm>

namespace gezicht::domain {
namespace {

bool speaks(const AssignmentCandidate& candidate, const std::string& language) {
  return !language.empty() &&
         std::find(candidate.languages.begin(), candidate.languages.end(), language) != candidate.languages.end();
}

// Lowest caseload first, then lowest id.
const AssignmentCandidate* least_full(const std::vector<const AssignmentCandidate*>& candidates) {
  const AssignmentCandidate* best = nullptr;
  for (const auto* candidate : candidates) {
    if (!best || candidate->caseload < best->caseload ||
        (candidate->caseload == best->caseload && candidate->professional_id < best->professional_id)) {
      best = candidate;
    }
  }
  return best;
}

}  // namespace

std::optional<Assignment> assign_fixed_contact(const AssignmentRequest& request) {
  if (request.current_fixed_contact) {
    return Assignment{*request.current_fixed_contact, AssignmentReason::existing_contact};
  }
  if (request.team.empty()) return std::nullopt;

  std::vector<const AssignmentCandidate*> with_room;
  std::vector<const AssignmentCandidate*> with_room_and_language;
  std::vector<const AssignmentCandidate*> with_room_and_known;
  for (const auto& candidate : request.team) {
    if (candidate.caseload >= request.caseload_cap) continue;
    with_room.push_back(&candidate);
    if (speaks(candidate, request.preferred_language)) with_room_and_language.push_back(&candidate);
    if (std::find(request.known_faces.begin(), request.known_faces.end(), candidate.professional_id) !=
        request.known_faces.end()) {
      with_room_and_known.push_back(&candidate);
    }
  }
  if (!with_room_and_known.empty()) {
    return Assignment{least_full(with_room_and_known)->professional_id, AssignmentReason::known_face};
  }
  if (!with_room_and_language.empty()) {
    return Assignment{least_full(with_room_and_language)->professional_id, AssignmentReason::language_match};
  }
  if (!with_room.empty()) {
    return Assignment{least_full(with_room)->professional_id, AssignmentReason::lowest_caseload};
  }
  // Nobody has room. A resident is never turned away: the least full person
  // takes it, and the reason makes the overload visible to the team lead.
  std::vector<const AssignmentCandidate*> everyone;
  for (const auto& candidate : request.team) everyone.push_back(&candidate);
  return Assignment{least_full(everyone)->professional_id, AssignmentReason::over_cap};
}

const char* to_string(AssignmentReason reason) {
  switch (reason) {
    case AssignmentReason::existing_contact: return "existing_contact";
    case AssignmentReason::known_face: return "known_face";
    case AssignmentReason::language_match: return "language_match";
    case AssignmentReason::lowest_caseload: return "lowest_caseload";
    case AssignmentReason::over_cap: return "over_cap";
  }
  return "unknown";
}

}  // namespace gezicht::domain
