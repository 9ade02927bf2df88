#include "web/pages/resident_login_pages.hpp"

#include "domain/calendar.hpp"
#include "domain/resident_login.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

constexpr const char* portal_home = "/mijn-gezicht";

std::string previous_session(const RequestContext& context) {
  const auto found = context.cookies.find("gz_session");
  return found == context.cookies.end() ? "" : found->second;
}

TemplateData login_data(RequestContext& context) {
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("digid", context.app.resident_digid.enabled());
  data.set("invitation", "");
  return data;
}

Response login_page(RequestContext& context) {
  // Someone already in: their own home, not a second login.
  if (context.actor) return redirect(domain::home_of(context.actor->access_role).path);
  return render_page(context, "portal/login", login_data(context), "mijn.login.title");
}

Response code_page(RequestContext& context, const std::string& email, const std::string& invitation,
                   const std::string& action, int status, const std::string& error_key) {
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("email", email);
  data.set("masked_email", domain::mask_email(email));
  data.set("invitation", invitation);
  data.set("action", action);
  if (!error_key.empty()) data.set("error", error_text(context, error_key));
  return render_page(context, "portal/code", data, "mijn.code.title", status);
}

// The answer is the same whether or not the address is known.
Response send_code(RequestContext& context) {
  const std::string email = context.form_value("email");
  try {
    context.app.resident_login.request_code(context.connection(),
                                            {email, context.language, context.request.remote_address});
  } catch (const domain::ValidationError& error) {
    TemplateData data = login_data(context);
    data.set("email", email);
    data.set("error_email", error_text(context, error.errors().front().message_key));
    return render_page(context, "portal/login", data, "mijn.login.title", 422);
  }
  context.release_connection();
  return code_page(context, domain::normalize_email(email), "", "/mijn-gezicht/inloggen/code", 200, "");
}

Response log_in(RequestContext& context, const std::string& email, const std::string& invitation,
                const std::string& action) {
  const service::CodeLogin attempt{email, context.form_value("code"), invitation, context.request.remote_address,
                                   previous_session(context)};
  const auto outcome = context.app.resident_login.login(context.connection(), attempt);
  context.release_connection();
  if (outcome.status == service::LoginStatus::throttled) {
    auto response = code_page(context, email, invitation, action, 429, "login_code.throttled");
    response.set_header("Retry-After", std::to_string(outcome.retry_after_seconds));
    return response;
  }
  if (outcome.status != service::LoginStatus::ok)
    return code_page(context, email, invitation, action, 401, "login_code.failed");
  context.cookies_to_set.push_back(
      make_cookie("gz_session", outcome.result->session_token, context.app.settings.secure_cookies));
  return redirect(portal_home);
}

Response submit_code(RequestContext& context) {
  std::string email;
  try {
    email = domain::normalize_email(context.form_value("email"));
  } catch (const domain::ValidationError&) {
    return redirect("/mijn-gezicht/inloggen");
  }
  return log_in(context, email, context.form_value("invitation"), "/mijn-gezicht/inloggen/code");
}

Response invitation_page(RequestContext& context) {
  const std::string token = context.param("token");
  const auto invitation = context.app.resident_login.invitation(context.connection(), token);
  context.release_connection();
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("token", token);
  data.set("masked_email", invitation.masked_email);
  data.set("expires_at", invitation.expires_at);
  data.set("expires_text", amsterdam_text(invitation.expires_at));
  data.set("digid", context.app.resident_digid.enabled());
  return render_page(context, "portal/invitation", data, "mijn.invitation.title");
}

// The code goes to the invited address, which the page never shows in full.
Response invitation_send_code(RequestContext& context) {
  const std::string token = context.param("token");
  const auto email = context.app.resident_login.invitation_email(context.connection(), token);
  context.app.resident_login.request_code(context.connection(),
                                          {email, context.language, context.request.remote_address});
  context.release_connection();
  return code_page(context, email, token, "/mijn-gezicht/uitnodiging/" + token + "/code", 200, "");
}

