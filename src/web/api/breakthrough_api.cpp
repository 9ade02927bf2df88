// Breakthroughs in the JSON API: the same service and checks as the pages.
#include "web/api/api_routes.hpp"
#include "web/breakthrough_presenter.hpp"
#include "web/breakthrough_report_view.hpp"
#include "web/download.hpp"
#include "web/json_io.hpp"

namespace gezicht::web {
namespace {

std::int64_t breakthrough_id(const RequestContext& context) {
  return context.required_id("id", "breakthrough.not_found");
}

// A whole number of cents: absent or null is nullopt (the service names it
// as required where it is); any other type is the wrong type.
std::optional<std::int64_t> cents_field(const Json& body, const std::string& field) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return std::nullopt;
  if (!found->is_number_integer()) throw domain::ValidationError(field, "field.type");
  return found->get<std::int64_t>();
}

Response ask(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  domain::BreakthroughInput input;
  input.stuck_resident = string_field(body, "stuck_resident");
  input.stuck_professional = string_field(body, "stuck_professional");
  input.category = string_field(body, "category");
  input.blocking_rule = string_field(body, "blocking_rule");
  input.rule_purpose = string_field(body, "rule_purpose");
  input.professional_judgement = string_field(body, "professional_judgement");
  input.resident_wish = string_field(body, "resident_wish");
  input.proposal = string_field(body, "proposal");
  input.one_off_cents = cents_field(body, "one_off_cents");
  input.monthly_cents = cents_field(body, "monthly_cents");
  input.urgency = string_field(body, "urgency");
  input.resident_agreed = bool_field(body, "resident_agreed");
  const auto result = context.app.breakthroughs.ask(context.connection(), *context.actor,
                                                    context.required_id("id", "household.not_found"), input);
  return json_response(201, {{"id", result.id}, {"state", result.state}, {"deadline", result.deadline}});
}

Response list(RequestContext& context) {
  const auto state = context.query_value("state");
  const auto rows = context.app.breakthroughs.list(context.connection(), *context.actor,
                                                   state.empty() ? std::nullopt : std::optional(state));
  Json items = Json::array();
  for (const auto& row : rows) items.push_back(breakthrough_summary_json(row));
  return json_response(200, {{"breakthroughs", items}});
}

Response get(RequestContext& context) {
  const auto detail = context.app.breakthroughs.get(context.connection(), *context.actor, breakthrough_id(context));
  return json_response(200, breakthrough_detail_json(detail));
}

Response review(RequestContext& context) {
  context.app.breakthroughs.review(context.connection(), *context.actor, breakthrough_id(context));
  return json_response(200, {{"state", "in_review"}});
}

Response decide(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  const auto verdict = domain::parse_verdict(string_field(body, "decision"));
  if (!verdict) throw domain::ValidationError("decision", "decision.invalid");
  domain::Vote vote;
  vote.verdict = *verdict;
  vote.reasoning = string_field(body, "reasoning");
  vote.alternative = string_field(body, "alternative");
  vote.amount_cents = cents_field(body, "amount_cents");
  const auto state =
      context.app.breakthroughs.decide(context.connection(), *context.actor, breakthrough_id(context), vote);
  return json_response(200, {{"state", state}});
}

Response withdraw(RequestContext& context) {
  context.app.breakthroughs.withdraw(context.connection(), *context.actor, breakthrough_id(context));
  return json_response(200, {{"state", "withdrawn"}});
}

Response executed(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  context.app.breakthroughs.execute(context.connection(), *context.actor, breakthrough_id(context),
                                    cents_field(body, "actual_cents"));
  return json_response(200, {{"state", "executed"}});
}

Response escalation(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  context.app.breakthroughs.escalate(context.connection(), *context.actor, breakthrough_id(context),
                                     cents_field(body, "amount_cents"), string_field(body, "reasoning"));
  return json_response(201, {{"recorded", true}});
}

Response budget(RequestContext& context) {
  return json_response(
      200, budget_json(context.app.breakthroughs.budget(context.connection(), budget_year(context, "year"))));
}

Response report(RequestContext& context) {
  const auto period = report_period(context, "from", "to");
  const auto result = context.app.breakthroughs.report(context.connection(), period.from, period.to);
  context.release_connection();
  const auto format = context.query_value("format");
  if (format.empty() || format == "json") return json_response(200, report_json(result));
  if (format != "csv" && format != "xlsx") throw domain::ValidationError("format", "format.invalid");
  return file_download(format == "csv" ? report_csv(context, result) : report_xlsx(context, result), format,
                       report_file_name(result, format));
}

}  // namespace

void add_breakthrough_api(Router& router) {
  using P = Permission;
  constexpr auto api = RouteKind::api;
  router.add({"POST", "/api/v1/households/{id}/breakthroughs", P::breakthroughs, api, ask});
  router.add({"GET", "/api/v1/breakthroughs", P::breakthroughs, api, list});
  router.add({"GET", "/api/v1/budget", P::breakthroughs, api, budget});
  router.add({"GET", "/api/v1/breakthroughs/report", P::breakthroughs, api, report});
  router.add(personal_data({"GET", "/api/v1/breakthroughs/{id}", P::breakthroughs, api, get}));
  router.add({"POST", "/api/v1/breakthroughs/{id}/review", P::breakthrough_decide, api, review});
  router.add({"POST", "/api/v1/breakthroughs/{id}/decision", P::breakthrough_decide, api, decide});
  router.add({"POST", "/api/v1/breakthroughs/{id}/withdraw", P::breakthroughs, api, withdraw});
  router.add({"POST", "/api/v1/breakthroughs/{id}/executed", P::breakthrough_decide, api, executed});
  router.add({"POST", "/api/v1/breakthroughs/{id}/escalation", P::breakthrough_mandate, api, escalation});
}

}  // namespace gezicht::web
