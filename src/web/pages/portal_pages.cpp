#include "web/pages/portal_pages.hpp"

#include "domain/postcode.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "web/access_presenter.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/portal_presenter.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

constexpr const char* home_path = "/mijn-gezicht";

std::string address_of(const storage::HouseholdRecord& household) {
  return domain::display_postcode(household.postcode) + " " + household.house_number;
}

// A municipality may keep the plan and the data for DigiD (PortalService
// decides); a resident who came in with an e-mail code is asked to log in
// with DigiD first, which adds it to their account.
Response digid_needed(RequestContext& context) {
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("digid", true);
  data.set("invitation", "");
  data.set("error", context.text("mijn.digid_needed"));
  return render_page(context, "portal/login", data, "mijn.login.title", 403);
}

// ?klaar=<what> after a form: the confirmation shown once on the page it lands on.
void add_done(const RequestContext& context, TemplateData& data) {
  const std::string done = context.query_value("klaar");
  for (const char* known : {"bevestigd", "verstuurd", "ingetrokken", "bezwaar", "gevraagd"}) {
    if (done == known) data.set("done", context.text(std::string("mijn.done.") + known));
  }
}

Response home_page(RequestContext& context) {
  const auto home = context.app.portal.home(context.connection(), *context.actor);
  context.release_connection();
  TemplateData data;
  data.set("address", address_of(home.record.household));
  if (home.record.fixed_contact) data.set("contact", portal_contact_data(context, home.record));
  auto actions = open_actions_data(context, home.record);
  data.set("has_actions", !actions.empty());
  put(data, "actions", std::move(actions));
  auto requests = resident_referrals_data(context, home.requests);
  data.set("has_requests", !requests.empty());
  put(data, "requests", std::move(requests));
  auto asked = asked_data(context, home.asked);
  data.set("has_asked", !asked.empty());
  put(data, "asked", std::move(asked));
  auto breakthroughs = resident_breakthroughs_data(context, home.breakthroughs);
  data.set("has_breakthroughs", !breakthroughs.empty());
  put(data, "breakthroughs", std::move(breakthroughs));
  return render_page(context, "portal/home", data, "mijn.home.title");
}

Response plan_page_with(RequestContext& context, const domain::ValidationError* error, const std::string& text) {
  const auto home = context.app.portal.home(context.connection(), *context.actor);
  context.release_connection();
  if (home.plan_withheld) return digid_needed(context);
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  add_plan_data(context, home.record, data);
  add_done(context, data);
  data.set("text", text);
  if (error) data.set("error_text", error_text(context, error->errors().front().message_key));
  return render_page(context, "portal/plan", data, "mijn.plan.title", error ? 422 : 200);
}

Response plan_page(RequestContext& context) { return plan_page_with(context, nullptr, ""); }

Response confirm_plan(RequestContext& context) {
  context.app.portal.confirm_what_matters(context.connection(), *context.actor);
  return redirect("/mijn-gezicht/plan?klaar=bevestigd");
}

Response correct_plan(RequestContext& context) {
  const std::string text = context.form_value("text");
  try {
    context.app.portal.correct_what_matters(context.connection(), *context.actor, text);
  } catch (const domain::ValidationError& error) {
    context.release_connection();
    return plan_page_with(context, &error, text);
  }
  return redirect("/mijn-gezicht/plan?klaar=verstuurd");
}

Response helpers_page(RequestContext& context) {
  const auto record = context.app.portal.record(context.connection(), *context.actor);
  context.release_connection();
  TemplateData data;
  auto helpers = helpers_data(context, record);
  data.set("has_helpers", !helpers.empty());
  put(data, "helpers", std::move(helpers));
  return render_page(context, "portal/helpers", data, "mijn.helpers.title");
}

Response access_log_page(RequestContext& context) {
  const auto query = access_log_query(context);
  const auto page = context.app.portal.access_log(context.connection(), *context.actor, query.before, query.limit);
  context.release_connection();
  TemplateData data;
  data.set("back_href", home_path);
  data.set("back_text", context.text("mijn.back_home"));
  TemplateList pinned;
  for (const auto& entry : page.pinned) pinned.push_back(access_entry_data(context, entry));
  data.set("has_pinned", !pinned.empty());
  put(data, "pinned", std::move(pinned));
  TemplateList lines;
  for (const auto& line : page.lines) lines.push_back(access_line_data(context, line));
  data.set("has_entries", !lines.empty());
  put(data, "entries", std::move(lines));
  data.set("first_page", !query.before);
  if (page.next_before) {
    data.set("has_next", true);
    data.set("next_url", "/mijn-gezicht/inzage?before=" + std::to_string(*page.next_before));
  }
  return render_page(context, "access_log", data, "access_log.title");
}

Response sharing_page(RequestContext& context) {
  const auto record = context.app.portal.record(context.connection(), *context.actor);
  context.release_connection();
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  auto agreements = sharing_data(context, record);
  data.set("has_agreements", !agreements.empty());
  put(data, "agreements", std::move(agreements));
  add_done(context, data);
  return render_page(context, "portal/sharing", data, "mijn.sharing.title");
}

