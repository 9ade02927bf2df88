#include "web/pages/outreach_pages.hpp"

#include <cstdio>

#include "service/errors.hpp"
#include "web/outreach_presenter.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"
#include "web/pages/household_page_support.hpp"

namespace gezicht::web {
namespace {

constexpr const char* page_path = "/in-de-wijk";

domain::OutreachInput input_from_form(const RequestContext& context) {
  domain::OutreachInput input;
  input.kind = context.form_value("kind");
  input.place = context.form_value("place");
  input.address = context.form_value("address");
  input.starts_at = context.form_value("starts_at");
  input.ends_at = context.form_value("ends_at");
  input.residents_met = context.form_value("residents_met");
  input.on_front_door = context.form_value("on_front_door") == "1";
  return input;
}

// The control a field's error links to from the summary.
std::string anchor_of(const std::string& field) { return field == "kind" ? "kind-walk_in" : field; }

Response page_with(RequestContext& context, const domain::OutreachInput& typed, const domain::ValidationError* error) {
  const auto overview = context.app.outreach.overview(context.connection(), *context.actor);
  context.release_connection();
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  put(data, "kinds", choices(context, domain::outreach_kinds(), "outreach.kind.", typed.kind, "kind-"));
  data.set("place", typed.place);
  data.set("address", typed.address);
  data.set("starts_at", typed.starts_at);
  data.set("ends_at", typed.ends_at);
  data.set("residents_met", typed.residents_met);
  data.set("on_front_door", typed.on_front_door);
  if (error) add_form_errors(context, data, *error, anchor_of);
  TemplateList planned;
  for (const auto& row : overview.planned) {
    auto item = outreach_row_data(context, row);
    item.set("csrf_token", context.csrf_token());
    planned.push_back(std::move(item));
  }
  TemplateList held;
  for (const auto& row : overview.held) {
    auto item = outreach_row_data(context, row);
    item.set("csrf_token", context.csrf_token());
    held.push_back(std::move(item));
  }
  data.set("has_planned", !planned.empty());
  data.set("has_held", !held.empty());
  put(data, "planned", std::move(planned));
  put(data, "held", std::move(held));
  char hours[16];
  std::snprintf(hours, sizeof hours, "%.1f", overview.hours_held);
  data.set("hours_held", hours);
  data.set("residents_met_total", std::to_string(overview.residents_met));
  const auto done = context.query_value("klaar");
  if (done == "opgeslagen" || done == "geannuleerd" || done == "bewoners") {
    data.set("done_text", context.text("outreach.done." + done));
  }
  const auto refused = context.query_value("fout");
  if (!refused.empty()) data.set("refused_text", error_text(context, refused));
  return render_page(context, "outreach", data, "outreach.title", error ? 422 : 200);
}

Response outreach_page(RequestContext& context) {
  domain::OutreachInput empty;
  return page_with(context, empty, nullptr);
}

Response record(RequestContext& context) {
  const auto input = input_from_form(context);
  try {
    context.app.outreach.record(context.connection(), *context.actor, input);
  } catch (const domain::ValidationError& error) {
    context.release_connection();
    return page_with(context, input, &error);
  }
  return redirect(std::string(page_path) + "?klaar=opgeslagen");
}

Response residents_met(RequestContext& context) {
  const auto id = context.required_id("id", "outreach.not_found");
  try {
    context.app.outreach.set_residents_met(context.connection(), *context.actor, id,
                                           context.form_value("residents_met"));
  } catch (const domain::ValidationError& error) {
    return redirect(std::string(page_path) + "?fout=" + error.errors().front().message_key);
  }
  return redirect(std::string(page_path) + "?klaar=bewoners");
}

Response cancel(RequestContext& context) {
  const auto id = context.required_id("id", "outreach.not_found");
  try {
    context.app.outreach.cancel(context.connection(), *context.actor, id);
  } catch (const service::Conflict& error) {
    return redirect(std::string(page_path) + "?fout=" + error.message_key());
  }
  return redirect(std::string(page_path) + "?klaar=geannuleerd");
}

}  // namespace

void add_outreach_pages(Router& router) {
  using P = domain::Permission;
  constexpr auto page = RouteKind::page;
  router.add({"GET", page_path, P::outreach, page, outreach_page});
  router.add({"POST", page_path, P::outreach, page, record});
  router.add({"POST", "/in-de-wijk/{id}/bewoners", P::outreach, page, residents_met});
  router.add({"POST", "/in-de-wijk/{id}/annuleren", P::outreach, page, cancel});
}

}  // namespace gezicht::web
