#include "domain/team_oversight.hpp"

#include <stdexcept>

#include "domain/validation_error.hpp"

namespace gezicht::domain {

bool leads_team(bool is_team_lead, std::optional<std::int64_t> lead_team_id, std::optional<std::int64_t> team_id) {
  return is_team_lead && lead_team_id && team_id && *lead_team_id == *team_id;
}

const char* to_string(CaseloadLevel level) {
  switch (level) {
    case CaseloadLevel::room: return "room";
    case CaseloadLevel::at_cap: return "at_cap";
    case CaseloadLevel::over_cap: return "over_cap";
  }
  throw std::logic_error("unknown caseload level");
}

CaseloadLevel caseload_level(int households, int cap) {
  if (cap <= 0 || households < cap) return CaseloadLevel::room;
  return households == cap ? CaseloadLevel::at_cap : CaseloadLevel::over_cap;
}

bool may_reassign_referral(const ReassignCheck& check) {
  return check.leads_the_team && !check.first_contact_made && !check.household_contacted;
}

void validate_reassign_target(const ReassignCheck& check) {
  if (!check.target_is_active_professional_of_team) throw ValidationError("to_user_id", "to_user_id.invalid");
  if (check.target_is_current_contact) throw ValidationError("to_user_id", "to_user_id.same_contact");
}

}  // namespace gezicht::domain