Response withdraw(RequestContext& context) {
  context.app.portal.withdraw_sharing(context.connection(), *context.actor,
                                      context.required_id("agreement_id", "sharing.not_found"));
  return redirect("/mijn-gezicht/delen?klaar=ingetrokken");
}

Response object(RequestContext& context) {
  context.app.portal.object_to_sharing(context.connection(), *context.actor,
                                       context.required_id("agreement_id", "sharing.not_found"),
                                       context.form_value("text"));
  return redirect("/mijn-gezicht/delen?klaar=bezwaar");
}

Response another_page_with(RequestContext& context, const std::string& error_key, int status) {
  const auto home = context.app.portal.home(context.connection(), *context.actor);
  context.release_connection();
  std::vector<storage::ResidentRequestRow> asked;
  bool open = false;
  for (const auto& request : home.asked) {
    if (request.kind != "another_contact") continue;
    open = open || !request.answered_at;
    asked.push_back(request);
  }
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  auto rows = asked_data(context, asked);
  data.set("has_asked", !rows.empty());
  put(data, "asked", std::move(rows));
  data.set("open", open);
  add_done(context, data);
  if (!error_key.empty()) data.set("error", error_text(context, error_key));
  return render_page(context, "portal/another_contact", data, "mijn.another.title", status);
}

Response another_page(RequestContext& context) { return another_page_with(context, "", 200); }

Response ask_another(RequestContext& context) {
  try {
    context.app.portal.ask_another_contact(context.connection(), *context.actor, context.form_value("text"));
  } catch (const domain::ValidationError& error) {
    context.release_connection();
    return another_page_with(context, error.errors().front().message_key, 422);
  }
  return redirect("/mijn-gezicht/andere-contactpersoon?klaar=gevraagd");
}

Response data_page(RequestContext& context) {
  std::optional<service::ResidentExport> data_export;
  try {
    data_export = context.app.portal.export_data(context.connection(), *context.actor);
  } catch (const service::Forbidden& refused) {
    if (refused.message_key() != "digid.required") throw;
    context.release_connection();
    return digid_needed(context);
  }
  context.release_connection();
  const auto& record = data_export->home.record;
  TemplateData data;
  data.set("address", address_of(record.household));
  TemplateList members;
  for (const auto& member : record.members) {
    TemplateData row;
    row.set("name", member.name);
    if (member.birth_year) row.set("birth_year", std::to_string(*member.birth_year));
    members.push_back(std::move(row));
  }
  put(data, "members", std::move(members));
  add_plan_data(context, record, data);
  put(data, "helpers", helpers_data(context, record));
  TemplateList contacts;
  for (const auto& contact : data_export->contacts) {
    TemplateData row;
    row.set("at_text", amsterdam_text(contact.at));
    row.set("who", contact.who);
    row.set("channel_text", text_or(context, "channel." + contact.channel, contact.channel));
    contacts.push_back(std::move(row));
  }
  put(data, "contacts", std::move(contacts));
  put(data, "agreements", sharing_data(context, record));
  TemplateList log;
  for (const auto& entry : data_export->access_log) log.push_back(access_entry_data(context, entry));
  put(data, "access_log", std::move(log));
  return render_page(context, "portal/data", data, "mijn.data.title");
}

Response data_json(RequestContext& context) {
  const auto data_export = context.app.portal.export_data(context.connection(), *context.actor);
  context.release_connection();
  auto response = json_response(200, export_json(context, data_export));
  response.set_header("Content-Disposition", "attachment; filename=\"mijn-gegevens.json\"");
  return response;
}

}  // namespace

void add_portal_pages(Router& router) {
  using P = Permission;
  router.add(personal_data({"GET", home_path, P::own_household, RouteKind::page, home_page}));
  router.add(personal_data({"GET", "/mijn-gezicht/plan", P::own_household, RouteKind::page, plan_page}));
  router.add({"POST", "/mijn-gezicht/plan/klopt", P::own_household, RouteKind::page, confirm_plan});
  router.add({"POST", "/mijn-gezicht/plan/klopt-niet", P::own_household, RouteKind::page, correct_plan});
  router.add(personal_data({"GET", "/mijn-gezicht/wie-helpen", P::own_household, RouteKind::page, helpers_page}));
  router.add(personal_data({"GET", "/mijn-gezicht/inzage", P::own_household, RouteKind::page, access_log_page}));
  router.add(personal_data({"GET", "/mijn-gezicht/delen", P::own_household, RouteKind::page, sharing_page}));
  router.add({"POST", "/mijn-gezicht/delen/{agreement_id}/intrekken", P::own_household, RouteKind::page, withdraw});
  router.add({"POST", "/mijn-gezicht/delen/{agreement_id}/bezwaar", P::own_household, RouteKind::page, object});
  router.add(
      personal_data({"GET", "/mijn-gezicht/andere-contactpersoon", P::own_household, RouteKind::page, another_page}));
  router.add({"POST", "/mijn-gezicht/andere-contactpersoon", P::own_household, RouteKind::page, ask_another});
  router.add(personal_data({"GET", "/mijn-gezicht/gegevens", P::own_household, RouteKind::page, data_page}));
  router.add(personal_data({"GET", "/mijn-gezicht/gegevens.json", P::own_household, RouteKind::page, data_json}));
}

}  // namespace gezicht::web
