// The API of the roles' homes (pages/home_pages.hpp): who I am and where my
// work is, a domain professional's shared households (a resident's: portal_api.cpp).

#include "domain/postcode.hpp"
#include "web/api/api_routes.hpp"
#include "web/json_io.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

Response me(RequestContext& context) {
  const auto& actor = *context.actor;
  const bool two_factor = context.app.auth.two_factor_enabled(context.connection(), actor);
  Json body{{"id", actor.user_id},
            {"username", actor.username},
            {"name", actor.name},
            {"role", domain::to_string(actor.access_role)},
            {"home", domain::home_of(actor.access_role).path},
            {"two_factor", two_factor}};
  body["team"] = actor.team_name.empty() ? Json(nullptr) : Json(actor.team_name);
  body["domain"] = actor.domain.empty() ? Json(nullptr) : Json(actor.domain);
  return json_response(200, body);
}

Response shared_households(RequestContext& context) {
  Json list = Json::array();
  for (const auto& share : context.app.access.domain_shares(context.connection(), *context.actor)) {
    Json parts = Json::array();
    for (auto part : share.parts) parts.push_back(domain::to_string(part));
    Json agreements = Json::array();
    for (const auto& agreement : share.agreements) {
      agreements.push_back({{"id", agreement.id},
                            {"purpose", agreement.basis.purpose},
                            {"basis", agreement.basis.description},
                            {"parts", agreement.parts},
                            {"recorded_by", agreement.recorded_by_name},
                            {"recorded_at", agreement.recorded_at}});
    }
    list.push_back({{"household_id", share.household_id},
                    {"postcode", share.postcode},
                    {"house_number", share.house_number},
                    {"parts", parts},
                    {"agreements", agreements}});
  }
  return json_response(200, {{"households", list}});
}

}  // namespace

void add_home_api(Router& router) {
  router.add({"GET", "/api/v1/me", Permission::own_session, RouteKind::api, me});
  router.add(personal_data(
      {"GET", "/api/v1/me/shared-households", Permission::domain_shares, RouteKind::api, shared_households}));
}

}  // namespace gezicht::web
