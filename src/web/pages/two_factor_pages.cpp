#include "web/pages/two_factor_pages.hpp"

#include "domain/validation_error.hpp"
#include "web/json_io.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"
#include "web/qr_svg.hpp"

namespace gezicht::web {
namespace {

// "JBSWY3DPEHPK3PXP..." as "JBSW Y3DP EHPK ...", easier to copy by eye; apps ignore the spaces.
std::string grouped(const std::string& secret) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += secret[i];
  }
  return out;
}

Response render_enrolment(RequestContext& context, const domain::ValidationError* error) {
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  if (context.app.auth.two_factor_enabled(context.connection(), *context.actor)) {
    data.set("enabled", true);
    // Where this person's work is.
    data.set("continue_url", domain::home_of(context.actor->access_role).path);
    return render_page(context, "two_factor", data, "two_factor.title");
  }
  // The secret already started is shown again, so reloading the page does not
  // invalidate what the app scanned a moment ago.
  const auto enrolment = context.app.auth.start_two_factor(context.connection(), *context.actor, true);
  context.release_connection();
  // Raw HTML, deliberately: made here from the QR matrix; the only text in it (the label) is escaped.
  data.set("qr_svg", qr_code_svg(enrolment.uri, context.text("two_factor.qr_label")));
  data.set("secret", grouped(enrolment.secret));
  data.set("required", context.actor->two_factor_enrolment_only);
  if (error) add_form_errors(context, data, *error, [](const std::string& field) { return field; });
  return render_page(context, "two_factor", data, "two_factor.title", error ? 422 : 200);
}

Response enrolment_page(RequestContext& context) { return render_enrolment(context, nullptr); }

Response confirm_enrolment(RequestContext& context) {
  try {
    context.app.auth.confirm_two_factor(context.connection(), *context.actor, context.form_value("code"));
  } catch (const domain::ValidationError& error) {
    return render_enrolment(context, &error);
  }
  return redirect("/account/tweestapsverificatie");
}

Json status_json(RequestContext& context) {
  return {{"enabled", context.app.auth.two_factor_enabled(context.connection(), *context.actor)},
          {"enrolment_required", context.actor->two_factor_enrolment_only}};
}

Response api_status(RequestContext& context) { return json_response(200, status_json(context)); }

Response api_start(RequestContext& context) {
  // A new secret every time: whatever was started before stops working.
  const auto enrolment = context.app.auth.start_two_factor(context.connection(), *context.actor, false);
  return json_response(200, {{"secret", enrolment.secret}, {"otpauth_uri", enrolment.uri}});
}

Response api_confirm(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  context.app.auth.confirm_two_factor(context.connection(), *context.actor, string_field(body, "code"));
  return json_response(200, {{"enabled", true}});
}

}  // namespace

void add_two_factor_pages(Router& router) {
  // before_two_factor: reachable by a session that must still enrol (see Route).
  router.add(
      {"GET", "/account/tweestapsverificatie", Permission::own_session, RouteKind::page, enrolment_page, false, true});
  router.add({"POST", "/account/tweestapsverificatie", Permission::own_session, RouteKind::page, confirm_enrolment,
              false, true});
}

void add_two_factor_api(Router& router) {
  router.add({"GET", "/api/v1/me/two-factor", Permission::own_session, RouteKind::api, api_status, false, true});
  router.add({"POST", "/api/v1/me/two-factor", Permission::own_session, RouteKind::api, api_start, false, true});
  router.add(
      {"POST", "/api/v1/me/two-factor/confirm", Permission::own_session, RouteKind::api, api_confirm, false, true});
}

}  // namespace gezicht::web
