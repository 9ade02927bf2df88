#include "web/portal_presenter.hpp"

#include <stdexcept>

#include "domain/directory.hpp"
#include "domain/postcode.hpp"
#include "domain/sharing_ground.hpp"
#include "domain/text.hpp"
#include "web/access_presenter.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

TemplateData action_row(const RequestContext& context, const domain::Action& action) {
  TemplateData row;
  row.set("what", action.what);
  row.set("who", action.who);
  row.set("due_on", action.due_on);
  row.set("due_text", long_date(context, action.due_on));
  row.set("status_text", text_or(context, "mijn.action_status." + action.status, action.status));
  row.set("open", action.status == "open");
  return row;
}

bool agreement_in_force(const storage::SharingAgreementRecord& agreement) { return !agreement.withdrawn_at; }

std::string parts_words(const RequestContext& context, const std::string& parts) {
  std::string words;
  std::size_t at = 0;
  while (at <= parts.size()) {
    const auto comma = parts.find(',', at);
    const auto part = parts.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    if (!part.empty()) words += (words.empty() ? "" : ", ") + text_or(context, "mijn.part." + part, part);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return words;
}

TemplateData option_row(const domain::PlanOption& option) {
  TemplateData item;
  item.set("description", option.description);
  item.set("chosen", option.chosen);
  item.set("why", option.why);
  return item;
}

Json action_json(const domain::Action& action) {
  return {{"id", action.id},         {"what", action.what},
          {"who", action.who},       {"due_on", action.due_on},
          {"status", action.status}, {"goal_id", action.goal_id ? Json(*action.goal_id) : Json(nullptr)}};
}

}  // namespace

TemplateData portal_contact_data(const RequestContext& context, const service::HouseholdView& record) {
  TemplateData data;
  if (!record.fixed_contact) return data;
  data = person_data(context, *record.fixed_contact);
  const auto snapshot = context.app.directory.snapshot();
  // When the team can be found: the contact's team's walk-in hours.
  for (const auto& team : snapshot->directory.teams) {
    bool member = false;
    for (const auto& person : team.people) member = member || person.id == record.fixed_contact->id;
    if (!member) continue;
    TemplateList hours;
    for (const auto& hour : team.walk_in) {
      TemplateData row;
      row.set("day", context.text("day." + std::to_string(hour.weekday)));
      row.set("opens", hour.opens);
      row.set("closes", hour.closes);
      row.set("place", hour.place);
      hours.push_back(std::move(row));
    }
    data.set("has_walk_in", !hours.empty());
    put(data, "walk_in", std::move(hours));
    data.set("team_name", team.name);
  }
  return data;
}

TemplateList open_actions_data(const RequestContext& context, const service::HouseholdView& record) {
  TemplateList rows;
  for (const auto& action : record.actions) {
    if (action.status == "open") rows.push_back(action_row(context, action));
  }
  return rows;
}

TemplateList resident_referrals_data(const RequestContext& context,
                                     const std::vector<service::ResidentReferral>& requests) {
  TemplateList rows;
  for (const auto& request : requests) {
    TemplateData row;
    row.set("reference", request.referral.reference);
    row.set("asked_on", amsterdam_day(request.referral.created_at));
    row.set("contact", request.referral.contact_name);
    row.set("promised_by", request.referral.promised_by);
    row.set("promised_text", long_date(context, request.referral.promised_by));
    row.set("state_text", context.text("status.state." + request.state));
    row.set("kept", request.kept && *request.kept);
    row.set("broken", request.kept && !*request.kept);
    if (request.first_contact_on) row.set("first_contact_text", long_date(context, *request.first_contact_on));
    rows.push_back(std::move(row));
  }
  return rows;
}

