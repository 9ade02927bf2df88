#include <charconv>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "web/api/api_routes.hpp"
#include "web/contact_follow_up.hpp"
#include "web/household_presenter.hpp"
#include "web/json_io.hpp"

namespace gezicht::web {
namespace {

std::int64_t household_id(const RequestContext& context) { return context.required_id("id", "household.not_found"); }

// An optional whole-number field: absent or null is nullopt.
std::optional<std::int64_t> id_field(const Json& body, const std::string& field) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return std::nullopt;
  if (!found->is_number_integer()) throw domain::ValidationError(field, "field.type");
  return found->get<std::int64_t>();
}

Response created(std::int64_t id) { return json_response(201, {{"id", id}}); }

Response get_household(RequestContext& context) {
  const auto view = context.app.households.view(context.connection(), *context.actor, household_id(context));
  return json_text_response(200, household_json(view));
}

Response add_contact(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  service::ContactInput input;
  input.professional_id = id_field(body, "professional_id");
  input.involved_id = id_field(body, "involved_id");
  const std::string at = string_field(body, "at");
  // Checked by the service, after access: a stranger learns nothing from the answer.
  input.at_given = !at.empty();
  // The API speaks UTC ("...Z"), so a client's time zone cannot shift a contact.
  input.at = at.ends_with("Z") ? domain::parse_timestamp(at) : std::nullopt;
  input.channel = string_field(body, "channel");
  input.with_whom = string_field(body, "with_whom");
  const auto household = household_id(context);
  // The household is asked how it went (by e-mail, if a resident has an address).
  const auto contact = context.app.households.add_contact(context.connection(), *context.actor, household, input,
                                                          invite_after_contact(context, household));
  return created(contact);
}

std::int64_t contact_id(const RequestContext& context) {
  return context.required_id("contact_id", "contact.not_found");
}

Response get_contact(RequestContext& context) {
  const auto found =
      context.app.households.contact(context.connection(), *context.actor, household_id(context), contact_id(context));
  Json history = Json::array();
  for (const auto& edit : found.history) {
    history.push_back({{"involved_id", edit.before.involved_id},
                       {"who", edit.who_before},
                       {"at", edit.before.at},
                       {"channel", edit.before.channel},
                       {"with_whom", edit.before.with_whom},
                       {"edited_by", edit.edited_by},
                       {"edited_at", edit.edited_at}});
  }
  const auto& c = found.contact;
  return json_response(200, {{"id", c.id},
                             {"involved_id", c.involved_id},
                             {"who", c.who},
                             {"at", c.at},
                             {"channel", c.channel},
                             {"with_whom", c.with_whom},
                             {"history", history}});
}

// GET .../contacts?before=<next>&limit=<1-200, default 50>: the whole log, newest first.
Response list_contacts(RequestContext& context) {
  const auto before = context.query_value("before");
  const auto limit_text = context.query_value("limit");
  int limit = 50;
  if (!limit_text.empty()) {
    const auto [end, error] = std::from_chars(limit_text.data(), limit_text.data() + limit_text.size(), limit);
    if (error != std::errc{} || end != limit_text.data() + limit_text.size()) {
      throw domain::ValidationError("limit", "limit.invalid");
    }
  }
  const auto page =
      context.app.households.contacts_log(context.connection(), *context.actor, household_id(context),
                                          before.empty() ? std::nullopt : std::optional<std::string>(before), limit);
  Json contacts = Json::array();
  for (const auto& c : page.contacts) {
    contacts.push_back({{"id", c.id},
                        {"involved_id", c.involved_id},
                        {"who", c.who},
                        {"at", c.at},
                        {"channel", c.channel},
                        {"with_whom", c.with_whom},
                        {"edits", c.edits}});
  }
  return json_response(200, {{"contacts", contacts}, {"next", page.next ? Json(*page.next) : Json(nullptr)}});
}

Response edit_contact(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  service::ContactInput input;
  input.professional_id = id_field(body, "professional_id");
  input.involved_id = id_field(body, "involved_id");
  const std::string at = string_field(body, "at");
  input.at = at.ends_with("Z") ? domain::parse_timestamp(at) : std::nullopt;
  input.channel = string_field(body, "channel");
  input.with_whom = string_field(body, "with_whom");
  const auto id = contact_id(context);
  context.app.households.edit_contact(context.connection(), *context.actor, household_id(context), id, input);
  return json_response(200, {{"id", id}});
}

// A path id below the household ("/actions/{item_id}"): a number, or not found.
std::int64_t item_id(const RequestContext& context, const char* key) { return context.required_id("item_id", key); }

Response set_action_status(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  context.app.households.set_action_status(context.connection(), *context.actor, household_id(context),
                                           item_id(context, "action.not_found"), string_field(body, "status"));
  return json_response(200, {{"status", string_field(body, "status")}});
}

Response set_goal_status(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  context.app.households.set_goal_status(context.connection(), *context.actor, household_id(context),
                                         item_id(context, "goal.not_found"), string_field(body, "status"));
  return json_response(200, {{"status", string_field(body, "status")}});
}

Response set_preferences(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  context.app.households.set_preferences(context.connection(), *context.actor, household_id(context),
                                         string_field(body, "preferred_language"),
                                         string_field(body, "contact_channel"));
  return json_response(200, {{"saved", true}});
}

Response close_household(RequestContext& context) {
  context.app.households.set_closed(context.connection(), *context.actor, household_id(context), true);
  return json_response(200, {{"closed", true}});
}

Response reopen_household(RequestContext& context) {
  context.app.households.set_closed(context.connection(), *context.actor, household_id(context), false);
  return json_response(200, {{"closed", false}});
}

Response add_goal(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  return created(context.app.households.add_goal(context.connection(), *context.actor, household_id(context),
                                                 string_field(body, "words"), string_field(body, "progress_sign")));
}

Response add_action(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  service::ActionInput input;
  input.what = string_field(body, "what");
  input.involved_id = id_field(body, "involved_id").value_or(0);
  input.domain = string_field(body, "domain");
  input.due_on = string_field(body, "due_on");
  input.goal_id = id_field(body, "goal_id");
  return created(context.app.households.add_action(context.connection(), *context.actor, household_id(context), input));
}

Response add_involved(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  domain::Involved involved;
  involved.user_id = id_field(body, "user_id");
  involved.name = string_field(body, "name");
  involved.organisation = string_field(body, "organisation");
  involved.role = string_field(body, "role");
  involved.domain = string_field(body, "domain");
  involved.does_what = string_field(body, "does_what");
  involved.reach = string_field(body, "reach");
  return created(
      context.app.households.add_involved(context.connection(), *context.actor, household_id(context), involved));
}

Response set_what_matters(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  context.app.households.set_what_matters(context.connection(), *context.actor, household_id(context),
                                          string_field(body, "words"), bool_field(body, "confirmed"));
  return json_response(201, {{"saved", true}});
}

Response add_option(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  return created(context.app.households.add_option(context.connection(), *context.actor, household_id(context),
                                                   id_field(body, "goal_id"), string_field(body, "description"),
                                                   bool_field(body, "chosen"), string_field(body, "why")));
}

Response add_member(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const auto year = id_field(body, "birth_year");
  return created(context.app.households.add_member(context.connection(), *context.actor, household_id(context),
                                                   string_field(body, "name"), string_field(body, "kind"),
                                                   year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt,
                                                   id_field(body, "related_to"), string_field(body, "relation")));
}

Response handover(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  domain::HandoverRequest request;
  request.to_user_id = id_field(body, "to_user_id").value_or(0);
  request.kind = string_field(body, "kind");
  if (request.kind.empty()) request.kind = "handover";
  request.reason = string_field(body, "reason");
  const std::string warm = string_field(body, "warm_handover_on");
  if (!warm.empty()) request.warm_handover_on = warm;
  request.no_warm_reason = string_field(body, "no_warm_reason");
  request.open_actions = string_field(body, "open_actions");
  request.confirm_third_change = bool_field(body, "confirm_third_change");
  const auto id = household_id(context);
  context.app.households.handover(context.connection(), *context.actor, id, request);
  return json_response(200, {{"household_id", id}, {"fixed_contact_id", request.to_user_id}});
}

Response end_involvement(RequestContext& context) {
  const auto id = household_id(context);
  const auto involved = context.required_id("involved_id", "involved.not_found");
  context.app.households.end_involvement(context.connection(), *context.actor, id, involved);
  return json_response(200, {{"household_id", id}, {"involved_id", involved}, {"active", false}});
}

Response my_caseload(RequestContext& context) {
  return json_response(200, caseload_json(context.app.households.caseload(context.connection(), *context.actor)));
}

Response team_continuity(RequestContext& context) {
  const auto entries = context.app.households.team_flags(context.connection(), *context.actor);
  Json list = caseload_json(entries).at("households");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    list[i]["fixed_contact"] = entries[i].row.fixed_contact_name;
    // The team lead sees that continuity is at risk, not the plan: no action counts.
    list[i].erase("open_actions");
    list[i].erase("overdue_actions");
    list[i].erase("last_contact_at");
  }
  return json_response(200, {{"households", list}});
}

}  // namespace

