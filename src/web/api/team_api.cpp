// The team lead's work in the API: caseloads against the cap, a household
// without its case content, and re-assigning a request before first
// contact; the same services and checks as the team lead's pages.

#include "service/referral_service.hpp"
#include "service/team_service.hpp"
#include "web/api/api_routes.hpp"
#include "web/json_io.hpp"
#include "web/presenters.hpp"
#include "web/team_presenter.hpp"

namespace gezicht::web {
namespace {

Response caseloads(RequestContext& context) {
  return json_response(200, team_caseloads_json(context.app.team.caseloads(context.connection(), *context.actor)));
}

Response household(RequestContext& context) {
  const auto id = context.required_id("id", "household.not_found");
  return json_response(200, team_household_json(context.app.team.household(context.connection(), *context.actor, id)));
}

Response reassign(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const auto to = body.find("to_user_id");
  if (to == body.end() || !to->is_number_integer()) throw domain::ValidationError("to_user_id", "to_user_id.invalid");
  const auto referral = context.app.referrals.reassign(context.connection(), *context.actor, context.param("reference"),
                                                       to->get<std::int64_t>(), string_field(body, "reason"));
  return json_response(200, referral_json(referral, context.app.referrals.is_overdue(referral), true));
}

}  // namespace

void add_team_api(Router& router) {
  router.add({"GET", "/api/v1/team/caseloads", Permission::team_overview, RouteKind::api, caseloads});
  router.add(
      personal_data({"GET", "/api/v1/team/households/{id}", Permission::team_overview, RouteKind::api, household}));
  router.add({"POST", "/api/v1/referrals/{reference}/reassign", Permission::team_overview, RouteKind::api, reassign});
}

}  // namespace gezicht::web