TemplateList asked_data(const RequestContext& context, const std::vector<storage::ResidentRequestRow>& asked) {
  TemplateList rows;
  for (const auto& request : asked) {
    TemplateData row;
    row.set("id", std::to_string(request.id));
    row.set("kind_text", context.text("mijn.asked." + request.kind));
    row.set("words", request.words);
    row.set("asked_at", request.asked_at);
    row.set("asked_text", amsterdam_text(request.asked_at));
    row.set("asked_by", request.asked_by_name);
    row.set("answered", request.answered_at.has_value());
    if (request.answered_at) {
      row.set("answered_text", amsterdam_text(*request.answered_at));
      row.set("answered_by", request.answered_by_name.value_or(""));
      row.set("answer", request.answer.value_or(""));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void add_plan_data(const RequestContext& context, const service::HouseholdView& record, TemplateData& data) {
  if (record.what_matters) {
    TemplateData matters;
    matters.set("words", record.what_matters->words);
    matters.set("recorded_text", amsterdam_day(record.what_matters->recorded_at));
    matters.set("confirmed", record.what_matters->confirmed_on.has_value());
    if (record.what_matters->confirmed_on) {
      matters.set("confirmed_text", long_date(context, *record.what_matters->confirmed_on));
    }
    data.set("what_matters", matters);
  }
  TemplateList goals;
  for (const auto& goal : record.goals) {
    TemplateData row;
    row.set("words", goal.words);
    row.set("progress_sign", goal.progress_sign);
    row.set("status_text", text_or(context, "mijn.goal_status." + goal.status, goal.status));
    TemplateList options;
    for (const auto& option : record.options) {
      if (option.goal_id == goal.id) options.push_back(option_row(option));
    }
    row.set("has_options", !options.empty());
    put(row, "options", std::move(options));
    TemplateList actions;
    for (const auto& action : record.actions) {
      if (action.goal_id == goal.id) actions.push_back(action_row(context, action));
    }
    row.set("has_actions", !actions.empty());
    put(row, "actions", std::move(actions));
    goals.push_back(std::move(row));
  }
  data.set("has_goals", !goals.empty());
  put(data, "goals", std::move(goals));
  TemplateList loose;
  for (const auto& action : record.actions) {
    if (!action.goal_id) loose.push_back(action_row(context, action));
  }
  data.set("has_other_actions", !loose.empty());
  put(data, "other_actions", std::move(loose));
  TemplateList options;
  for (const auto& option : record.options) {
    if (!option.goal_id) options.push_back(option_row(option));
  }
  data.set("has_other_options", !options.empty());
  put(data, "other_options", std::move(options));
}

TemplateList helpers_data(const RequestContext& context, const service::HouseholdView& record) {
  TemplateList rows;
  for (const auto& face : record.involved) {
    if (!face.active) continue;
    TemplateData card;
    card.set("id", std::to_string(face.id));
    card.set("name", face.name);
    card.set("initials", domain::initials(face.name));
    if (face.user_id) card.set("photo_url", photo_url(*face.user_id, std::nullopt));
    card.set("role", face.role);
    card.set("organisation", face.organisation);
    card.set("domain_text", text_or(context, "domain." + face.domain, face.domain));
    card.set("does_what", face.does_what);
    card.set("reach", face.reach);
    card.set("fixed", record.fixed_contact && face.user_id == record.fixed_contact->id);
    rows.push_back(std::move(card));
  }
  return rows;
}

TemplateList sharing_data(const RequestContext& context, const service::HouseholdView& record) {
  TemplateList rows;
  for (const auto& agreement : record.sharing) {
    TemplateData row;
    row.set("id", std::to_string(agreement.id));
    row.set("domain_text", text_or(context, "domain." + agreement.basis.domain, agreement.basis.domain));
    row.set("purpose", agreement.basis.purpose);
    row.set("basis", domain::as_sentence_end(agreement.basis.description));
    row.set("parts_text", parts_words(context, agreement.parts));
    row.set("wish", agreement.resident_wish);
    row.set("since_text", amsterdam_day(agreement.recorded_at));
    row.set("in_force", agreement_in_force(agreement));
    if (agreement.withdrawn_at) row.set("withdrawn_text", amsterdam_text(*agreement.withdrawn_at));
    const auto ground = domain::parse_sharing_ground(agreement.basis.ground);
    row.set("consent", ground == domain::SharingGround::consent);
    row.set("legal_duty", ground == domain::SharingGround::legal_duty);
    rows.push_back(std::move(row));
  }
  return rows;
}

Json resident_request_json(const storage::ResidentRequestRow& request) {
  return {{"id", request.id},
          {"kind", request.kind},
          {"text", request.words},
          {"agreement_id", request.agreement_id ? Json(*request.agreement_id) : Json(nullptr)},
          {"asked_by", request.asked_by_name},
          {"asked_at", request.asked_at},
          {"answered_at", request.answered_at ? Json(*request.answered_at) : Json(nullptr)},
          {"answered_by", request.answered_by_name ? Json(*request.answered_by_name) : Json(nullptr)},
          {"answer", request.answer ? Json(*request.answer) : Json(nullptr)}};
}

Json sharing_json(const RequestContext& context, const service::HouseholdView& record) {
  (void)context;
  Json list = Json::array();
  for (const auto& agreement : record.sharing) {
    list.push_back({{"id", agreement.id},
                    {"domain", agreement.basis.domain},
                    {"purpose", agreement.basis.purpose},
                    {"legal_basis", agreement.basis.description},
                    {"ground", agreement.basis.ground},
                    {"parts", agreement.parts},
                    {"resident_wish", agreement.resident_wish},
                    {"since", agreement.recorded_at},
                    {"withdrawn_at", agreement.withdrawn_at ? Json(*agreement.withdrawn_at) : Json(nullptr)}});
  }
  return {{"agreements", list}};
}

TemplateList resident_breakthroughs_data(const RequestContext& context,
                                         const std::vector<service::ResidentBreakthrough>& breakthroughs) {
  TemplateList rows;
  for (const auto& breakthrough : breakthroughs) {
    TemplateData row;
    row.set("id", std::to_string(breakthrough.id));
    row.set("state_text", context.text("mijn.breakthrough.state." + breakthrough.state));
    row.set("open", breakthrough.state == "submitted" || breakthrough.state == "in_review");
    row.set("deadline_text", long_date(context, breakthrough.deadline));
    row.set("overdue", breakthrough.overdue);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string statement_words(const RequestContext& context, const domain::StatementSet& set,
                            const std::string& statement) {
  const auto worded = set.words.find(statement);
  if (worded == set.words.end()) return context.text("experience.statement." + statement);
  const auto words = worded->second.find(context.language);
  if (words == worded->second.end()) {
    throw std::runtime_error("statement set " + std::to_string(set.version) + " has no words for " + statement +
                             " in " + context.language);
  }
  return words->second;
}

Json portal_home_json(const RequestContext& context, const service::PortalHome& home) {
  (void)context;
  const auto& record = home.record;
  Json plan{
      {"what_matters", nullptr}, {"goals", Json::array()}, {"options", Json::array()}, {"actions", Json::array()}};
  if (record.what_matters) {
    plan["what_matters"] = {
        {"words", record.what_matters->words},
        {"recorded_at", record.what_matters->recorded_at},
        {"confirmed_on", record.what_matters->confirmed_on ? Json(*record.what_matters->confirmed_on) : Json(nullptr)}};
  }
  for (const auto& goal : record.goals) {
    plan["goals"].push_back(
        {{"id", goal.id}, {"words", goal.words}, {"progress_sign", goal.progress_sign}, {"status", goal.status}});
  }
  for (const auto& option : record.options) {
    plan["options"].push_back({{"id", option.id},
                               {"goal_id", option.goal_id ? Json(*option.goal_id) : Json(nullptr)},
                               {"description", option.description},
                               {"chosen", option.chosen},
                               {"why", option.why}});
  }
  for (const auto& action : record.actions) plan["actions"].push_back(action_json(action));
  Json involved = Json::array();
  for (const auto& face : record.involved) {
    if (!face.active) continue;
    involved.push_back({{"id", face.id},
                        {"name", face.name},
                        {"role", face.role},
                        {"organisation", face.organisation},
                        {"domain", face.domain},
                        {"does_what", face.does_what},
                        {"reach", face.reach},
                        {"photo_url", face.user_id ? Json(photo_url(*face.user_id, std::nullopt)) : Json(nullptr)}});
  }
  Json requests = Json::array();
  for (const auto& request : home.requests) {
    requests.push_back(
        {{"reference", request.referral.reference},
         {"created_at", request.referral.created_at},
         {"contact", request.referral.contact_name},
         {"promised_contact_by", request.referral.promised_by},
         {"first_contact_on", request.first_contact_on ? Json(*request.first_contact_on) : Json(nullptr)},
         {"state", request.state},
         {"promise_kept", request.kept ? Json(*request.kept) : Json(nullptr)}});
  }
  Json asked = Json::array();
  for (const auto& request : home.asked) asked.push_back(resident_request_json(request));
  Json breakthroughs = Json::array();
  for (const auto& breakthrough : home.breakthroughs) {
    breakthroughs.push_back({{"id", breakthrough.id},
                             {"state", breakthrough.state},
                             {"deadline", breakthrough.deadline},
                             {"overdue", breakthrough.overdue}});
  }
  if (home.plan_withheld) plan = nullptr;  // kept for DigiD
  return {{"household_id", record.household.id},
          {"postcode", record.household.postcode},
          {"house_number", record.household.house_number},
          {"contact", record.fixed_contact ? person_json(*record.fixed_contact) : Json(nullptr)},
          {"plan", plan},
          {"plan_requires_digid", home.plan_withheld},
          {"involved", involved},
          {"requests", requests},
          {"asked", asked},
          {"breakthroughs", breakthroughs}};
}

Json export_json(const RequestContext& context, const service::ResidentExport& data) {
  Json body = portal_home_json(context, data.home);
  const auto& record = data.home.record;
  Json members = Json::array();
  for (const auto& member : record.members) {
    members.push_back({{"id", member.id},
                       {"name", member.name},
                       {"kind", member.kind},
                       {"birth_year", member.birth_year ? Json(*member.birth_year) : Json(nullptr)}});
  }
  body["members"] = members;
  body["preferred_language"] = record.household.preferred_language;
  body["contact_channel"] = record.household.contact_channel;
  body["sharing"] = sharing_json(context, record)["agreements"];
  Json contacts = Json::array();
  for (const auto& contact : data.contacts) {
    contacts.push_back({{"id", contact.id},
                        {"at", contact.at},
                        {"who", contact.who},
                        {"channel", contact.channel},
                        {"with_whom", contact.with_whom},
                        {"edits", contact.edits}});
  }
  body["contacts"] = contacts;
  Json changes = Json::array();
  for (const auto& change : record.fixed_contact_changes) {
    changes.push_back({{"to", change.to_name}, {"kind", change.kind}, {"changed_at", change.changed_at}});
  }
  body["fixed_contact_changes"] = changes;
  Json log = Json::array();
  for (const auto& entry : data.access_log) log.push_back(access_entry_json(context, entry));
  body["access_log"] = log;
  return body;
}

}  // namespace gezicht::web
