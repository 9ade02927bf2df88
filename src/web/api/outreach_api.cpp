// Time in the neighbourhood in the JSON API: the same service and checks as
// the page "In de wijk", and the front door's "deze week in uw wijk".
#include "web/api/api_routes.hpp"
#include "web/outreach_presenter.hpp"

namespace gezicht::web {
namespace {

// A whole number, null or absent ("" for the domain: not known yet).
std::string count_field(const Json& body, const std::string& field) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return {};
  if (!found->is_number_integer()) throw domain::ValidationError(field, "field.type");
  const auto value = found->get<std::int64_t>();
  // The domain reads a count as typed; a negative one is not a count.
  if (value < 0) throw domain::ValidationError(field, "outreach.residents_met_invalid");
  return std::to_string(value);
}

std::int64_t outreach_id(const RequestContext& context) { return context.required_id("id", "outreach.not_found"); }

Response record(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  domain::OutreachInput input;
  input.kind = string_field(body, "kind");
  input.place = string_field(body, "place");
  input.address = string_field(body, "address");
  input.starts_at = string_field(body, "starts_at");
  input.ends_at = string_field(body, "ends_at");
  input.residents_met = count_field(body, "residents_met");
  // Planned time is on the front door unless asked otherwise.
  input.on_front_door = !body.contains("on_front_door") || bool_field(body, "on_front_door");
  const auto row = context.app.outreach.record(context.connection(), *context.actor, input);
  return json_response(201, outreach_row_json(row));
}

Response mine(RequestContext& context) {
  const auto overview = context.app.outreach.overview(context.connection(), *context.actor);
  Json planned = Json::array();
  for (const auto& row : overview.planned) planned.push_back(outreach_row_json(row));
  Json held = Json::array();
  for (const auto& row : overview.held) held.push_back(outreach_row_json(row));
  return json_response(200, {{"planned", planned},
                             {"held", held},
                             {"hours_held", overview.hours_held},
                             {"residents_met", overview.residents_met}});
}

Response residents_met(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const auto row = context.app.outreach.set_residents_met(context.connection(), *context.actor, outreach_id(context),
                                                          count_field(body, "residents_met"));
  return json_response(200, outreach_row_json(row));
}

Response cancel(RequestContext& context) {
  context.app.outreach.cancel(context.connection(), *context.actor, outreach_id(context));
  return json_response(200, {{"cancelled", true}});
}

// From the directory's snapshot: no database, served inline like the front door.
Response presence(RequestContext& context) {
  const auto found = context.app.outreach.presence(context.query_value("postcode"));
  return json_response(200, {{"postcode", found.lookup.postcode},
                             {"neighbourhood", found.lookup.neighbourhood->name},
                             {"team", {{"id", found.lookup.team->id}, {"name", found.lookup.team->name}}},
                             {"days", domain::presence_days},
                             {"presence", presence_json(found.items)}});
}

}  // namespace

void add_outreach_api(Router& router) {
  using P = domain::Permission;
  constexpr auto api = RouteKind::api;
  router.add({"POST", "/api/v1/outreach", P::outreach, api, record});
  router.add({"GET", "/api/v1/me/outreach", P::outreach, api, mine});
  router.add({"POST", "/api/v1/outreach/{id}/residents-met", P::outreach, api, residents_met});
  router.add({"POST", "/api/v1/outreach/{id}/cancel", P::outreach, api, cancel});
  router.add({"GET", "/api/v1/frontdoor/presence", P::public_access, api, presence, true});
}

}  // namespace gezicht::web
