#include "web/pages/audit_pages.hpp"

#include "domain/validation_error.hpp"
#include "service/audit_search_service.hpp"
#include "web/audit_presenter.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"

namespace gezicht::web {
namespace {

TemplateList kind_options(const RequestContext& context, const std::string& chosen) {
  TemplateList options;
  TemplateData any;
  any.set("value", std::string());
  any.set("label", context.text("audit.kind.any"));
  any.set("selected", chosen.empty());
  options.push_back(std::move(any));
  for (auto kind : domain::audit_kinds) {
    const std::string value = domain::to_string(kind);
    TemplateData option;
    option.set("value", value);
    option.set("label", context.text("audit.kind." + value));
    option.set("selected", chosen == value);
    options.push_back(std::move(option));
  }
  return options;
}

TemplateData search_form(RequestContext& context, const domain::AuditSearchInput& input) {
  TemplateData data;
  data.set("household", input.household);
  data.set("person", input.person);
  data.set("from", input.from);
  data.set("to", input.to);
  put(data, "kind_options", kind_options(context, input.kind));
  return data;
}

Response get_audit(RequestContext& context) {
  const auto input = audit_search_input(context);
  TemplateData data = search_form(context, input);
  try {
    const auto result = context.app.audit_search.search(context.connection(), *context.actor, input);
    TemplateList entries;
    for (const auto& entry : result.entries) entries.push_back(audit_entry_data(context, entry));
    data.set("searched", true);
    data.set("has_entries", !entries.empty());
    put(data, "entries", std::move(entries));
    if (result.person) {
      data.set("has_person", true);
      data.set("person_name", result.person->name);
      data.set("person_role", context.text("role." + result.person->role));
      data.set("person_username", result.person->username);
    }
    const std::string query = audit_search_query(input);
    data.set("export_href", "/controle/export" + (query.empty() ? "" : "?" + query));
    if (result.next_before) {
      data.set("has_next", true);
      data.set("next_href",
               "/controle?" + (query.empty() ? "" : query + "&") + "before=" + std::to_string(*result.next_before));
    }
    data.set("first_page", input.before.empty());
    return render_page(context, "audit", std::move(data), "audit.page_title");
  } catch (const domain::ValidationError& error) {
    add_form_errors(context, data, error, [](const std::string& field) { return "audit-" + field; });
    return render_page(context, "audit", std::move(data), "audit.page_title", 422);
  }
}

Response get_audit_export(RequestContext& context) {
  try {
    const auto exported =
        context.app.audit_search.export_entries(context.connection(), *context.actor, audit_search_input(context));
    return audit_csv_response(context, exported);
  } catch (const domain::ValidationError& error) {
    // The export link comes from a search that was checked; a hand-made one
    // goes back to the search form, which names the field.
    TemplateData data = search_form(context, audit_search_input(context));
    add_form_errors(context, data, error, [](const std::string& field) { return "audit-" + field; });
    return render_page(context, "audit", std::move(data), "audit.page_title", 422);
  }
}

Response verify_page(RequestContext& context, const service::ChainCheck* check) {
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  if (check) {
    data.set("checked", true);
    data.set("intact", check->intact);
    data.set("entries", std::to_string(check->entries));
    data.set("head_hash", check->head_hash);
    data.set("first_entry", std::to_string(check->first_seq));
    data.set("retention_moves", std::to_string(check->anchor_moves.size()));
    data.set("broken_entry", check->first_broken_seq ? std::to_string(*check->first_broken_seq) : std::string());
    data.set("problem", check->problem);
  }
  return render_page(context, "audit_verify", std::move(data), "audit_verify.page_title");
}

Response get_verify(RequestContext& context) { return verify_page(context, nullptr); }

// A POST, though it changes nothing: reading the whole trail is heavy, so it
// runs when the auditor asks, never on a link a browser may prefetch.
Response post_verify(RequestContext& context) {
  const auto check = context.app.audit_search.verify(context.connection(), *context.actor);
  return verify_page(context, &check);
}

}  // namespace

void add_audit_pages(Router& router) {
  router.add(personal_data({"GET", "/controle", Permission::audit_trail, RouteKind::page, get_audit}));
  router.add(personal_data({"GET", "/controle/export", Permission::audit_trail, RouteKind::page, get_audit_export}));
  router.add({"GET", "/controle/verificatie", Permission::audit_trail, RouteKind::page, get_verify});
  router.add({"POST", "/controle/verificatie", Permission::audit_trail, RouteKind::page, post_verify});
}

}  // namespace gezicht::web
