// The resident portal's API (pages/portal_pages.hpp, pages/resident_login_pages.hpp):
// logging in with a code, the own household, its access log and sharing,
// what residents ask of the team, the data download; and for anyone, the
// state of a request by its reference and address (public_api.cpp).

#include <map>

#include "domain/calendar.hpp"
#include "domain/experience.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "web/access_presenter.hpp"
#include "web/api/api_routes.hpp"
#include "web/json_io.hpp"
#include "web/portal_presenter.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

Response login_code(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  std::string language = string_field(body, "language");
  if (language.empty()) language = context.language;
  context.app.resident_login.request_code(context.connection(),
                                          {string_field(body, "email"), language, context.request.remote_address});
  // The same answer whether or not the address is known.
  return json_response(202, {{"status", "sent_if_known"}});
}

Response login(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const auto old_session = context.cookies.find("gz_session");
  const service::CodeLogin attempt{string_field(body, "email"), string_field(body, "code"),
                                   string_field(body, "invitation"), context.request.remote_address,
                                   old_session == context.cookies.end() ? "" : old_session->second};
  const auto outcome = context.app.resident_login.login(context.connection(), attempt);
  switch (outcome.status) {
    case service::LoginStatus::ok: break;
    case service::LoginStatus::throttled: {
      auto response = error_response(context, 429, "login_code.throttled");
      response.set_header("Retry-After", std::to_string(outcome.retry_after_seconds));
      return response;
    }
    case service::LoginStatus::failed: return error_response(context, 401, "login_code.failed");
  }
  const auto& actor = outcome.result->actor;
  context.cookies_to_set.push_back(
      make_cookie("gz_session", outcome.result->session_token, context.app.settings.secure_cookies));
  return json_response(200, {{"csrf_token", actor.csrf_token},
                             {"home", domain::home_of(actor.access_role).path},
                             {"user", {{"id", actor.user_id}, {"name", actor.name}, {"role", "resident"}}}});
}

Response invite(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  service::InvitationInput input;
  input.email = string_field(body, "email");
  if (body.contains("member_id") && !body["member_id"].is_null()) {
    if (!body["member_id"].is_number_integer()) throw domain::ValidationError("member_id", "field.type");
    input.member_id = body["member_id"].get<std::int64_t>();
  }
  input.language = string_field(body, "language");
  const auto household_id = context.required_id("id", "not_found");
  const auto id = context.app.resident_login.invite(context.connection(), *context.actor, household_id, input);
  return json_response(201, {{"id", id}});
}

Response household(RequestContext& context) {
  return json_response(200, portal_home_json(context, context.app.portal.home(context.connection(), *context.actor)));
}

Response access_log(RequestContext& context) {
  const auto query = access_log_query(context);
  const auto page = context.app.portal.access_log(context.connection(), *context.actor, query.before, query.limit);
  Json pinned = Json::array();
  for (const auto& entry : page.pinned) pinned.push_back(access_entry_json(context, entry));
  Json lines = Json::array();
  for (const auto& line : page.lines) lines.push_back(access_line_json(context, line));
  return json_response(200, {{"pinned", pinned},
                             {"entries", lines},
                             {"next_before", page.next_before ? Json(*page.next_before) : Json(nullptr)}});
}

Response sharing(RequestContext& context) {
  return json_response(200, sharing_json(context, context.app.portal.record(context.connection(), *context.actor)));
}

Response withdraw(RequestContext& context) {
  context.app.portal.withdraw_sharing(context.connection(), *context.actor,
                                      context.required_id("agreement_id", "sharing.not_found"));
  return json_response(200, {{"withdrawn", true}});
}

Response object(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const auto id = context.app.portal.object_to_sharing(context.connection(), *context.actor,
                                                       context.required_id("agreement_id", "sharing.not_found"),
                                                       string_field(body, "text"));
  return json_response(201, {{"id", id}});
}

Response confirm(RequestContext& context) {
  context.app.portal.confirm_what_matters(context.connection(), *context.actor);
  return json_response(200, {{"confirmed", true}});
}

Response correct(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const auto id =
      context.app.portal.correct_what_matters(context.connection(), *context.actor, string_field(body, "text"));
  return json_response(201, {{"id", id}});
}

Response another_contact(RequestContext& context) {
  std::string text;
  if (!context.request.body.empty()) text = string_field(parse_json_object(context.request), "text");
  const auto id = context.app.portal.ask_another_contact(context.connection(), *context.actor, text);
  return json_response(201, {{"id", id}});
}

Response export_data(RequestContext& context) {
  return json_response(200, export_json(context, context.app.portal.export_data(context.connection(), *context.actor)));
}

Response open_requests(RequestContext& context) {
  Json list = Json::array();
  for (const auto& request : context.app.portal.open_requests(context.connection(), *context.actor)) {
    Json item = resident_request_json(request);
    item["household_id"] = request.household_id;
    list.push_back(item);
  }
  return json_response(200, {{"requests", list}});
}

Response answer(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  context.app.portal.answer(context.connection(), *context.actor, context.required_id("request_id", "not_found"),
                            string_field(body, "answer"));
  return json_response(200, {{"answered", true}});
}

