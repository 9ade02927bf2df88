#include "web/pages/access_pages.hpp"

#include "domain/validation_error.hpp"
#include "service/access_service.hpp"
#include "web/access_presenter.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"

namespace gezicht::web {
namespace {

Response emergency_form(RequestContext& context, const domain::ValidationError* error, int status) {
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("household_id", context.form_value("household_id"));
  data.set("reason", context.form_value("reason"));
  if (error) {
    add_form_errors(context, data, *error, [](const std::string& field) { return "emergency-" + field; });
  }
  return render_page(context, "emergency", std::move(data), "emergency.page_title", status);
}

Response get_emergency(RequestContext& context) { return emergency_form(context, nullptr, 200); }

Response post_emergency(RequestContext& context) {
  try {
    const std::string text = context.form_value("household_id");
    std::int64_t id = 0;
    const bool digits = !text.empty() && text.size() < 19 && text.find_first_not_of("0123456789") == std::string::npos;
    if (digits) id = std::stoll(text);
    if (id <= 0) throw domain::ValidationError("household_id", "household_id.required");
    context.app.access.break_the_glass(context.connection(), *context.actor, id, context.form_value("reason"));
    return redirect("/huishoudens/" + std::to_string(id));
  } catch (const domain::ValidationError& error) {
    return emergency_form(context, &error, 422);
  }
}

Response get_access_log(RequestContext& context) {
  const auto id = context.required_id("id", "household.not_found");
  const auto query = access_log_query(context);
  const auto page = context.app.access.access_log(context.connection(), *context.actor, id, query.before, query.limit);
  TemplateList pinned;
  for (const auto& entry : page.pinned) pinned.push_back(access_entry_data(context, entry));
  TemplateList entries;
  for (const auto& line : page.lines) entries.push_back(access_line_data(context, line));
  TemplateData data;
  data.set("household_id", std::to_string(id));
  // Back to the record for those who work on it; a resident or the auditor
  // reads no record, so back to their own home.
  const auto role = context.actor->access_role;
  if (domain::role_has(role, Permission::casework)) {
    data.set("back_href", "/huishoudens/" + std::to_string(id));
    data.set("back_text", context.text("access_log.back"));
  } else {
    data.set("back_href", std::string(domain::home_of(role).path));
    data.set("back_text", context.text("access_log.back_home"));
  }
  data.set("has_pinned", !pinned.empty());
  put(data, "pinned", std::move(pinned));
  data.set("has_entries", !entries.empty());
  data.set("first_page", !query.before);
  put(data, "entries", std::move(entries));
  if (page.next_before) {
    data.set("next_url", "/huishoudens/" + std::to_string(id) + "/inzage?before=" + std::to_string(*page.next_before) +
                             "&limit=" + std::to_string(query.limit));
  }
  data.set("has_next", page.next_before.has_value());
  return render_page(context, "access_log", std::move(data), "access_log.page_title");
}

}  // namespace

void add_access_pages(Router& router) {
  router.add({"GET", "/noodtoegang", Permission::emergency_access, RouteKind::page, get_emergency});
  router.add({"POST", "/noodtoegang", Permission::emergency_access, RouteKind::page, post_emergency});
  router.add(
      personal_data({"GET", "/huishoudens/{id}/inzage", Permission::access_log, RouteKind::page, get_access_log}));
}

}  // namespace gezicht::web