void add_household_api(Router& router) {
  router.add(personal_data({"GET", "/api/v1/households/{id}", Permission::casework, RouteKind::api, get_household}));
  router.add({"POST", "/api/v1/households/{id}/contacts", Permission::casework, RouteKind::api, add_contact});
  router.add(
      personal_data({"GET", "/api/v1/households/{id}/contacts", Permission::casework, RouteKind::api, list_contacts}));
  router.add(personal_data(
      {"GET", "/api/v1/households/{id}/contacts/{contact_id}", Permission::casework, RouteKind::api, get_contact}));
  router.add(
      {"PUT", "/api/v1/households/{id}/contacts/{contact_id}", Permission::casework, RouteKind::api, edit_contact});
  router.add({"POST", "/api/v1/households/{id}/goals", Permission::casework, RouteKind::api, add_goal});
  router.add({"POST", "/api/v1/households/{id}/actions", Permission::casework, RouteKind::api, add_action});
  router.add({"POST", "/api/v1/households/{id}/actions/{item_id}/status", Permission::casework, RouteKind::api,
              set_action_status});
  router.add({"POST", "/api/v1/households/{id}/goals/{item_id}/status", Permission::casework, RouteKind::api,
              set_goal_status});
  router.add({"POST", "/api/v1/households/{id}/preferences", Permission::casework, RouteKind::api, set_preferences});
  router.add({"POST", "/api/v1/households/{id}/involved", Permission::casework, RouteKind::api, add_involved});
  router.add({"POST", "/api/v1/households/{id}/involved/{involved_id}/end", Permission::casework, RouteKind::api,
              end_involvement});
  router.add({"POST", "/api/v1/households/{id}/what-matters", Permission::casework, RouteKind::api, set_what_matters});
  router.add({"POST", "/api/v1/households/{id}/options", Permission::casework, RouteKind::api, add_option});
  router.add({"POST", "/api/v1/households/{id}/members", Permission::casework, RouteKind::api, add_member});
  router.add({"POST", "/api/v1/households/{id}/handover", Permission::handover, RouteKind::api, handover});
  router.add({"POST", "/api/v1/households/{id}/close", Permission::casework, RouteKind::api, close_household});
  router.add({"POST", "/api/v1/households/{id}/reopen", Permission::casework, RouteKind::api, reopen_household});
  router.add(personal_data({"GET", "/api/v1/me/caseload", Permission::caseload, RouteKind::api, my_caseload}));
  router.add(
      personal_data({"GET", "/api/v1/team/continuity", Permission::team_overview, RouteKind::api, team_continuity}));
}

}  // namespace gezicht::web
