#pragma once
// The team lead's view in the page and the API: caseloads against the cap,
// assignments over it, and a household without its case content.

#include <string>

#include "service/team_service.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// "42 van 60 huishoudens"
std::string caseload_text(const RequestContext& context, const service::TeamMemberLoad& member, int cap);
// Puts caseloads, cap, over_cap_count and over_cap (the assignments) on a page.
void add_team_caseloads(const RequestContext& context, TemplateData& data, const service::TeamCaseloads& caseloads);
Json team_caseloads_json(const service::TeamCaseloads& caseloads);

TemplateData team_household_data(const RequestContext& context, const service::TeamHousehold& view);
Json team_household_json(const service::TeamHousehold& view);

}  // namespace gezicht::web
