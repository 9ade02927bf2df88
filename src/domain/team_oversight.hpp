#pragma once
// What a team lead may do for their team, and how a caseload stands against
// the team's cap. Pure rules; the team lead never reads case content.

#include <cstdint>
#include <optional>

namespace gezicht::domain {

// Whether a team lead leads the team a household or request belongs to
// (the team of the household's fixed contact, the request's team).
bool leads_team(bool is_team_lead, std::optional<std::int64_t> lead_team_id, std::optional<std::int64_t> team_id);

enum class CaseloadLevel { room, at_cap, over_cap };
const char* to_string(CaseloadLevel level);
// A cap of 0 or less means the team has none set: everyone has room.
CaseloadLevel caseload_level(int households, int cap);

// A request goes to another professional of the team only while nobody has
// contacted the resident yet: after first contact the household has a face,
// and a change of face is a handover (with its warm meeting).
struct ReassignCheck {
  bool leads_the_team = false;
  bool first_contact_made = false;
  // The household the request made has met someone already (another request's
  // first contact, a logged contact): its face is no longer this request's to give.
  bool household_contacted = false;
  bool target_is_active_professional_of_team = false;
  bool target_is_current_contact = false;
};
// Throws ValidationError naming "to_user_id" for a target that cannot take
// it; returns false when the request may not be reassigned at all.
bool may_reassign_referral(const ReassignCheck& check);
void validate_reassign_target(const ReassignCheck& check);

}  // namespace gezicht::domain