Response pending_feedback(RequestContext& context) {
  const auto form = context.app.experience.pending(context.connection(), *context.actor);
  Json contacts = Json::array();
  for (const auto& pending : form.contacts) {
    contacts.push_back({{"contact_id", pending.contact.contact_id},
                        {"at", pending.contact.at},
                        {"channel", pending.contact.channel},
                        {"who", pending.contact.who}});
  }
  Json words = Json::object();
  for (const auto& statement : form.set.statements) words[statement] = statement_words(context, form.set, statement);
  return json_response(
      200, {{"statement_set", form.set.version},
            {"statements", form.set.statements},
            {"words", words},
            {"scale", {"completely_agree", "agree", "neutral", "disagree", "completely_disagree", "dont_know"}},
            {"contacts", contacts}});
}

Response give_feedback(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  if (!body.contains("contact_id") || !body["contact_id"].is_number_integer()) {
    throw domain::ValidationError("contact_id", "feedback.contact_unknown");
  }
  std::map<std::string, std::string> answers;
  if (body.contains("answers") && !body["answers"].is_null()) {
    if (!body["answers"].is_object()) throw domain::ValidationError("answers", "field.type");
    for (const auto& [statement, value] : body["answers"].items()) {
      // A number or anything but a word is outside the scale, as a wrong word is.
      answers[statement] = value.is_string() ? value.get<std::string>() : std::string("?");
    }
  }
  context.app.experience.give(context.connection(), *context.actor, body["contact_id"].get<std::int64_t>(), answers,
                              string_field(body, "comment"));
  return json_response(201, {{"recorded", true}});
}

Response team_experience(RequestContext& context) {
  std::string quarter = context.query_value("quarter");
  if (quarter.empty())
    quarter = domain::quarter_of(domain::format_date(domain::amsterdam_date(context.app.clock.now())));
  const auto result = context.app.experience.team(context.connection(), *context.actor, quarter);
  // The set in use, then each older set the quarter's answers were given on.
  Json sets = Json::array();
  for (const auto& figures_of_set : result.sets) {
    Json statements = Json::array();
    for (const auto& figure : figures_of_set.figures) {
      const auto words = statement_words(context, figures_of_set.set, figure.statement);
      if (figure.suppressed) {
        statements.push_back({{"statement", figure.statement}, {"text", words}, {"suppressed", true}});
      } else {
        statements.push_back({{"statement", figure.statement},
                              {"text", words},
                              {"responses", figure.responses},
                              {"agree_share", figure.agree_share},
                              {"ci_low", figure.ci_low},
                              {"ci_high", figure.ci_high}});
      }
    }
    sets.push_back({{"statement_set", figures_of_set.set.version},
                    {"responses", figures_of_set.responses},
                    {"statements", statements}});
  }
  const auto& newest = sets.at(0);
  return json_response(200, {{"quarter", result.quarter},
                             {"threshold", result.threshold},
                             {"statement_set", newest["statement_set"]},
                             {"statements", newest["statements"]},
                             {"earlier_sets", Json(sets.begin() + 1, sets.end())},
                             {"comments", result.comments}});
}

}  // namespace

void add_portal_api(Router& router) {
  router.add(personal_data(
      {"GET", "/api/v1/me/feedback/pending", Permission::own_household, RouteKind::api, pending_feedback}));
  router.add({"POST", "/api/v1/me/feedback", Permission::own_household, RouteKind::api, give_feedback});
  router.add(
      personal_data({"GET", "/api/v1/team/experience", Permission::team_overview, RouteKind::api, team_experience}));
  using P = Permission;
  constexpr auto api = RouteKind::api;
  router.add({"POST", "/api/v1/resident/login-code", P::public_access, api, login_code});
  router.add({"POST", "/api/v1/resident/login", P::public_access, api, login});
  router.add({"POST", "/api/v1/households/{id}/invitations", P::casework, api, invite});
  router.add(personal_data({"GET", "/api/v1/me/household", P::own_household, api, household}));
  router.add(personal_data({"GET", "/api/v1/me/access-log", P::own_household, api, access_log}));
  router.add(personal_data({"GET", "/api/v1/me/sharing", P::own_household, api, sharing}));
  router.add({"POST", "/api/v1/me/sharing/{agreement_id}/withdraw", P::own_household, api, withdraw});
  router.add({"POST", "/api/v1/me/sharing/{agreement_id}/objection", P::own_household, api, object});
  router.add({"POST", "/api/v1/me/what-matters/confirm", P::own_household, api, confirm});
  router.add({"POST", "/api/v1/me/what-matters/correction", P::own_household, api, correct});
  router.add({"POST", "/api/v1/me/contact-change-request", P::own_household, api, another_contact});
  router.add(personal_data({"GET", "/api/v1/me/export", P::own_household, api, export_data}));
  router.add(personal_data({"GET", "/api/v1/resident-requests", P::resident_requests, api, open_requests}));
  router.add({"POST", "/api/v1/resident-requests/{request_id}/answer", P::resident_requests, api, answer});
}

}  // namespace gezicht::web
