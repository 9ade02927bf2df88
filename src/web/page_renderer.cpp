#include "web/page_renderer.hpp"

#include "web/presenters.hpp"
#include "web/url_encoding.hpp"

namespace gezicht::web {
namespace {

// The current URL with lang=<other>, so switching language keeps the page.
std::string switch_language_url(const RequestContext& context, const std::string& other) {
  std::string url = context.page_path + "?";
  for (const auto& [key, value] : context.query) {
    if (key == "lang") continue;
    url += percent_encode(key) + "=" + percent_encode(value) + "&";
  }
  return url + "lang=" + other;
}

}  // namespace

std::string error_text(const RequestContext& context, std::string_view message_key) {
  const std::string key = "error." + std::string(message_key);
  const auto& texts = context.app.translations.all(context.language);
  auto found = texts.find(key);
  return found == texts.end() ? context.text("error.bad_request") : found->second;
}

Response render_page(RequestContext& context, std::string_view template_name, TemplateData data,
                     std::string_view title_key, int status) {
  const auto snapshot = context.app.directory.snapshot();
  const std::string other = context.text("lang.other_code");
  data.set("lang", context.language);
  TemplateData layout;
  layout.set("lang", context.language);
  layout.set("title", context.text(title_key));
  layout.set("municipality", snapshot->municipality.name);
  if (!snapshot->municipality.logo_png.empty()) {
    layout.set("has_logo", true);
    layout.set("logo_width", std::to_string(snapshot->municipality.logo_width));
    layout.set("logo_height", std::to_string(snapshot->municipality.logo_height));
  }
  layout.set("municipality_phone", snapshot->municipality.phone);
  layout.set("municipality_phone_href", tel_href(snapshot->municipality.phone));
  layout.set("switch_url", switch_language_url(context, other));
  layout.set("switch_lang", other);
  layout.set("dir", context.text("lang.dir"));
  if (!context.refresh_url.empty()) layout.set("refresh_url", context.refresh_url);
  // Residents' pages offer every language, each named in its own script.
  if (context.resident_page) {
    TemplateList languages;
    for (const auto& code : context.app.translations.languages()) {
      TemplateData item;
      item.set("code", code);
      item.set("name", context.app.translations.text(code, "lang.name"));
      item.set("url", switch_language_url(context, code));
      item.set("current", code == context.language);
      // The way back to Dutch (or on to English) keeps its id: #language-switch.
      item.set("is_switch", code == other);
      languages.push_back(std::move(item));
    }
    layout.set("has_languages", true);
    put(layout, "languages", std::move(languages));
  }
  if (context.actor) {
    TemplateData user;
    user.set("name", context.actor->name);
    // The menu shows what this person's role may open, from the same table the router checks.
    const auto role = context.actor->access_role;
    // A session that must still set up its second factor reaches nothing the menu links to.
    const bool full = !context.actor->two_factor_enrolment_only;
    user.set("may_admin", full && domain::role_has(role, domain::Permission::manage_accounts));
    user.set("may_inbox", full && domain::role_has(role, domain::Permission::referral_inbox));
    user.set("may_caseload", full && domain::role_has(role, domain::Permission::caseload));
    user.set("may_emergency", full && domain::role_has(role, domain::Permission::emergency_access));
    user.set("may_audit", full && domain::role_has(role, domain::Permission::audit_trail));
    user.set("may_shared", full && domain::role_has(role, domain::Permission::domain_shares));
    user.set("may_own_household", full && domain::role_has(role, domain::Permission::own_household));
    user.set("account", full);
    user.set("csrf_token", context.actor->csrf_token);
    layout.set("user", std::move(user));
  }
  layout.set("content", context.app.templates.render(template_name, context.language, data));
  Response response;
  response.status = status;
  response.body = context.app.templates.render("layout", context.language, layout);
  return response;
}

Response render_error_page(RequestContext& context, int status, std::string_view message_key) {
  TemplateData data;
  data.set("message", error_text(context, message_key));
  try {
    return render_page(context, "error", data, "error.title", status);
  } catch (const std::exception&) {
    // The layout itself failed (for example the database is down): a bare page still tells the user.
    Response response;
    response.status = status;
    response.body =
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Er ging iets mis</title>"
        "</head><body><main><h1>Er ging iets mis</h1><p>Probeer het later nog eens.</p></main></body></html>";
    return response;
  }
}

Response redirect(std::string location) {
  Response response;
  response.status = 303;
  response.set_header("Location", std::move(location));
  response.body.clear();
  return response;
}

}  // namespace gezicht::web
