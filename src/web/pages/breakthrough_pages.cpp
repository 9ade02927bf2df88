#include "web/pages/breakthrough_pages.hpp"

#include <cstdio>
#include <map>
#include <utility>

#include "domain/breakthrough.hpp"
#include "domain/calendar.hpp"
#include "service/errors.hpp"
#include "web/breakthrough_presenter.hpp"
#include "web/breakthrough_report_view.hpp"
#include "web/download.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"

namespace gezicht::web {
namespace {

constexpr const char* text_fields[] = {"stuck_resident",         "stuck_professional", "blocking_rule", "rule_purpose",
                                       "professional_judgement", "resident_wish",      "proposal"};

std::string household_path(std::int64_t household_id) { return "/huishoudens/" + std::to_string(household_id); }
std::string detail_path(std::int64_t id) { return "/doorbraak/" + std::to_string(id); }

std::string date_text(const std::string& iso_date) {
  const auto date = domain::parse_date(iso_date);
  if (!date) throw std::runtime_error("a stored date is unreadable: " + iso_date);
  char text[16];
  std::snprintf(text, sizeof text, "%02d-%02d-%04d", date->day, date->month, date->year);
  return text;
}

// An amount typed in euros; "" is nullopt (named as required by the
// service), anything unreadable a field error of its own.
std::optional<std::int64_t> euro_field(const RequestContext& context, const std::string& name, const std::string& field,
                                       std::vector<domain::FieldError>& errors) {
  const auto text = context.form_value(name);
  if (text.empty()) return std::nullopt;
  const auto cents = domain::parse_euro_amount(text);
  if (!cents) errors.push_back({field, "amount.unreadable"});
  return cents;
}

// The form control a field error belongs to, for the error summary's link.
std::string anchor_of(const std::string& field) {
  if (field == "one_off_cents") return "one_off";
  if (field == "monthly_cents") return "monthly";
  if (field == "urgency") return "urgency-normal";
  return field;
}

TemplateData summary_row(const RequestContext& context, const service::BreakthroughSummary& summary) {
  TemplateData row;
  row.set("id", std::to_string(summary.id));
  row.set("href", detail_path(summary.id));
  row.set("category", summary.category_name);
  row.set("urgency_text", context.text("breakthrough.urgency." + summary.urgency));
  row.set("state_text", context.text("breakthrough.state." + summary.state));
  row.set("deadline_text", date_text(summary.deadline));
  row.set("overdue", summary.overdue);
  row.set("asked_text", amsterdam_text(summary.asked_at));
  row.set("requester", summary.requester_name);
  row.set("proposal_text", domain::format_euro(summary.proposal_cents));
  return row;
}

Response form_page_with(RequestContext& context, std::int64_t household_id, const domain::ValidationError* error) {
  const auto form = context.app.breakthroughs.ask_form(context.connection(), *context.actor, household_id);
  context.release_connection();
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("action", household_path(household_id) + "/doorbraak");
  data.set("back_href", household_path(household_id));
  TemplateList categories;
  for (const auto& category : form.categories) {
    TemplateData option;
    option.set("value", category.key);
    option.set("label", category.name);
    option.set("selected", context.form_value("category") == category.key);
    categories.push_back(std::move(option));
  }
  put(data, "categories", std::move(categories));
  std::map<std::string, std::string> field_errors;
  if (error) {
    for (const auto& field_error : error->errors()) {
      field_errors.emplace(field_error.field, error_text(context, field_error.message_key));
    }
  }
  TemplateList stuck_fields;
  TemplateList rest_fields;
  for (const char* name : text_fields) {
    TemplateData field;
    field.set("kind", "textarea");
    field.set("id", name);
    field.set("name", name);
    field.set("label", context.text(std::string("breakthrough.field.") + name));
    field.set("value", context.form_value(name));
    field.set("is_textarea", true);
    field.set("rows", std::string(name) == "blocking_rule" ? "2" : "3");
    const auto found = field_errors.find(name);
    field.set("has_error", found != field_errors.end());
    if (found != field_errors.end()) {
      field.set("error", found->second);
      field.set("has_describedby", true);
      field.set("describedby", std::string(name) + "-error");
    }
    (std::string(name).starts_with("stuck_") ? stuck_fields : rest_fields).push_back(std::move(field));
  }
  put(data, "stuck_fields", std::move(stuck_fields));
  put(data, "rest_fields", std::move(rest_fields));
  data.set("one_off", context.form_value("one_off"));
  data.set("monthly", context.form_value("monthly"));
  data.set("urgent", context.form_value("urgency") == "urgent");
  data.set("agreed", context.form_value("resident_agreed") == "1");
  data.set("muddling_text", domain::format_euro(form.muddling.yearly_cents));
  data.set("faces", std::to_string(form.faces));
  data.set("contacts", std::to_string(form.contacts));
  if (error) {
    TemplateList errors;
    for (const auto& field_error : error->errors()) {
      TemplateData item;
      item.set("anchor", anchor_of(field_error.field));
      item.set("message", error_text(context, field_error.message_key));
      errors.push_back(std::move(item));
    }
    data.set("has_errors", true);
    put(data, "errors", std::move(errors));
  }
  return render_page(context, "breakthrough/form", data, "breakthrough.form.title", error ? 422 : 200);
}

Response form_page(RequestContext& context) {
  return form_page_with(context, context.required_id("id", "household.not_found"), nullptr);
}

Response ask(RequestContext& context) {
  const auto household_id = context.required_id("id", "household.not_found");
  domain::BreakthroughInput input;
  input.stuck_resident = context.form_value("stuck_resident");
  input.stuck_professional = context.form_value("stuck_professional");
  input.category = context.form_value("category");
  input.blocking_rule = context.form_value("blocking_rule");
  input.rule_purpose = context.form_value("rule_purpose");
  input.professional_judgement = context.form_value("professional_judgement");
  input.resident_wish = context.form_value("resident_wish");
  input.proposal = context.form_value("proposal");
  input.urgency = context.form_value("urgency");
  input.resident_agreed = context.form_value("resident_agreed") == "1";
  std::vector<domain::FieldError> amount_errors;
  input.one_off_cents = euro_field(context, "one_off", "one_off_cents", amount_errors);
  input.monthly_cents = euro_field(context, "monthly", "monthly_cents", amount_errors);
  try {
    if (!amount_errors.empty()) throw domain::ValidationError(amount_errors);
    const auto result = context.app.breakthroughs.ask(context.connection(), *context.actor, household_id, input);
    return redirect(detail_path(result.id) + "?klaar=gevraagd");
  } catch (const domain::ValidationError& error) {
    context.release_connection();
    return form_page_with(context, household_id, &error);
  }
}

Response list_page(RequestContext& context) {
  const auto rows = context.app.breakthroughs.list(context.connection(), *context.actor, std::nullopt);
  context.release_connection();
  const auto role = context.actor->access_role;
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("title_key_member", role == domain::Role::breakthrough_member);
  data.set("team_lead", role == domain::Role::teamlead);
  data.set("requester", role != domain::Role::breakthrough_member && role != domain::Role::teamlead);
  TemplateList open;
  TemplateList closed;
  for (const auto& summary : rows) {
    auto row = summary_row(context, summary);
    row.set("csrf_token", context.csrf_token());
    // Members and requesters open a request; a team lead sees no content.
    row.set("may_open", role != domain::Role::teamlead);
    row.set("may_escalate",
            role == domain::Role::teamlead && domain::is_open(*domain::parse_breakthrough_state(summary.state)));
    (domain::is_open(*domain::parse_breakthrough_state(summary.state)) ? open : closed).push_back(std::move(row));
  }
  data.set("has_open", !open.empty());
  data.set("has_closed", !closed.empty());
  put(data, "open", std::move(open));
  put(data, "closed", std::move(closed));
  data.set("done", context.query_value("klaar") == "mandaat");
  return render_page(context, "breakthrough/list", data, "breakthrough.list.title");
}

Response detail_page(RequestContext& context) {
  const auto detail = context.app.breakthroughs.get(context.connection(), *context.actor,
                                                    context.required_id("id", "breakthrough.not_found"));
  context.release_connection();
  const auto& r = detail.request;
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("id", std::to_string(r.id));
  data.set("state_text", context.text("breakthrough.state." + r.state));
  data.set("urgency_text", context.text("breakthrough.urgency." + r.urgency));
  data.set("deadline_text", date_text(r.deadline));
  data.set("overdue", detail.overdue);
  data.set("requester", r.requester_name);
  data.set("asked_text", amsterdam_text(r.asked_at));
  data.set("category", r.category_name);
  const std::pair<const char*, const std::string*> texts[] = {{"stuck_resident", &r.stuck_resident},
                                                              {"stuck_professional", &r.stuck_professional},
                                                              {"blocking_rule", &r.blocking_rule},
                                                              {"rule_purpose", &r.rule_purpose},
                                                              {"professional_judgement", &r.professional_judgement},
                                                              {"resident_wish", &r.resident_wish},
                                                              {"proposal", &r.proposal}};
  for (const auto& [field, value] : texts) data.set(field, *value);
  data.set("one_off_text", domain::format_euro(r.one_off_cents));
  data.set("monthly_text", domain::format_euro(r.monthly_cents));
  data.set("muddling_text", domain::format_euro(r.muddling_yearly_cents));
  data.set("faces", std::to_string(r.muddling_faces));
  data.set("contacts", std::to_string(r.muddling_contacts));
  if (r.granted_cents) data.set("granted_text", domain::format_euro(*r.granted_cents));
  if (r.actual_cents) data.set("actual_text", domain::format_euro(*r.actual_cents));
  data.set("two_member_text", domain::format_euro(detail.two_member_cents));
  TemplateList votes;
  for (const auto& vote : detail.votes) {
    TemplateData row;
    row.set("member", vote.member_name);
    row.set("verdict_text", context.text("breakthrough.verdict." + vote.verdict));
    row.set("reasoning", vote.reasoning);
    row.set("alternative", vote.alternative);
    if (vote.amount_cents) row.set("amount_text", domain::format_euro(*vote.amount_cents));
    row.set("at_text", amsterdam_text(vote.at));
    votes.push_back(std::move(row));
  }
  data.set("has_votes", !votes.empty());
  put(data, "votes", std::move(votes));
  TemplateList escalations;
  for (const auto& escalation : detail.escalations) {
    TemplateData row;
    row.set("amount_text", domain::format_euro(escalation.amount_cents));
    row.set("reasoning", escalation.reasoning);
    row.set("given_by", escalation.given_by_name);
    row.set("at_text", amsterdam_text(escalation.given_at));
    escalations.push_back(std::move(row));
  }
  data.set("has_escalations", !escalations.empty());
  put(data, "escalations", std::move(escalations));
  data.set("may_review", detail.may_review);
  data.set("may_vote", detail.may_vote);
  data.set("may_withdraw", detail.may_withdraw);
  data.set("may_execute", detail.may_execute);
  data.set("household_href", household_path(r.household_id));
  data.set("is_requester", r.requested_by == context.actor->user_id);
  const auto done = context.query_value("klaar");
  if (!done.empty()) data.set("done_text", context.text("breakthrough.done." + done));
  const auto refused = context.query_value("fout");
  if (!refused.empty()) data.set("error_text", error_text(context, refused));
  return render_page(context, "breakthrough/detail", data, "breakthrough.detail.title");
}

// The detail page again with what went wrong: a refusal (409) or a field.
Response back_to_detail(std::int64_t id, const std::string& message_key) {
  return redirect(detail_path(id) + "?fout=" + message_key);
}

template <typename Action>
Response on_request(RequestContext& context, const char* done, Action action) {
  const auto id = context.required_id("id", "breakthrough.not_found");
  try {
    action(id);
  } catch (const service::Conflict& error) {
    return back_to_detail(id, error.message_key());
  } catch (const domain::ValidationError& error) {
    return back_to_detail(id, error.errors().front().message_key);
  }
  return redirect(detail_path(id) + "?klaar=" + done);
}

Response review(RequestContext& context) {
  return on_request(context, "behandeling", [&](std::int64_t id) {
    context.app.breakthroughs.review(context.connection(), *context.actor, id);
  });
}

Response decide(RequestContext& context) {
  return on_request(context, "besluit", [&](std::int64_t id) {
    const auto verdict = domain::parse_verdict(context.form_value("decision"));
    if (!verdict) throw domain::ValidationError("decision", "decision.invalid");
    std::vector<domain::FieldError> errors;
    domain::Vote vote;
    vote.verdict = *verdict;
    vote.reasoning = context.form_value("reasoning");
    vote.alternative = context.form_value("alternative");
    vote.amount_cents = euro_field(context, "amount", "amount_cents", errors);
    if (!errors.empty()) throw domain::ValidationError(errors);
    context.app.breakthroughs.decide(context.connection(), *context.actor, id, vote);
  });
}

Response withdraw(RequestContext& context) {
  return on_request(context, "ingetrokken", [&](std::int64_t id) {
    context.app.breakthroughs.withdraw(context.connection(), *context.actor, id);
  });
}

Response executed(RequestContext& context) {
  return on_request(context, "uitgevoerd", [&](std::int64_t id) {
    std::vector<domain::FieldError> errors;
    const auto actual = euro_field(context, "actual", "actual_cents", errors);
    if (!errors.empty()) throw domain::ValidationError(errors);
    context.app.breakthroughs.execute(context.connection(), *context.actor, id, actual);
  });
}

Response mandate(RequestContext& context) {
  const auto id = context.required_id("id", "breakthrough.not_found");
  std::vector<domain::FieldError> errors;
  const auto amount = euro_field(context, "amount", "amount_cents", errors);
  if (!errors.empty()) throw domain::ValidationError(errors);
  context.app.breakthroughs.escalate(context.connection(), *context.actor, id, amount, context.form_value("reasoning"));
  return redirect("/doorbraak?klaar=mandaat");
}

Response budget_page(RequestContext& context) {
  const auto year = budget_year(context, "jaar");
  const auto budget = context.app.breakthroughs.budget(context.connection(), year);
  context.release_connection();
  TemplateData data;
  data.set("year", std::to_string(year));
  data.set("budget_text", domain::format_euro(budget.position.budget_cents));
  data.set("committed_text", domain::format_euro(budget.position.committed_cents));
  data.set("spent_text", domain::format_euro(budget.position.spent_cents));
  data.set("balance_text", domain::format_euro(budget.position.balance_cents));
  data.set("over", budget.position.balance_cents < 0);
  TemplateList entries;
  for (const auto& entry : budget.entries) {
    TemplateData row;
    row.set("at_text", amsterdam_text(entry.at));
    row.set("kind_text", context.text("breakthrough.ledger." + entry.kind));
    row.set("amount_text", domain::format_euro(entry.amount_cents));
    row.set("request", std::to_string(entry.breakthrough_id));
    row.set("by", entry.by_name);
    entries.push_back(std::move(row));
  }
  data.set("has_entries", !entries.empty());
  put(data, "entries", std::move(entries));
  return render_page(context, "breakthrough/budget", data, "breakthrough.budget.title");
}

Response report_page(RequestContext& context) {
  const auto period = report_period(context, "van", "tot");
  const auto report = context.app.breakthroughs.report(context.connection(), period.from, period.to);
  context.release_connection();
  const auto format = context.query_value("formaat");
  if (format == "csv" || format == "xlsx") {
    return file_download(format == "csv" ? report_csv(context, report) : report_xlsx(context, report), format,
                         report_file_name(report, format));
  }
  if (!format.empty()) throw domain::ValidationError("formaat", "format.invalid");
  return render_page(context, "breakthrough/report", report_page_data(context, report), "breakthrough.report.title");
}

}  // namespace

void add_breakthrough_pages(Router& router) {
  using P = Permission;
  constexpr auto page = RouteKind::page;
  router.add(personal_data({"GET", "/huishoudens/{id}/doorbraak", P::breakthroughs, page, form_page}));
  router.add({"POST", "/huishoudens/{id}/doorbraak", P::breakthroughs, page, ask});
  router.add({"GET", "/doorbraak", P::breakthroughs, page, list_page});
  router.add({"GET", "/doorbraak/budget", P::breakthroughs, page, budget_page});
  router.add({"GET", "/doorbraak/rapport", P::breakthroughs, page, report_page});
  router.add(personal_data({"GET", "/doorbraak/{id}", P::breakthroughs, page, detail_page}));
  router.add({"POST", "/doorbraak/{id}/behandelen", P::breakthrough_decide, page, review});
  router.add({"POST", "/doorbraak/{id}/besluit", P::breakthrough_decide, page, decide});
  router.add({"POST", "/doorbraak/{id}/intrekken", P::breakthroughs, page, withdraw});
  router.add({"POST", "/doorbraak/{id}/uitgevoerd", P::breakthrough_decide, page, executed});
  router.add({"POST", "/doorbraak/{id}/mandaat", P::breakthrough_mandate, page, mandate});
}

}  // namespace gezicht::web
