// Need to know in the API: breaking the glass, sharing with a domain, the
// access log, legal bases and, for the auditor, emergency accesses.

#include "service/access_service.hpp"
#include "web/access_presenter.hpp"
#include "web/api/api_routes.hpp"
#include "web/json_io.hpp"

namespace gezicht::web {
namespace {

std::int64_t household_id(const RequestContext& context) { return context.required_id("id", "household.not_found"); }

Response break_the_glass(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const auto id = household_id(context);
  const auto until =
      context.app.access.break_the_glass(context.connection(), *context.actor, id, string_field(body, "reason"));
  return json_response(201, {{"household_id", id}, {"until", until}});
}

Response access_log(RequestContext& context) {
  const auto id = household_id(context);
  const auto query = access_log_query(context);
  const auto page = context.app.access.access_log(context.connection(), *context.actor, id, query.before, query.limit);
  Json pinned = Json::array();
  for (const auto& entry : page.pinned) pinned.push_back(access_entry_json(context, entry));
  Json entries = Json::array();
  for (const auto& line : page.lines) entries.push_back(access_line_json(context, line));
  Json next(nullptr);
  if (page.next_before) {
    next = "/api/v1/households/" + std::to_string(id) + "/access-log?before=" + std::to_string(*page.next_before) +
           "&limit=" + std::to_string(query.limit);
  }
  return json_response(200, {{"household_id", id},
                             {"pinned", std::move(pinned)},
                             {"entries", std::move(entries)},
                             {"next", std::move(next)}});
}

Response add_sharing(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  service::SharingInput input;
  auto basis = body.find("legal_basis_id");
  if (basis != body.end() && !basis->is_null()) {
    if (!basis->is_number_integer()) throw domain::ValidationError("legal_basis_id", "field.type");
    input.legal_basis_id = basis->get<std::int64_t>();
  }
  auto parts = body.find("parts");
  if (parts != body.end() && !parts->is_null()) {
    if (!parts->is_array()) throw domain::ValidationError("parts", "field.type");
    for (const auto& part : *parts) {
      if (!part.is_string()) throw domain::ValidationError("parts", "field.type");
      input.parts.push_back(part.get<std::string>());
    }
  }
  input.resident_wish = string_field(body, "resident_wish");
  const auto id = context.app.access.add_sharing(context.connection(), *context.actor, household_id(context), input);
  return json_response(201, {{"id", id}});
}

Response withdraw_sharing(RequestContext& context) {
  context.app.access.withdraw_sharing(context.connection(), *context.actor, household_id(context),
                                      context.required_id("agreement_id", "sharing.not_found"));
  return json_response(200, {{"withdrawn", true}});
}

Json basis_json(const storage::LegalBasisRecord& basis) {
  return {{"id", basis.id},        {"domain", basis.domain},           {"purpose", basis.purpose},
          {"parts", basis.parts},  {"description", basis.description}, {"active", basis.active},
          {"ground", basis.ground}};
}

Response legal_bases(RequestContext& context) {
  Json list = Json::array();
  for (const auto& basis : context.app.access.legal_bases(context.connection())) list.push_back(basis_json(basis));
  return json_response(200, {{"legal_bases", std::move(list)}});
}

Response add_legal_basis(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  storage::LegalBasisRecord basis;
  basis.domain = string_field(body, "domain");
  basis.purpose = string_field(body, "purpose");
  basis.parts = string_field(body, "parts");
  basis.description = string_field(body, "description");
  // consent (the resident may withdraw) unless the basis is a legal duty.
  const std::string ground = string_field(body, "ground");
  basis.ground = ground.empty() ? "consent" : ground;
  const auto id = context.app.access.add_legal_basis(context.connection(), *context.actor, basis);
  return json_response(201, {{"id", id}});
}

Response emergency_accesses(RequestContext& context) {
  Json entries = Json::array();
  for (const auto& entry : context.app.access.emergency_accesses(context.connection(), *context.actor)) {
    Json item = access_entry_json(context, entry);
    item["household_id"] = entry.household_id ? Json(*entry.household_id) : Json(nullptr);
    entries.push_back(std::move(item));
  }
  return json_response(200, {{"entries", std::move(entries)}});
}

}  // namespace

void add_access_api(Router& router) {
  router.add({"POST", "/api/v1/households/{id}/emergency-access", Permission::emergency_access, RouteKind::api,
              break_the_glass});
  router.add(
      personal_data({"GET", "/api/v1/households/{id}/access-log", Permission::access_log, RouteKind::api, access_log}));
  router.add({"POST", "/api/v1/households/{id}/sharing", Permission::sharing, RouteKind::api, add_sharing});
  router.add({"POST", "/api/v1/households/{id}/sharing/{agreement_id}/withdraw", Permission::sharing, RouteKind::api,
              withdraw_sharing});
  router.add({"GET", "/api/v1/legal-bases", Permission::sharing, RouteKind::api, legal_bases});
  router.add({"POST", "/api/v1/legal-bases", Permission::manage_accounts, RouteKind::api, add_legal_basis});
  router.add(personal_data(
      {"GET", "/api/v1/audit/emergency-accesses", Permission::audit_trail, RouteKind::api, emergency_accesses}));
}

}  // namespace gezicht::web
