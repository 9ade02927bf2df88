// The auditor's work in the API: searching the audit trail, exporting a
// search as CSV and verifying the hash chain; the same service and checks as
// the pages under /controle.

#include "service/audit_search_service.hpp"
#include "web/api/api_routes.hpp"
#include "web/audit_presenter.hpp"
#include "web/json_io.hpp"

namespace gezicht::web {
namespace {

Response search(RequestContext& context) {
  const auto input = audit_search_input(context);
  const auto result = context.app.audit_search.search(context.connection(), *context.actor, input);
  Json entries = Json::array();
  for (const auto& entry : result.entries) entries.push_back(audit_entry_json(context, entry));
  Json person(nullptr);
  if (result.person) {
    person = {{"id", result.person->id},
              {"name", result.person->name},
              {"username", result.person->username},
              {"role", result.person->role}};
  }
  Json next(nullptr);
  if (result.next_before) {
    const std::string query = audit_search_query(input);
    next =
        "/api/v1/audit/entries?" + (query.empty() ? "" : query + "&") + "before=" + std::to_string(*result.next_before);
  }
  return json_response(200,
                       {{"person", std::move(person)}, {"entries", std::move(entries)}, {"next", std::move(next)}});
}

Response export_csv(RequestContext& context) {
  const auto exported =
      context.app.audit_search.export_entries(context.connection(), *context.actor, audit_search_input(context));
  return audit_csv_response(context, exported);
}

Response verify(RequestContext& context) {
  const auto check = context.app.audit_search.verify(context.connection(), *context.actor);
  return json_response(200, chain_check_json(check));
}

}  // namespace

void add_audit_api(Router& router) {
  router.add(personal_data({"GET", "/api/v1/audit/entries", Permission::audit_trail, RouteKind::api, search}));
  router.add(personal_data({"GET", "/api/v1/audit/export", Permission::audit_trail, RouteKind::api, export_csv}));
  router.add({"POST", "/api/v1/audit/verify", Permission::audit_trail, RouteKind::api, verify});
}

}  // namespace gezicht::web