Response invitation_submit_code(RequestContext& context) {
  const std::string token = context.param("token");
  const auto email = context.app.resident_login.invitation_email(context.connection(), token);
  return log_in(context, email, token, "/mijn-gezicht/uitnodiging/" + token + "/code");
}

constexpr const char* digid_cookie = "gz_digid";

// The state, for this browser only. Lax: the broker sends the browser back
// with a top-level GET from its own site, which a Strict cookie would miss.
std::string digid_state_cookie(const RequestContext& context, const std::string& state, long max_age) {
  return std::string(digid_cookie) + "=" + state + "; Path=/mijn-gezicht/inloggen/digid; HttpOnly; SameSite=Lax" +
         (context.app.settings.secure_cookies ? "; Secure" : "") + "; Max-Age=" + std::to_string(max_age);
}

// To the broker; it sends the resident back to digid_return. A resident
// logged in with an e-mail code adds DigiD to their account this way.
Response digid_start(RequestContext& context) {
  const auto start = context.app.resident_digid.begin(context.connection(), context.form_value("invitation"),
                                                      context.actor ? &*context.actor : nullptr);
  context.release_connection();
  context.cookies_to_set.push_back(
      digid_state_cookie(context, start.state, service::ResidentDigidService::login_seconds));
  return redirect(start.url);
}

Response digid_return(RequestContext& context) {
  const auto cookie = context.cookies.find(digid_cookie);
  const auto outcome = context.app.resident_digid.finish(
      context.connection(), context.query_value("code"), context.query_value("state"),
      cookie == context.cookies.end() ? "" : cookie->second, context.request.remote_address, previous_session(context));
  context.release_connection();
  context.cookies_to_set.push_back(digid_state_cookie(context, "", 0));
  if (outcome.login.status != service::LoginStatus::ok) {
    TemplateData data = login_data(context);
    data.set("error",
             error_text(context, outcome.login.status == service::LoginStatus::throttled ? "login_code.throttled"
                                                                                         : outcome.failure_key));
    // The broker's answer could not be used (400), or throttled (429).
    const int status = outcome.login.status == service::LoginStatus::throttled ? 429 : 400;
    return render_page(context, "portal/login", data, "mijn.login.title", status);
  }
  context.cookies_to_set.push_back(
      make_cookie("gz_session", outcome.login.result->session_token, context.app.settings.secure_cookies));
  // A page of our own first: the browser came from the broker's site, and
  // the Strict session cookie goes along only from a page of this site.
  TemplateData data;
  data.set("home", portal_home);
  context.refresh_url = portal_home;
  return render_page(context, "portal/logged_in", data, "mijn.logged_in.title");
}

}  // namespace

void add_resident_login_pages(Router& router) {
  router.add({"POST", "/mijn-gezicht/inloggen/digid", Permission::public_access, RouteKind::page, digid_start});
  router.add({"GET", "/mijn-gezicht/inloggen/digid/terug", Permission::public_access, RouteKind::page, digid_return});
  router.add({"GET", "/mijn-gezicht/inloggen", Permission::public_access, RouteKind::page, login_page});
  router.add({"POST", "/mijn-gezicht/inloggen", Permission::public_access, RouteKind::page, send_code});
  router.add({"POST", "/mijn-gezicht/inloggen/code", Permission::public_access, RouteKind::page, submit_code});
  router.add({"GET", "/mijn-gezicht/uitnodiging/{token}", Permission::public_access, RouteKind::page, invitation_page});
  router.add(
      {"POST", "/mijn-gezicht/uitnodiging/{token}", Permission::public_access, RouteKind::page, invitation_send_code});
  router.add({"POST", "/mijn-gezicht/uitnodiging/{token}/code", Permission::public_access, RouteKind::page,
              invitation_submit_code});
}

}  // namespace gezicht::web
