#pragma once
// What the resident portal shows (pages) and sends (JSON API), from the same
// values, so both say the same thing in the resident's language.

#include "domain/experience.hpp"
#include "service/portal_service.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// The fixed contact as a face, with when the team can be reached.
TemplateData portal_contact_data(const RequestContext& context, const service::HouseholdView& record);
TemplateList open_actions_data(const RequestContext& context, const service::HouseholdView& record);
TemplateList resident_referrals_data(const RequestContext& context,
                                     const std::vector<service::ResidentReferral>& requests);
TemplateList resident_breakthroughs_data(const RequestContext& context,
                                         const std::vector<service::ResidentBreakthrough>& breakthroughs);
TemplateList asked_data(const RequestContext& context, const std::vector<storage::ResidentRequestRow>& asked);
// What matters, goals with their options and actions, the chosen option.
void add_plan_data(const RequestContext& context, const service::HouseholdView& record, TemplateData& data);
TemplateList helpers_data(const RequestContext& context, const service::HouseholdView& record);
TemplateList sharing_data(const RequestContext& context, const service::HouseholdView& record);

// A statement of the client-experience set in the page's language: the set's
// own words (sets a municipality added) or the translations (version 1).
// Throws when the set lacks the language: never a key in place of words.
std::string statement_words(const RequestContext& context, const domain::StatementSet& set,
                            const std::string& statement);

Json portal_home_json(const RequestContext& context, const service::PortalHome& home);
Json sharing_json(const RequestContext& context, const service::HouseholdView& record);
Json resident_request_json(const storage::ResidentRequestRow& request);
Json export_json(const RequestContext& context, const service::ResidentExport& data);

}  // namespace gezicht::web
