#include "web/pages/household_pages.hpp"

#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "domain/calendar.hpp"
#include "domain/household.hpp"
#include "domain/postcode.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/household_access.hpp"
#include "service/household_service.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"
#include "web/presenters.hpp"
#include "web/url_encoding.hpp"

namespace gezicht::web {
namespace {

// The section a successful POST names in ?opgeslagen=, and the text it shows.
const std::map<std::string, std::string, std::less<>>& saved_sections() {
  static const std::map<std::string, std::string, std::less<>> sections{
      {"leden", "members"},          {"wat-belangrijk-is", "what_matters"},
      {"doelen", "goals"},           {"opties", "options"},
      {"acties", "actions"},         {"betrokkenen", "involved"},
      {"voorkeuren", "preferences"}, {"contacten", "contacts"},
      {"overdracht", "handover"},    {"delen", "sharing"},
      {"afsluiten", "closed"}};
  return sections;
}

// The form a POST came from, what was typed in it and what was wrong with it.
// On a GET (or for every other form) the fields are empty or their defaults.
struct SentForm {
  std::string name;
  const std::map<std::string, std::string>* values = nullptr;
  const domain::ValidationError* error = nullptr;

  bool is(std::string_view form) const { return !name.empty() && name == form; }
  std::string value(std::string_view form, const std::string& field, const std::string& fallback = "") const {
    if (!is(form) || !values) return fallback;
    auto found = values->find(field);
    return found == values->end() ? std::string() : found->second;
  }
};

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::optional<std::int64_t> whole_number(const std::string& text) {
  const std::string clean = trimmed(text);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(clean.data(), clean.data() + clean.size(), value);
  if (clean.empty() || error != std::errc() || end != clean.data() + clean.size()) return std::nullopt;
  return value;
}

std::int64_t household_id(const RequestContext& context) { return context.required_id("id", "household.not_found"); }

// A select's value that names a record: empty is "none", anything that is
// not a whole number names no record (the service then says which field).
std::optional<std::int64_t> optional_id(const std::string& text, std::int64_t unknown = -1) {
  if (trimmed(text).empty()) return std::nullopt;
  return whole_number(text).value_or(unknown);
}

std::string text_or(const RequestContext& context, const std::string& key, const std::string& fallback) {
  const auto& texts = context.app.translations.all(context.language);
  auto found = texts.find(key);
  return found == texts.end() ? fallback : found->second;
}

// Options for a select or radio group, labelled by translation keys.
TemplateList choices(const RequestContext& context, const std::vector<std::string>& values,
                     const std::string& key_prefix, const std::string& selected, const std::string& id_prefix = "") {
  TemplateList list;
  for (const auto& value : values) {
    TemplateData option;
    option.set("value", value);
    option.set("label", text_or(context, key_prefix + value, value));
    option.set("selected", value == selected);
    if (!id_prefix.empty()) option.set("id", id_prefix + value);
    list.push_back(std::move(option));
  }
  return list;
}

// Long texts as a select option: cut at a character boundary.
std::string short_label(const std::string& text, std::size_t max_bytes = 80) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string amsterdam_text(const std::string& iso_timestamp) {
  const auto at = domain::parse_timestamp(iso_timestamp);
  return at ? domain::format_amsterdam(*at) : iso_timestamp;
}

std::string amsterdam_day(const std::string& iso_timestamp) {
  const auto at = domain::parse_timestamp(iso_timestamp);
  return at ? domain::format_date(domain::amsterdam_date(*at)) : iso_timestamp;
}

std::string percent(const RequestContext& context, const std::optional<double>& value) {
  if (!value) return context.text("household.continuity.undefined");
  return std::to_string(std::lround(*value * 100.0)) + "%";
}

// "now" as a datetime-local value in Amsterdam time: the contact form's default.
std::string local_now(const RequestContext& context) {
  const std::int64_t now = context.app.clock.now();
  return domain::format_timestamp(now + domain::amsterdam_offset_seconds(now)).substr(0, 16);
}

// Puts the sent form's errors next to its fields and in the summary on top.
// `anchors` maps a field to the id of its input where that is not prefix + field.
void add_errors(const RequestContext& context, TemplateData& page, TemplateData& form, const SentForm& sent,
                std::string_view form_name, const std::string& prefix,
                const std::map<std::string, std::string>& anchors = {}) {
  if (!sent.is(form_name) || !sent.error) return;
  add_form_errors(context, form, *sent.error, [&](const std::string& field) {
    auto found = anchors.find(field);
    return found != anchors.end() ? found->second : prefix + field;
  });
  if (const auto* errors = form.get("errors")) page.set("errors", *errors);
  page.set("has_errors", true);
}

TemplateList goal_choices(const service::HouseholdView& view, const std::string& selected) {
  TemplateList list;
  for (const auto& goal : view.goals) {
    TemplateData option;
    option.set("value", std::to_string(goal.id));
    option.set("label", short_label(goal.words));
    option.set("selected", std::to_string(goal.id) == selected);
    list.push_back(std::move(option));
  }
  return list;
}

TemplateList involved_choices(const service::HouseholdView& view, const std::string& selected) {
  TemplateList list;
  for (const auto& involved : view.involved) {
    if (!involved.active) continue;
    TemplateData option;
    option.set("value", std::to_string(involved.id));
    option.set("label", involved.name + " (" + involved.organisation + ")");
    option.set("selected", std::to_string(involved.id) == selected);
    list.push_back(std::move(option));
  }
  return list;
}

void add_members(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                 const SentForm& sent) {
  std::map<std::int64_t, std::string> names;
  TemplateList members;
  for (const auto& member : view.members) {
    names[member.id] = member.name;
    TemplateData row;
    row.set("name", member.name);
    row.set("kind_text", context.text("member.kind." + member.kind));
    if (member.birth_year) row.set("birth_year", std::to_string(*member.birth_year));
    members.push_back(std::move(row));
  }
  data.set("members", std::move(members));
  data.set("has_members", !view.members.empty());

  // Each relation is stored both ways; the one entered first says it.
  TemplateList relations;
  std::set<std::pair<std::int64_t, std::int64_t>> said;
  for (const auto& relation : view.relations) {
    const auto pair = std::minmax(relation.member_id, relation.related_id);
    if (!said.insert(pair).second) continue;
    if (!names.contains(relation.member_id) || !names.contains(relation.related_id)) continue;
    TemplateData row;
    row.set("sentence", names[relation.member_id] + " " +
                            text_or(context, "relation.of." + relation.relation, relation.relation) + " " +
                            names[relation.related_id]);
    relations.push_back(std::move(row));
  }
  data.set("has_relations", !relations.empty());
  put(data, "relations", std::move(relations));

  TemplateData form;
  form.set("name", sent.value("member", "name"));
  form.set("kinds",
           choices(context, {"adult", "child"}, "member.kind.", sent.value("member", "kind", "adult"), "member-kind-"));
  form.set("birth_year", sent.value("member", "birth_year"));
  const std::string related_to = sent.value("member", "related_to");
  TemplateList others;
  for (const auto& member : view.members) {
    TemplateData option;
    option.set("value", std::to_string(member.id));
    option.set("label", member.name);
    option.set("selected", std::to_string(member.id) == related_to);
    others.push_back(std::move(option));
  }
  put(form, "others", std::move(others));
  form.set("has_others", !view.members.empty());
  form.set("relation_choices",
           choices(context, domain::member_relations(), "relation.", sent.value("member", "relation", "partner")));
  add_errors(context, data, form, sent, "member", "member-", {{"kind", "member-kind-adult"}});
  put(data, "member_form", std::move(form));
}

void add_what_matters(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                      const SentForm& sent) {
  if (view.what_matters) {
    TemplateData words;
    words.set("words", view.what_matters->words);
    words.set("recorded_text", amsterdam_text(view.what_matters->recorded_at));
    if (view.what_matters->confirmed_on) {
      words.set("confirmed_on", *view.what_matters->confirmed_on);
      words.set("confirmed_text", long_date(context, *view.what_matters->confirmed_on));
    }
    put(data, "what_matters", std::move(words));
  }
  TemplateData form;
  form.set("words", sent.value("what_matters", "words"));
  form.set("confirmed", sent.value("what_matters", "confirmed") == "yes");
  add_errors(context, data, form, sent, "what_matters", "matters-");
  put(data, "what_matters_form", std::move(form));
}

TemplateData option_data(const domain::PlanOption& option) {
  TemplateData row;
  row.set("description", option.description);
  row.set("chosen", option.chosen);
  row.set("why", option.why);
  row.set("has_why", !option.why.empty());
  return row;
}

void add_goals(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
               const SentForm& sent) {
  std::set<std::int64_t> goal_ids;
  TemplateList goals;
  for (const auto& goal : view.goals) {
    goal_ids.insert(goal.id);
    TemplateData row;
    row.set("goal_id", std::to_string(goal.id));
    row.set("words", goal.words);
    row.set("progress_sign", goal.progress_sign);
    row.set("has_progress_sign", !goal.progress_sign.empty());
    row.set("status_text", text_or(context, "goal.status." + goal.status, goal.status));
    row.set("is_open", goal.status == "open");
    TemplateList options;
    for (const auto& option : view.options) {
      if (option.goal_id && *option.goal_id == goal.id) options.push_back(option_data(option));
    }
    row.set("has_options", !options.empty());
    put(row, "options", std::move(options));
    goals.push_back(std::move(row));
  }
  data.set("goals", std::move(goals));
  data.set("has_goals", !view.goals.empty());
  TemplateList general;
  for (const auto& option : view.options) {
    if (!option.goal_id || !goal_ids.contains(*option.goal_id)) general.push_back(option_data(option));
  }
  data.set("has_general_options", !general.empty());
  put(data, "general_options", std::move(general));

  TemplateData goal_form;
  goal_form.set("words", sent.value("goal", "words"));
  goal_form.set("progress_sign", sent.value("goal", "progress_sign"));
  add_errors(context, data, goal_form, sent, "goal", "goal-");
  put(data, "goal_form", std::move(goal_form));

  TemplateData option_form;
  option_form.set("goal_choices", goal_choices(view, sent.value("option", "goal_id")));
  option_form.set("description", sent.value("option", "description"));
  option_form.set("chosen", sent.value("option", "chosen") == "yes");
  option_form.set("why", sent.value("option", "why"));
  add_errors(context, data, option_form, sent, "option", "option-");
  put(data, "option_form", std::move(option_form));
}

void add_actions(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                 const SentForm& sent, const std::string& today) {
  TemplateList actions;
  for (const auto& action : view.actions) {
    TemplateData row;
    row.set("what", action.what);
    row.set("who", action.who);
    row.set("domain_text", text_or(context, "domain." + action.domain, action.domain));
    row.set("due_on", action.due_on);
    row.set("due_text", long_date(context, action.due_on));
    row.set("status_text", text_or(context, "action.status." + action.status, action.status));
    row.set("overdue", action.status == "open" && action.due_on < today);
    row.set("action_id", std::to_string(action.id));
    row.set("is_open", action.status == "open");
    actions.push_back(std::move(row));
  }
  data.set("actions", std::move(actions));
  data.set("has_actions", !view.actions.empty());

  TemplateData form;
  form.set("what", sent.value("action", "what"));
  form.set("involved_choices", involved_choices(view, sent.value("action", "involved_id")));
  form.set("domain_choices",
           choices(context, domain::involvement_domains(), "domain.", sent.value("action", "domain")));
  form.set("due_on", sent.value("action", "due_on"));
  form.set("goal_choices", goal_choices(view, sent.value("action", "goal_id")));
  add_errors(context, data, form, sent, "action", "action-");
  put(data, "action_form", std::move(form));
}

void add_involved(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                  const SentForm& sent) {
  TemplateList involved;
  for (const auto& face : view.involved) {
    TemplateData card;
    card.set("involved_id", std::to_string(face.id));
    card.set("name", face.name);
    card.set("organisation", face.organisation);
    card.set("role", face.role);
    card.set("domain_text", text_or(context, "domain." + face.domain, face.domain));
    if (!face.does_what.empty()) card.set("does_what", face.does_what);
    if (!face.reach.empty()) card.set("reach", face.reach);
    if (face.user_id) card.set("photo_url", photo_url(*face.user_id, std::nullopt));
    card.set("inactive", !face.active);
    involved.push_back(std::move(card));
  }
  data.set("involved", std::move(involved));
  data.set("has_involved", !view.involved.empty());

  TemplateData form;
  for (const char* field : {"name", "organisation", "role", "does_what", "reach"}) {
    form.set(field, sent.value("involved", field));
  }
  form.set("domain_choices",
           choices(context, domain::involvement_domains(), "domain.", sent.value("involved", "domain")));
  add_errors(context, data, form, sent, "involved", "involved-");
  put(data, "involved_form", std::move(form));
}

void add_contacts(RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                  const SentForm& sent) {
  TemplateList contacts;
  contacts.reserve(view.contacts.size());
  for (const auto& contact : view.contacts) {
    TemplateData row;
    row.set("id", std::to_string(contact.id));
    row.set("at", contact.at);
    row.set("at_text", amsterdam_text(contact.at));
    row.set("who", contact.who);
    row.set("channel_text", text_or(context, "channel." + contact.channel, contact.channel));
    row.set("with_whom", contact.with_whom);
    row.set("edited", contact.edits > 0);
    contacts.push_back(std::move(row));
  }
  data.set("contacts", std::move(contacts));
  data.set("has_contacts", !view.contacts.empty());

  // The professional logs their own contacts most: they come first.
  std::string own;
  for (const auto& face : view.involved) {
    if (face.active && face.user_id && *face.user_id == context.actor->user_id) own = std::to_string(face.id);
  }
  TemplateData form;
  form.set("involved_choices", involved_choices(view, sent.is("contact") ? sent.value("contact", "involved_id") : own));
  form.set("at", sent.is("contact") ? sent.value("contact", "at") : local_now(context));
  form.set("channel_choices",
           choices(context, domain::contact_log_channels(), "channel.", sent.value("contact", "channel", "phone")));
  form.set("with_whom", sent.value("contact", "with_whom"));
  add_errors(context, data, form, sent, "contact", "contact-", {{"professional_id", "contact-involved_id"}});
  put(data, "contact_form", std::move(form));
}

void add_continuity(const RequestContext& context, TemplateData& data, const service::HouseholdView& view) {
  const auto& c = view.continuity;
  TemplateData continuity;
  continuity.set("window_days", std::to_string(c.window_days));
  continuity.set("contacts", std::to_string(c.contacts));
  continuity.set("distinct_faces", std::to_string(c.distinct_faces));
  continuity.set("distinct_faces_90d", std::to_string(c.distinct_faces_90d));
  continuity.set("upc", percent(context, c.upc));
  continuity.set("coc", percent(context, c.coc));
  continuity.set("secon", percent(context, c.secon));
  continuity.set("flagged", view.flags.any());
  continuity.set("many_faces", view.flags.many_faces);
  continuity.set("fixed_contact_changes", view.flags.fixed_contact_changes);
  put(data, "continuity", std::move(continuity));
}

// The team's professionals the household can be handed to, from the directory.
TemplateList handover_targets(RequestContext& context, const service::HouseholdView& view,
                              const std::string& selected) {
  TemplateList list;
  try {
    const auto lookup = context.app.directory.find_team(view.household.postcode);
    for (const auto& person : lookup.team->people) {
      if (person.role != "professional") continue;
      if (view.household.fixed_contact_id && *view.household.fixed_contact_id == person.id) continue;
      TemplateData option;
      option.set("value", std::to_string(person.id));
      option.set("label", person.job_title.empty() ? person.name : person.name + " (" + person.job_title + ")");
      option.set("selected", std::to_string(person.id) == selected);
      list.push_back(std::move(option));
    }
  } catch (const service::NotFound&) {
    // No team for the postcode (outside the municipality since the directory
    // changed): the form asks for the staff number instead.
  }
  return list;
}

void add_fixed_contact_history(RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                               const SentForm& sent) {
  std::map<std::int64_t, std::string> names;
  for (const auto& face : view.involved) {
    if (face.user_id) names[*face.user_id] = face.name;
  }
  for (const auto& change : view.fixed_contact_changes) names[change.to_user_id] = change.to_name;
  if (view.fixed_contact) names[view.fixed_contact->id] = view.fixed_contact->name;

  TemplateList changes;
  for (const auto& change : view.fixed_contact_changes) {
    TemplateData row;
    row.set("kind_text", text_or(context, "change.kind." + change.kind, change.kind));
    row.set("changed_on", amsterdam_day(change.changed_at));
    row.set("changed_text", amsterdam_text(change.changed_at));
    if (change.from_user_id) {
      auto found = names.find(*change.from_user_id);
      row.set("from_name", found != names.end() ? found->second
                                                : context.text("household.history.staff_number") + " " +
                                                      std::to_string(*change.from_user_id));
    }
    row.set("to_name", change.to_name);
    if (!change.reason.empty()) {
      row.set("reason", change.kind == "assignment"
                            ? text_or(context, "assignment_reason." + change.reason, change.reason)
                            : change.reason);
    }
    if (change.warm_handover_on) {
      row.set("warm_on", *change.warm_handover_on);
      row.set("warm_text", long_date(context, *change.warm_handover_on));
    }
    if (!change.no_warm_reason.empty()) row.set("no_warm_reason", change.no_warm_reason);
    changes.push_back(std::move(row));
  }
  put(data, "changes", std::move(changes));
  data.set("has_changes", !view.fixed_contact_changes.empty());

  const bool is_contact = view.household.fixed_contact_id && *view.household.fixed_contact_id == context.actor->user_id;
  data.set("may_hand_over", is_contact || context.actor->role == "teamlead");
  TemplateData form;
  const std::string to_user = sent.value("handover", "to_user_id");
  auto targets = handover_targets(context, view, to_user);
  form.set("has_targets", !targets.empty());
  form.set("targets", std::move(targets));
  form.set("to_user_id", to_user);
  form.set("kinds", choices(context, {"handover", "resident_request"}, "handover.kind.",
                            sent.value("handover", "kind", "handover"), "handover-kind-"));
  form.set("reason", sent.value("handover", "reason"));
  form.set("warm_handover_on", sent.value("handover", "warm_handover_on"));
  form.set("no_warm_reason", sent.value("handover", "no_warm_reason"));
  add_errors(context, data, form, sent, "handover", "handover-", {{"kind", "handover-kind-handover"}});
  put(data, "handover_form", std::move(form));
}

void add_referrals(const RequestContext& context, TemplateData& data, const service::HouseholdView& view) {
  TemplateList referrals;
  for (const auto& referral : view.referrals) {
    TemplateData row;
    row.set("reference", referral.reference);
    row.set("created_on", amsterdam_day(referral.created_at));
    row.set("created_text", amsterdam_text(referral.created_at));
    row.set("promised_by", referral.promised_by);
    row.set("promised_text", long_date(context, referral.promised_by));
    if (referral.first_contact_at) {
      row.set("first_contact_on", amsterdam_day(*referral.first_contact_at));
      row.set("first_contact_text", amsterdam_text(*referral.first_contact_at));
    }
    referrals.push_back(std::move(row));
  }
  data.set("referrals", std::move(referrals));
  data.set("has_referrals", !view.referrals.empty());
}

std::string parts_label(const RequestContext& context, const std::string& parts) {
  std::string text;
  for (auto part : service::parse_parts(parts)) {
    text += (text.empty() ? "" : ", ") + context.text("household.part." + std::string(domain::to_string(part)));
  }
  return text;
}

// What the household shares with which domain, and the form to add a share.
void add_sharing(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                 const SentForm& sent, const std::vector<storage::LegalBasisRecord>& bases) {
  TemplateList list;
  for (const auto& agreement : view.sharing) {
    TemplateData row;
    row.set("id", std::to_string(agreement.id));
    row.set("domain_text", text_or(context, "domain." + agreement.basis.domain, agreement.basis.domain));
    row.set("parts_text", parts_label(context, agreement.parts));
    row.set("purpose", agreement.basis.purpose);
    row.set("basis", agreement.basis.description);
    row.set("resident_wish", agreement.resident_wish);
    row.set("recorded_by", agreement.recorded_by_name);
    row.set("recorded_at", agreement.recorded_at);
    row.set("recorded_text", amsterdam_text(agreement.recorded_at));
    if (agreement.withdrawn_at) {
      row.set("withdrawn_at", *agreement.withdrawn_at);
      row.set("withdrawn_text", amsterdam_text(*agreement.withdrawn_at));
      row.set("withdrawn_by", agreement.withdrawn_by_name.value_or(""));
    }
    list.push_back(std::move(row));
  }
  data.set("has_sharing", !list.empty());
  put(data, "sharing", std::move(list));
  data.set("has_bases", !bases.empty());
  TemplateData form;
  TemplateList options;
  const std::string chosen = sent.value("sharing", "legal_basis_id");
  for (const auto& basis : bases) {
    TemplateData option;
    option.set("value", std::to_string(basis.id));
    option.set("label", text_or(context, "domain." + basis.domain, basis.domain) + ": " + basis.purpose + " (" +
                            parts_label(context, basis.parts) + ")");
    option.set("selected", std::to_string(basis.id) == chosen);
    options.push_back(std::move(option));
  }
  put(form, "bases", std::move(options));
  TemplateList parts;
  for (auto part : {domain::RecordPart::summary, domain::RecordPart::plan, domain::RecordPart::contacts}) {
    const std::string name = domain::to_string(part);
    TemplateData option;
    option.set("value", name);
    option.set("label", context.text("household.part." + name));
    option.set("checked", sent.value("sharing", "part_" + name) == "yes");
    parts.push_back(std::move(option));
  }
  put(form, "parts", std::move(parts));
  form.set("resident_wish", sent.value("sharing", "resident_wish"));
  add_errors(context, data, form, sent, "sharing", "sharing-", {{"parts", "sharing-part-summary"}});
  put(data, "sharing_form", std::move(form));
}

// What this viewer may do, and banners for read-only access.
void add_access(const RequestContext& context, TemplateData& data, const service::HouseholdView& view) {
  data.set("may_change", view.access.may_change);
  if (view.household.closed_on) {
    data.set("closed_on", *view.household.closed_on);
    data.set("closed_text", long_date(context, *view.household.closed_on));
  }
  data.set("reads_plan", view.access.reads(domain::RecordPart::plan));
  data.set("reads_contacts", view.access.reads(domain::RecordPart::contacts));
  data.set("shared_view", view.access.basis == domain::AccessBasis::shared);
  data.set("may_see_access_log", view.access.access_log);
  if (view.emergency_until && view.access.basis == domain::AccessBasis::emergency) {
    data.set("emergency_until", *view.emergency_until);
    data.set("emergency_until_text", amsterdam_text(*view.emergency_until));
  }
}

TemplateData record_data(RequestContext& context, const service::HouseholdView& view, const SentForm& sent,
                         const std::vector<storage::LegalBasisRecord>& bases) {
  const auto& household = view.household;
  const std::string today = domain::format_date(domain::amsterdam_date(context.app.clock.now()));
  TemplateData data;
  data.set("household_id", std::to_string(household.id));
  data.set("csrf_token", context.csrf_token());
  data.set("address", domain::display_postcode(household.postcode) + " " + household.house_number);
  data.set("preferred_language", language_names(context, {household.preferred_language}));
  data.set("contact_channel", text_or(context, "channel." + household.contact_channel, household.contact_channel));
  data.set("language_choices",
           choices(context, domain::contact_languages(), "language.", household.preferred_language));
  data.set("channel_preference_choices",
           choices(context, domain::contact_channels(), "refer.channel.", household.contact_channel));
  if (view.fixed_contact) {
    TemplateData person = person_data(context, *view.fixed_contact);
    person.set("has_phone", !view.fixed_contact->phone.empty());
    put(data, "fixed_contact", std::move(person));
  }
  if (sent.name.empty()) {
    const auto found = saved_sections().find(context.query_value("opgeslagen"));
    if (found != saved_sections().end()) data.set("saved_message", context.text("household.saved." + found->second));
  }
  add_members(context, data, view, sent);
  add_what_matters(context, data, view, sent);
  add_goals(context, data, view, sent);
  add_actions(context, data, view, sent, today);
  add_involved(context, data, view, sent);
  add_contacts(context, data, view, sent);
  add_continuity(context, data, view);
  add_fixed_contact_history(context, data, view, sent);
  add_referrals(context, data, view);
  add_sharing(context, data, view, sent, bases);
  add_access(context, data, view);
  return data;
}

Response household_page(RequestContext& context) {
  const auto view =
      context.app.households.view(context.connection(), *context.actor, household_id(context), {.legal_bases = true});
  const auto& bases = view.legal_bases;
  context.release_connection();
  return render_page(context, "household", record_data(context, view, SentForm{}, bases), "household.title");
}

// Runs one form's write. Success: 303 back to the record with a status
// message. Invalid input: the whole record again, 422, with that form as typed.
// `keys` swaps message keys for ones that fit a professional's form.
// `location` replaces the usual way back to the record (after a handover the
// former contact no longer has access to it).
Response handle_post(RequestContext& context, const std::string& form, const std::string& section,
                     const std::function<void(std::int64_t)>& write,
                     const std::map<std::string, std::string>& keys = {}, const std::string& location = {}) {
  const auto id = household_id(context);
  try {
    write(id);
    context.release_connection();
    if (!location.empty()) return redirect(location);
    return redirect("/huishoudens/" + std::to_string(id) + "?opgeslagen=" + section);
  } catch (const domain::ValidationError& error) {
    auto errors = error.errors();
    for (auto& field_error : errors) {
      auto found = keys.find(field_error.message_key);
      if (found != keys.end()) field_error.message_key = found->second;
    }
    const domain::ValidationError shown(std::move(errors));
    // A team lead may hand over without reading the record: the message alone, then.
    if (!domain::role_has(context.actor->access_role, domain::Permission::casework)) {
      return render_error_page(context, 422, shown.errors().front().message_key);
    }
    const auto view = context.app.households.view(context.connection(), *context.actor, id, {.legal_bases = true});
    const auto& bases = view.legal_bases;
    context.release_connection();
    const SentForm sent{form, &context.form, &shown};
    return render_page(context, "household", record_data(context, view, sent, bases), "household.title", 422);
  }
}

// "Vul uw naam in" speaks to a resident; these forms are about someone else.
const std::map<std::string, std::string> person_name_keys{{"name.required", "person_name.required"},
                                                          {"name.invalid", "person_name.invalid"}};

Response post_member(RequestContext& context) {
  return handle_post(
      context, "member", "leden",
      [&](std::int64_t id) {
        std::optional<int> year;
        if (!trimmed(context.form_value("birth_year")).empty()) {
          const auto number = whole_number(context.form_value("birth_year"));
          // Out of range or not a number: 0, which the rules refuse as birth_year.invalid.
          year = number && *number > 0 && *number < 100000 ? static_cast<int>(*number) : 0;
        }
        const auto related_to = optional_id(context.form_value("related_to"));
        context.app.households.add_member(context.connection(), *context.actor, id, context.form_value("name"),
                                          context.form_value("kind"), year, related_to, context.form_value("relation"));
      },
      person_name_keys);
}

Response post_what_matters(RequestContext& context) {
  return handle_post(context, "what_matters", "wat-belangrijk-is", [&](std::int64_t id) {
    context.app.households.set_what_matters(context.connection(), *context.actor, id, context.form_value("words"),
                                            context.form_value("confirmed") == "yes");
  });
}

Response post_sharing(RequestContext& context) {
  return handle_post(context, "sharing", "delen", [&](std::int64_t id) {
    service::SharingInput input;
    input.legal_basis_id = optional_id(context.form_value("legal_basis_id")).value_or(0);
    for (auto part : {domain::RecordPart::summary, domain::RecordPart::plan, domain::RecordPart::contacts}) {
      const std::string name = domain::to_string(part);
      if (context.form_value("part_" + name) == "yes") input.parts.push_back(name);
    }
    input.resident_wish = context.form_value("resident_wish");
    context.app.access.add_sharing(context.connection(), *context.actor, id, input);
  });
}

Response post_withdraw_sharing(RequestContext& context) {
  return handle_post(context, "sharing", "delen", [&](std::int64_t id) {
    context.app.access.withdraw_sharing(context.connection(), *context.actor, id,
                                        context.required_id("agreement_id", "sharing.not_found"));
  });
}

Response post_goal(RequestContext& context) {
  return handle_post(context, "goal", "doelen", [&](std::int64_t id) {
    context.app.households.add_goal(context.connection(), *context.actor, id, context.form_value("words"),
                                    context.form_value("progress_sign"));
  });
}

Response post_option(RequestContext& context) {
  return handle_post(context, "option", "opties", [&](std::int64_t id) {
    context.app.households.add_option(context.connection(), *context.actor, id,
                                      optional_id(context.form_value("goal_id")), context.form_value("description"),
                                      context.form_value("chosen") == "yes", context.form_value("why"));
  });
}

Response post_action(RequestContext& context) {
  return handle_post(context, "action", "acties", [&](std::int64_t id) {
    service::ActionInput input;
    input.what = context.form_value("what");
    input.involved_id = optional_id(context.form_value("involved_id"), 0).value_or(0);
    input.domain = context.form_value("domain");
    input.due_on = trimmed(context.form_value("due_on"));
    input.goal_id = optional_id(context.form_value("goal_id"));
    context.app.households.add_action(context.connection(), *context.actor, id, input);
  });
}

Response post_involved(RequestContext& context) {
  return handle_post(
      context, "involved", "betrokkenen",
      [&](std::int64_t id) {
        domain::Involved involved;
        involved.name = context.form_value("name");
        involved.organisation = context.form_value("organisation");
        involved.role = context.form_value("role");
        involved.domain = context.form_value("domain");
        involved.does_what = trimmed(context.form_value("does_what"));
        involved.reach = trimmed(context.form_value("reach"));
        context.app.households.add_involved(context.connection(), *context.actor, id, involved);
      },
      person_name_keys);
}

Response post_contact(RequestContext& context) {
  const std::string at_text = trimmed(context.form_value("at"));
  std::map<std::string, std::string> keys{{"channel.required", "contact_channel.required"}};
  if (at_text.empty()) keys["at.invalid"] = "at.required";
  return handle_post(
      context, "contact", "contacten",
      [&](std::int64_t id) {
        service::ContactInput input;
        input.involved_id = optional_id(context.form_value("involved_id"), 0);
        input.at = domain::parse_amsterdam_local(at_text);
        input.channel = context.form_value("channel");
        input.with_whom = context.form_value("with_whom");
        context.app.households.add_contact(context.connection(), *context.actor, id, input);
      },
      keys);
}

Response post_handover(RequestContext& context) {
  return handle_post(
      context, "handover", "overdracht",
      [&](std::int64_t id) {
        domain::HandoverRequest request;
        request.to_user_id = optional_id(context.form_value("to_user_id"), 0).value_or(0);
        request.kind = context.form_value("kind");
        request.reason = context.form_value("reason");
        const std::string warm = trimmed(context.form_value("warm_handover_on"));
        if (!warm.empty()) request.warm_handover_on = warm;
        request.no_warm_reason = context.form_value("no_warm_reason");
        context.app.households.handover(context.connection(), *context.actor, id, request);
      },
      {}, "/mijn-huishoudens?overgedragen=1");
}

// The status buttons of an action or goal: one POST each, back to the record.
Response post_action_status(RequestContext& context) {
  return handle_post(context, "action_status", "acties", [&](std::int64_t id) {
    const auto action = whole_number(context.param("item_id"));
    if (!action) throw service::NotFound("action.not_found", "not an action id");
    context.app.households.set_action_status(context.connection(), *context.actor, id, *action,
                                             context.form_value("status"));
  });
}

Response post_goal_status(RequestContext& context) {
  return handle_post(context, "goal_status", "doelen", [&](std::int64_t id) {
    const auto goal = whole_number(context.param("item_id"));
    if (!goal) throw service::NotFound("goal.not_found", "not a goal id");
    context.app.households.set_goal_status(context.connection(), *context.actor, id, *goal,
                                           context.form_value("status"));
  });
}

Response post_closed(RequestContext& context) {
  return handle_post(context, "closed", "afsluiten", [&](std::int64_t id) {
    context.app.households.set_closed(context.connection(), *context.actor, id, context.form_value("closed") == "yes");
  });
}

Response post_preferences(RequestContext& context) {
  return handle_post(context, "preferences", "voorkeuren", [&](std::int64_t id) {
    context.app.households.set_preferences(context.connection(), *context.actor, id,
                                           context.form_value("preferred_language"),
                                           context.form_value("contact_channel"));
  });
}

std::int64_t contact_id_param(const RequestContext& context) {
  return context.required_id("contact_id", "contact.not_found");
}

// The contact with its earlier versions, and the form to correct it: with
// what was sent (after an invalid POST) or with the stored values.
Response render_contact(RequestContext& context, const domain::ValidationError* error) {
  const auto household = household_id(context);
  const auto found = context.app.households.contact_to_edit(context.connection(), *context.actor, household,
                                                            contact_id_param(context));
  context.release_connection();
  const auto& contact = found.contact;
  TemplateData data;
  data.set("household_id", std::to_string(household));
  data.set("id", std::to_string(contact.id));
  data.set("csrf_token", context.csrf_token());
  data.set("at", contact.at);
  data.set("at_text", amsterdam_text(contact.at));
  data.set("who", contact.who);
  data.set("channel_text", text_or(context, "channel." + contact.channel, contact.channel));
  data.set("with_whom", contact.with_whom);
  const bool sent = error != nullptr;
  const auto at_value = [&] {
    const auto at = domain::parse_timestamp(contact.at);
    return at ? domain::format_timestamp(*at + domain::amsterdam_offset_seconds(*at)).substr(0, 16) : contact.at;
  };
  data.set("at_local", sent ? context.form_value("at") : at_value());
  data.set("with_whom_value", sent ? context.form_value("with_whom") : contact.with_whom);
  const std::string chosen_face = sent ? context.form_value("involved_id") : std::to_string(contact.involved_id);
  TemplateList faces;
  for (const auto& face : found.faces) {
    TemplateData option;
    option.set("value", std::to_string(face.id));
    option.set("label", face.name + " (" + face.organisation + ")");
    option.set("selected", std::to_string(face.id) == chosen_face);
    faces.push_back(std::move(option));
  }
  put(data, "involved_choices", std::move(faces));
  data.set("channel_choices", choices(context, domain::contact_log_channels(), "channel.",
                                      sent ? context.form_value("channel") : contact.channel));
  TemplateList history;
  for (const auto& edit : found.history) {
    TemplateData row;
    row.set("edited_at_text", amsterdam_text(edit.edited_at));
    row.set("edited_by", edit.edited_by);
    row.set("before_at_text", amsterdam_text(edit.before.at));
    row.set("before_who", edit.who_before);
    row.set("before_channel", text_or(context, "channel." + edit.before.channel, edit.before.channel));
    row.set("before_with_whom", edit.before.with_whom);
    history.push_back(std::move(row));
  }
  data.set("history", std::move(history));
  data.set("has_history", !found.history.empty());
  if (error) add_form_errors(context, data, *error, [](const std::string& field) { return "edit-" + field; });
  return render_page(context, "contact", data, "contact_edit.title", error ? 422 : 200);
}

Response contact_page(RequestContext& context) { return render_contact(context, nullptr); }

// The whole contacts log, 50 at a time; ?voor= is the cursor of the older page.
Response contacts_log_page(RequestContext& context) {
  const auto household = household_id(context);
  const auto before = context.query_value("voor");
  const auto page =
      context.app.households.contacts_log(context.connection(), *context.actor, household,
                                          before.empty() ? std::nullopt : std::optional<std::string>(before), 50);
  context.release_connection();
  TemplateData data;
  data.set("household_id", std::to_string(household));
  TemplateList rows;
  rows.reserve(page.contacts.size());
  for (const auto& contact : page.contacts) {
    TemplateData row;
    row.set("id", std::to_string(contact.id));
    row.set("at", contact.at);
    row.set("at_text", amsterdam_text(contact.at));
    row.set("who", contact.who);
    row.set("channel_text", text_or(context, "channel." + contact.channel, contact.channel));
    row.set("with_whom", contact.with_whom);
    row.set("edited", contact.edits > 0);
    rows.push_back(std::move(row));
  }
  data.set("has_contacts", !rows.empty());
  data.set("contacts", std::move(rows));
  if (page.next) data.set("next", percent_encode(*page.next));
  data.set("paged", !before.empty());
  return render_page(context, "contacts_log", std::move(data), "contacts_log.title");
}

Response post_contact_edit(RequestContext& context) {
  const auto household = household_id(context);
  try {
    service::ContactInput input;
    input.involved_id = optional_id(context.form_value("involved_id"), 0);
    input.at = domain::parse_amsterdam_local(trimmed(context.form_value("at")));
    input.channel = context.form_value("channel");
    input.with_whom = context.form_value("with_whom");
    context.app.households.edit_contact(context.connection(), *context.actor, household, contact_id_param(context),
                                        input);
    return redirect("/huishoudens/" + std::to_string(household) + "?opgeslagen=contacten");
  } catch (const domain::ValidationError& error) {
    return render_contact(context, &error);
  }
}

Response caseload_page(RequestContext& context) {
  const auto entries = context.app.households.caseload(context.connection(), *context.actor);
  context.release_connection();
  TemplateList rows;
  const bool handed_over = context.query_value("overgedragen") == "1";
  int open = 0;
  int overdue = 0;
  int flagged = 0;
  for (const auto& [row, flags] : entries) {
    const std::string address = domain::display_postcode(row.postcode) + " " + row.house_number;
    TemplateData item;
    item.set("household_id", std::to_string(row.household_id));
    item.set("name", row.name.empty() ? address : row.name);
    item.set("address", address);
    item.set("open_actions", std::to_string(row.open_actions));
    item.set("overdue_actions", std::to_string(row.overdue_actions));
    item.set("has_overdue", row.overdue_actions > 0);
    if (row.last_contact_at) {
      const std::string day = amsterdam_day(*row.last_contact_at);
      item.set("last_contact_on", day);
      item.set("last_contact_text", amsterdam_text(*row.last_contact_at).substr(0, 10));
    }
    item.set("faces_90d", std::to_string(row.faces_90d));
    item.set("flagged", flags.any());
    item.set("many_faces", flags.many_faces);
    item.set("fixed_contact_changes", flags.fixed_contact_changes);
    rows.push_back(std::move(item));
    open += row.open_actions;
    overdue += row.overdue_actions;
    if (flags.any()) ++flagged;
  }
  TemplateData data;
  put(data, "households", std::move(rows));
  data.set("handed_over", std::move(handed_over));
  data.set("has_households", !entries.empty());
  data.set("household_count", std::to_string(entries.size()));
  data.set("open_count", std::to_string(open));
  data.set("overdue_count", std::to_string(overdue));
  data.set("flagged_count", std::to_string(flagged));
  return render_page(context, "caseload", data, "caseload.title");
}

}  // namespace

void add_household_pages(Router& router) {
  router.add(personal_data({"GET", "/mijn-huishoudens", Permission::caseload, RouteKind::page, caseload_page}));
  router.add(personal_data({"GET", "/huishoudens/{id}", Permission::casework, RouteKind::page, household_page}));
  router.add(
      personal_data({"GET", "/huishoudens/{id}/contacten", Permission::casework, RouteKind::page, contacts_log_page}));
  router.add(personal_data(
      {"GET", "/huishoudens/{id}/contacten/{contact_id}", Permission::casework, RouteKind::page, contact_page}));
  router.add(
      {"POST", "/huishoudens/{id}/contacten/{contact_id}", Permission::casework, RouteKind::page, post_contact_edit});
  router.add({"POST", "/huishoudens/{id}/leden", Permission::casework, RouteKind::page, post_member});
  router.add({"POST", "/huishoudens/{id}/wat-belangrijk-is", Permission::casework, RouteKind::page, post_what_matters});
  router.add({"POST", "/huishoudens/{id}/doelen", Permission::casework, RouteKind::page, post_goal});
  router.add({"POST", "/huishoudens/{id}/opties", Permission::casework, RouteKind::page, post_option});
  router.add({"POST", "/huishoudens/{id}/acties", Permission::casework, RouteKind::page, post_action});
  router.add(
      {"POST", "/huishoudens/{id}/acties/{item_id}/status", Permission::casework, RouteKind::page, post_action_status});
  router.add(
      {"POST", "/huishoudens/{id}/doelen/{item_id}/status", Permission::casework, RouteKind::page, post_goal_status});
  router.add({"POST", "/huishoudens/{id}/delen", Permission::sharing, RouteKind::page, post_sharing});
  router.add({"POST", "/huishoudens/{id}/afsluiten", Permission::casework, RouteKind::page, post_closed});
  router.add({"POST", "/huishoudens/{id}/delen/{agreement_id}/intrekken", Permission::sharing, RouteKind::page,
              post_withdraw_sharing});
  router.add({"POST", "/huishoudens/{id}/voorkeuren", Permission::casework, RouteKind::page, post_preferences});
  router.add({"POST", "/huishoudens/{id}/betrokkenen", Permission::casework, RouteKind::page, post_involved});
  router.add({"POST", "/huishoudens/{id}/contacten", Permission::casework, RouteKind::page, post_contact});
  router.add({"POST", "/huishoudens/{id}/overdracht", Permission::handover, RouteKind::page, post_handover});
}

}  // namespace gezicht::web
