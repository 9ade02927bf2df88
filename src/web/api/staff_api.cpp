#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "service/user_admin.hpp"
#include "web/api/api_routes.hpp"
#include "web/json_io.hpp"
#include "web/presenters.hpp"
#include "web/referral_follow_up.hpp"

namespace gezicht::web {
namespace {

Response login(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const std::string username = string_field(body, "username");
  const std::string password = string_field(body, "password");
  std::vector<domain::FieldError> errors;
  if (username.empty()) errors.push_back({"username", "login.failed"});
  if (password.empty()) errors.push_back({"password", "login.failed"});
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));
  auto old_session = context.cookies.find("gz_session");
  const service::LoginAttempt attempt{username, password, string_field(body, "code"), context.request.remote_address,
                                      old_session == context.cookies.end() ? "" : old_session->second};
  auto outcome = context.app.auth.login(context.connection(), attempt);
  switch (outcome.status) {
    case service::LoginStatus::ok: break;
    case service::LoginStatus::throttled: {
      auto response = error_response(context, 429, "login.throttled");
      response.set_header("Retry-After", std::to_string(outcome.retry_after_seconds));
      return response;
    }
    case service::LoginStatus::failed: return error_response(context, 401, "login.failed");
  }
  const auto& result = outcome.result;
  const auto& actor = result->actor;
  context.cookies_to_set.push_back(
      make_cookie("gz_session", result->session_token, context.app.settings.secure_cookies));
  return json_response(200, {{"csrf_token", actor.csrf_token},
                             {"two_factor_enrolment_required", actor.two_factor_enrolment_only},
                             {"user",
                              {{"id", actor.user_id},
                               {"name", actor.name},
                               {"role", domain::to_string(actor.access_role)},
                               {"team", actor.team_name.empty() ? Json(nullptr) : Json(actor.team_name)}}}});
}

Response logout(RequestContext& context) {
  context.app.auth.logout(context.connection(), *context.actor);
  context.cookies_to_set.push_back(make_cookie("gz_session", "", context.app.settings.secure_cookies, 0));
  Response response;
  response.status = 204;
  response.content_type = "application/json";
  return response;
}

Response users(RequestContext& context) {
  Json list = Json::array();
  for (const auto& account : service::list_accounts(context.connection(), context.query_value("team"))) {
    list.push_back({{"id", account.id},
                    {"username", account.username},
                    {"name", account.name},
                    {"role", account.role},
                    {"team", account.team_name.empty() ? Json(nullptr) : Json(account.team_name)},
                    {"active", account.active}});
  }
  return json_response(200, {{"users", list}});
}

Response my_referrals(RequestContext& context) {
  Json list = Json::array();
  for (const auto& item : context.app.referrals.inbox(context.connection(), *context.actor)) {
    list.push_back(referral_json(item.referral, item.overdue, false));
  }
  return json_response(200, {{"referrals", list}});
}

Response one_referral(RequestContext& context) {
  const auto referral = context.app.referrals.get(context.connection(), *context.actor, context.param("reference"));
  return json_response(200, referral_json(referral, context.app.referrals.is_overdue(referral), true));
}

Response first_contact(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const std::string at_text = string_field(body, "at");
  const std::string channel = string_field(body, "channel");
  std::int64_t at = context.app.clock.now();
  if (!at_text.empty()) {
    // The API speaks UTC ("...Z"), so a client's time zone cannot shift a contact.
    auto parsed = at_text.ends_with("Z") ? domain::parse_timestamp(at_text) : std::nullopt;
    if (!parsed) throw domain::ValidationError("at", "at.invalid");
    at = *parsed;
  }
  const std::string arrived_via = string_field(body, "arrived_via");
  const auto referral = context.app.referrals.record_first_contact(
      context.connection(), *context.actor, context.param("reference"), at, channel,
      arrived_via.empty() ? std::nullopt : std::optional(arrived_via));
  invite_follower(context, referral.reference);
  return json_response(200, referral_json(referral, false, true));
}

Response join_household(RequestContext& context) {
  const auto referral =
      context.app.referrals.join_household(context.connection(), *context.actor, context.param("reference"));
  invite_follower(context, referral.reference);
  return json_response(200, referral_json(referral, false, true));
}

}  // namespace

void add_staff_api(Router& router) {
  router.add({"POST", "/api/v1/login", Permission::public_access, RouteKind::api, login});
  router.add({"POST", "/api/v1/logout", Permission::own_session, RouteKind::api, logout, false, true});
  router.add({"GET", "/api/v1/users", Permission::manage_accounts, RouteKind::api, users});
  router.add(personal_data({"GET", "/api/v1/me/referrals", Permission::referral_inbox, RouteKind::api, my_referrals}));
  router.add(personal_data(
      {"GET", "/api/v1/referrals/{reference}", Permission::referral_inbox, RouteKind::api, one_referral}));
  router.add({"POST", "/api/v1/referrals/{reference}/first-contact", Permission::referral_inbox, RouteKind::api,
              first_contact});
  router.add(
      {"POST", "/api/v1/referrals/{reference}/household", Permission::referral_inbox, RouteKind::api, join_household});
}

}  // namespace gezicht::web
