#include "web/pages/household_view_model.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "domain/access_policy.hpp"
#include "domain/calendar.hpp"
#include "domain/directory.hpp"
#include "domain/household.hpp"
#include "domain/postcode.hpp"
#include "domain/record_rules.hpp"
#include "domain/referral.hpp"
#include "domain/text.hpp"
#include "service/errors.hpp"
#include "service/household_access.hpp"
#include "web/pages/form_errors.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {

const std::vector<RecordSectionInfo>& record_sections() {
  static const std::vector<RecordSectionInfo> sections{
      {RecordSection::overview, "", "household/overview", "household.overview"},
      {RecordSection::members, "gezin", "household/members", "household.section.members"},
      {RecordSection::plan, "plan", "household/plan", "household.section.plan"},
      {RecordSection::actions, "acties", "household/actions", "household.actions"},
      {RecordSection::involved, "betrokkenen", "household/involved", "household.involved"},
      {RecordSection::contacts, "continuiteit", "household/contacts", "household.section.contacts"},
      {RecordSection::history, "wisselingen", "household/history", "household.history"},
      {RecordSection::sharing, "gedeeld", "household/sharing", "household.sharing"},
      {RecordSection::referrals, "aanmeldingen", "household/referrals", "household.referrals"},
  };
  return sections;
}

const RecordSectionInfo& section_info(RecordSection section) {
  for (const auto& info : record_sections()) {
    if (info.section == section) return info;
  }
  throw std::logic_error("a record section without an entry in record_sections()");
}

std::string section_href(std::int64_t household_id, RecordSection section) {
  const auto& info = section_info(section);
  std::string href = "/huishoudens/" + std::to_string(household_id);
  if (!info.path.empty()) href += "/" + std::string(info.path);
  return href;
}

namespace {

// The section a successful POST names in ?opgeslagen=, and the text it shows.
const std::map<std::string, std::string, std::less<>>& saved_sections() {
  static const std::map<std::string, std::string, std::less<>> sections{
      {"leden", "members"},          {"wat-belangrijk-is", "what_matters"},
      {"doelen", "goals"},           {"opties", "options"},
      {"acties", "actions"},         {"betrokkenen", "involved"},
      {"voorkeuren", "preferences"}, {"contacten", "contacts"},
      {"overdracht", "handover"},    {"delen", "sharing"},
      {"afsluiten", "closed"},       {"beeindigd", "involvement_ended"},
      {"uitnodiging", "invitation"}};
  return sections;
}

// "now" as a datetime-local value in Amsterdam time: the contact form's default.
std::string local_now(const RequestContext& context) {
  const std::int64_t now = context.app.clock.now();
  return domain::format_timestamp(now + domain::amsterdam_offset_seconds(now)).substr(0, 16);
}

// Fields are written with designated initializers, leaving the rest to their
// defaults; g++ 12's -Wextra warns about exactly that (fixed in g++ 13).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

// One field of a form, for the form_field partial: label, hint, error, input.
struct FieldSpec {
  std::string id;  // the input's id, and the error summary's anchor
  std::string name;
  std::string label_key;
  std::string kind = "text";  // text, textarea or select
  std::string value;
  std::string type = "text";
  std::string rows = "2";
  bool short_box = false;
  std::string inputmode;
  std::string hint_key;
  std::string placeholder_key;
  TemplateList options;
  std::vector<std::string> error_fields;  // the fields whose errors show here (default: name)
};

// Reads the field's error from the form (error_<field>, set by add_form_errors).
// Every key the partial reads is set, so none falls through to the page.
TemplateData form_field(const RequestContext& context, const TemplateData& form, FieldSpec spec) {
  TemplateData field;
  field.set("id", spec.id);
  field.set("name", spec.name);
  field.set("label", context.text(spec.label_key));
  field.set("kind", spec.kind);
  field.set("is_text", spec.kind == "text");
  field.set("is_textarea", spec.kind == "textarea");
  field.set("is_select", spec.kind == "select");
  field.set("value", spec.value);
  field.set("type", spec.type);
  field.set("rows", spec.rows);
  field.set("short", spec.short_box);
  field.set("has_inputmode", !spec.inputmode.empty());
  field.set("inputmode", spec.inputmode);
  field.set("has_placeholder", !spec.placeholder_key.empty());
  field.set("placeholder", spec.placeholder_key.empty() ? std::string() : context.text(spec.placeholder_key));
  field.set("options", std::move(spec.options));
  std::string describedby;
  field.set("has_hint", !spec.hint_key.empty());
  if (!spec.hint_key.empty()) {
    field.set("hint", context.text(spec.hint_key));
    describedby = spec.id + "-hint";
  }
  if (spec.error_fields.empty()) spec.error_fields.push_back(spec.name);
  std::string error;
  for (const auto& error_field : spec.error_fields) {
    const auto* message = form.get("error_" + error_field);
    if (message && message->kind() == TemplateData::Kind::text) {
      error = message->text();
      break;
    }
  }
  field.set("has_error", !error.empty());
  field.set("error", error);
  if (!error.empty()) describedby += (describedby.empty() ? "" : " ") + spec.id + "-error";
  field.set("has_describedby", !describedby.empty());
  field.set("describedby", describedby);
  return field;
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

void add_fixed_contact(const RequestContext& context, TemplateData& data, const service::HouseholdView& view) {
  if (!view.fixed_contact) return;
  TemplateData person = person_data(context, *view.fixed_contact);
  person.set("has_phone", !view.fixed_contact->phone.empty());
  put(data, "fixed_contact", std::move(person));
}

void add_summary(const RequestContext& context, TemplateData& data, const service::HouseholdView& view) {
  const auto& household = view.household;
  data.set("preferred_language", language_names(context, {household.preferred_language}));
  data.set("contact_channel", text_or(context, "channel." + household.contact_channel, household.contact_channel));
  TemplateData form;
  form.set("language_field", form_field(context, form,
                                        {.id = "preferences-language",
                                         .name = "preferred_language",
                                         .label_key = "household.preferred_language",
                                         .kind = "select",
                                         .options = choices(context, domain::contact_languages(), "language.",
                                                            household.preferred_language)}));
  form.set("channel_field", form_field(context, form,
                                       {.id = "preferences-channel",
                                        .name = "contact_channel",
                                        .label_key = "household.contact_channel",
                                        .kind = "select",
                                        .options = choices(context, domain::contact_channels(), "refer.channel.",
                                                           household.contact_channel)}));
  put(data, "preferences_form", std::move(form));
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
  form.set("kinds",
           choices(context, {"adult", "child"}, "member.kind.", sent.value("member", "kind", "adult"), "member-kind-"));
  const std::string related_to = sent.value("member", "related_to");
  TemplateList others;
  for (const auto& member : view.members) {
    TemplateData option;
    option.set("value", std::to_string(member.id));
    option.set("label", member.name);
    option.set("selected", std::to_string(member.id) == related_to);
    others.push_back(std::move(option));
  }
  form.set("has_others", !view.members.empty());
  add_errors(context, data, form, sent, "member", "member-", {{"kind", "member-kind-adult"}});
  form.set("name_field", form_field(context, form,
                                    {.id = "member-name",
                                     .name = "name",
                                     .label_key = "household.member.name",
                                     .value = sent.value("member", "name")}));
  form.set("birth_year_field", form_field(context, form,
                                          {.id = "member-birth_year",
                                           .name = "birth_year",
                                           .label_key = "household.member.birth_year",
                                           .value = sent.value("member", "birth_year"),
                                           .short_box = true,
                                           .inputmode = "numeric"}));
  form.set("related_to_field", form_field(context, form,
                                          {.id = "member-related_to",
                                           .name = "related_to",
                                           .label_key = "household.member.related_to",
                                           .kind = "select",
                                           .placeholder_key = "household.member.no_relation",
                                           .options = std::move(others)}));
  form.set("relation_field", form_field(context, form,
                                        {.id = "member-relation",
                                         .name = "relation",
                                         .label_key = "household.member.relation",
                                         .kind = "select",
                                         .options = choices(context, domain::member_relations(), "relation.",
                                                            sent.value("member", "relation", "partner"))}));
  put(data, "member_form", std::move(form));

  // Uitnodigen voor Mijn gezicht: a member follows the household on the portal.
  TemplateData invitation;
  const std::string invited_member = sent.value("invitation", "member_id");
  TemplateList invitees;
  for (const auto& member : view.members) {
    if (member.kind != "adult") continue;
    TemplateData option;
    option.set("value", std::to_string(member.id));
    option.set("label", member.name);
    option.set("selected", std::to_string(member.id) == invited_member);
    invitees.push_back(std::move(option));
  }
  add_errors(context, data, invitation, sent, "invitation", "invitation-");
  invitation.set("email_field", form_field(context, invitation,
                                           {.id = "invitation-email",
                                            .name = "email",
                                            .label_key = "household.invitation.email",
                                            .value = sent.value("invitation", "email"),
                                            .type = "email"}));
  invitation.set("member_field", form_field(context, invitation,
                                            {.id = "invitation-member_id",
                                             .name = "member_id",
                                             .label_key = "household.invitation.member",
                                             .kind = "select",
                                             .placeholder_key = "household.invitation.no_member",
                                             .options = std::move(invitees)}));
  put(data, "invitation_form", std::move(invitation));
}

void add_what_matters(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                      const SentForm& sent, bool with_form) {
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
  if (!with_form) return;
  TemplateData form;
  form.set("confirmed", sent.value("what_matters", "confirmed") == "yes");
  add_errors(context, data, form, sent, "what_matters", "matters-");
  form.set("words_field", form_field(context, form,
                                     {.id = "matters-words",
                                      .name = "words",
                                      .label_key = "household.what_matters.words",
                                      .kind = "textarea",
                                      .value = sent.value("what_matters", "words"),
                                      .rows = "5",
                                      .hint_key = "household.what_matters.words_hint"}));
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
    row.set("is_open", goal.status == domain::open_status);
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
  add_errors(context, data, goal_form, sent, "goal", "goal-");
  goal_form.set("words_field", form_field(context, goal_form,
                                          {.id = "goal-words",
                                           .name = "words",
                                           .label_key = "household.goal.words",
                                           .kind = "textarea",
                                           .value = sent.value("goal", "words"),
                                           .rows = "3"}));
  goal_form.set("progress_sign_field", form_field(context, goal_form,
                                                  {.id = "goal-progress_sign",
                                                   .name = "progress_sign",
                                                   .label_key = "household.goal.progress_sign_label",
                                                   .kind = "textarea",
                                                   .value = sent.value("goal", "progress_sign")}));
  put(data, "goal_form", std::move(goal_form));

  TemplateData option_form;
  option_form.set("chosen", sent.value("option", "chosen") == "yes");
  add_errors(context, data, option_form, sent, "option", "option-");
  option_form.set("goal_id_field", form_field(context, option_form,
                                              {.id = "option-goal_id",
                                               .name = "goal_id",
                                               .label_key = "household.option.goal",
                                               .kind = "select",
                                               .placeholder_key = "household.option.no_goal",
                                               .options = goal_choices(view, sent.value("option", "goal_id"))}));
  option_form.set("description_field", form_field(context, option_form,
                                                  {.id = "option-description",
                                                   .name = "description",
                                                   .label_key = "household.option.description",
                                                   .kind = "textarea",
                                                   .value = sent.value("option", "description")}));
  option_form.set("why_field", form_field(context, option_form,
                                          {.id = "option-why",
                                           .name = "why",
                                           .label_key = "household.option.why_label",
                                           .kind = "textarea",
                                           .value = sent.value("option", "why")}));
  put(data, "option_form", std::move(option_form));
}

TemplateData action_row(const RequestContext& context, const domain::Action& action, const domain::Date& today) {
  TemplateData row;
  row.set("what", action.what);
  row.set("who", action.who);
  row.set("domain_text", text_or(context, "domain." + action.domain, action.domain));
  row.set("due_on", action.due_on);
  row.set("due_text", long_date(context, action.due_on));
  row.set("status_text", text_or(context, "action.status." + action.status, action.status));
  row.set("overdue", domain::is_overdue(action, today));
  row.set("action_id", std::to_string(action.id));
  row.set("is_open", action.status == domain::open_status);
  return row;
}

void add_actions(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                 const SentForm& sent, const domain::Date& today) {
  TemplateList actions;
  for (const auto& action : view.actions) actions.push_back(action_row(context, action, today));
  data.set("actions", std::move(actions));
  data.set("has_actions", !view.actions.empty());

  TemplateData form;
  add_errors(context, data, form, sent, "action", "action-");
  form.set("what_field", form_field(context, form,
                                    {.id = "action-what",
                                     .name = "what",
                                     .label_key = "household.action.what_label",
                                     .kind = "textarea",
                                     .value = sent.value("action", "what")}));
  form.set("involved_id_field", form_field(context, form,
                                           {.id = "action-involved_id",
                                            .name = "involved_id",
                                            .label_key = "household.action.who_label",
                                            .kind = "select",
                                            .placeholder_key = "household.choose_person",
                                            .options = involved_choices(view, sent.value("action", "involved_id"))}));
  form.set("domain_field", form_field(context, form,
                                      {.id = "action-domain",
                                       .name = "domain",
                                       .label_key = "household.action.domain",
                                       .kind = "select",
                                       .placeholder_key = "household.choose_domain",
                                       .options = choices(context, domain::involvement_domains(), "domain.",
                                                          sent.value("action", "domain"))}));
  form.set("due_on_field", form_field(context, form,
                                      {.id = "action-due_on",
                                       .name = "due_on",
                                       .label_key = "household.action.due_on_label",
                                       .value = sent.value("action", "due_on"),
                                       .type = "date",
                                       .short_box = true}));
  form.set("goal_id_field", form_field(context, form,
                                       {.id = "action-goal_id",
                                        .name = "goal_id",
                                        .label_key = "household.action.goal",
                                        .kind = "select",
                                        .placeholder_key = "household.action.no_goal",
                                        .options = goal_choices(view, sent.value("action", "goal_id"))}));
  put(data, "action_form", std::move(form));
}

// The overview's "what is next": the open actions, soonest first.
void add_open_actions(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                      const domain::Date& today) {
  std::vector<const domain::Action*> open;
  for (const auto& action : view.actions) {
    if (action.status == domain::open_status) open.push_back(&action);
  }
  std::stable_sort(open.begin(), open.end(), [](const auto* a, const auto* b) { return a->due_on < b->due_on; });
  TemplateList rows;
  for (const auto* action : open) rows.push_back(action_row(context, *action, today));
  data.set("has_open_actions", !rows.empty());
  put(data, "open_actions", std::move(rows));
}

void add_involved(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                  const SentForm& sent) {
  // The end form's error (an involvement already ended, or the fixed
  // contact's) shows at the face it was about.
  const std::string ended_id = sent.is("end_involvement") ? sent.value("end_involvement", "involved_id") : "";
  TemplateData end_form;
  add_errors(context, data, end_form, sent, "end_involvement", "involved-",
             {{"involved_id", "involved-" + ended_id + "-end"}});
  TemplateList involved;
  for (const auto& face : view.involved) {
    const bool is_fixed_contact =
        face.user_id && view.household.fixed_contact_id && *face.user_id == *view.household.fixed_contact_id;
    TemplateData card;
    card.set("involved_id", std::to_string(face.id));
    card.set("name", face.name);
    // Everyone has a face: an account's portrait (or its initials avatar), the initials for someone without one.
    card.set("initials", domain::initials(face.name));
    card.set("organisation", face.organisation);
    card.set("role", face.role);
    card.set("domain_text", text_or(context, "domain." + face.domain, face.domain));
    if (!face.does_what.empty()) card.set("does_what", face.does_what);
    if (!face.reach.empty()) card.set("reach", face.reach);
    if (face.user_id) card.set("photo_url", photo_url(*face.user_id, std::nullopt));
    card.set("inactive", !face.active);
    // The fixed contact's involvement ends with a handover, not here.
    card.set("may_end", view.access.may_change && face.active && !is_fixed_contact);
    if (std::to_string(face.id) == ended_id) {
      if (const auto* error = end_form.get("error_involved_id")) card.set("end_error", *error);
    }
    involved.push_back(std::move(card));
  }
  data.set("involved", std::move(involved));
  data.set("has_involved", !view.involved.empty());

  TemplateData form;
  add_errors(context, data, form, sent, "involved", "involved-");
  for (const char* field : {"name", "organisation", "role", "does_what", "reach"}) {
    const std::string name = field;
    const bool has_own_label = name == "does_what" || name == "reach";
    form.set(name + "_field", form_field(context, form,
                                         {.id = "involved-" + name,
                                          .name = name,
                                          .label_key = "household.involved." + name + (has_own_label ? "_label" : ""),
                                          .value = sent.value("involved", name)}));
  }
  form.set("domain_field", form_field(context, form,
                                      {.id = "involved-domain",
                                       .name = "domain",
                                       .label_key = "household.involved.domain",
                                       .kind = "select",
                                       .placeholder_key = "household.choose_domain",
                                       .options = choices(context, domain::involvement_domains(), "domain.",
                                                          sent.value("involved", "domain"))}));
  put(data, "involved_form", std::move(form));
}

void add_contacts(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                  const SentForm& sent) {
  TemplateList contacts;
  contacts.reserve(view.contacts.size());
  for (const auto& contact : view.contacts) contacts.push_back(contact_row(context, contact));
  data.set("contacts", std::move(contacts));
  data.set("has_contacts", !view.contacts.empty());

  // The professional logs their own contacts most: they come first.
  std::string own;
  for (const auto& face : view.involved) {
    if (face.active && face.user_id && *face.user_id == context.actor->user_id) own = std::to_string(face.id);
  }
  TemplateData form;
  add_errors(context, data, form, sent, "contact", "contact-", {{"professional_id", "contact-involved_id"}});
  form.set(
      "involved_id_field",
      form_field(context, form,
                 {.id = "contact-involved_id",
                  .name = "involved_id",
                  .label_key = "household.contact.who_label",
                  .kind = "select",
                  .placeholder_key = "household.choose_person",
                  .options = involved_choices(view, sent.is("contact") ? sent.value("contact", "involved_id") : own),
                  .error_fields = {"involved_id", "professional_id"}}));
  form.set("at_field", form_field(context, form,
                                  {.id = "contact-at",
                                   .name = "at",
                                   .label_key = "referral.at",
                                   .value = sent.is("contact") ? sent.value("contact", "at") : local_now(context),
                                   .type = "datetime-local"}));
  form.set("channel_field", form_field(context, form,
                                       {.id = "contact-channel",
                                        .name = "channel",
                                        .label_key = "household.contact.channel_label",
                                        .kind = "select",
                                        .options = choices(context, domain::contact_log_channels(), "channel.",
                                                           sent.value("contact", "channel", "phone"))}));
  form.set("with_whom_field", form_field(context, form,
                                         {.id = "contact-with_whom",
                                          .name = "with_whom",
                                          .label_key = "household.contact.with_whom_label",
                                          .value = sent.value("contact", "with_whom")}));
  put(data, "contact_form", std::move(form));
}

void add_continuity(const RequestContext& context, TemplateData& data, const service::HouseholdView& view) {
  put(data, "continuity", continuity_data(context, view.continuity, view.flags));
}

// The team of the household's postcode, from the directory; nullopt when
// there is none (outside the municipality since the directory changed).
std::optional<service::TeamLookup> household_team(const RequestContext& context, const service::HouseholdView& view) {
  try {
    auto lookup = context.app.directory.find_team(view.household.postcode);
    if (lookup.team) return lookup;
  } catch (const service::NotFound&) {
    // No team for the postcode: the form asks for the staff number instead.
  }
  return std::nullopt;
}

// The team's professionals the household can be handed to.
TemplateList handover_targets(const std::optional<service::TeamLookup>& team, const service::HouseholdView& view,
                              const std::string& selected) {
  TemplateList list;
  if (!team) return list;
  for (const auto& person : team->team->people) {
    if (domain::parse_role(person.role) != domain::Role::professional) continue;
    if (view.household.fixed_contact_id && *view.household.fixed_contact_id == person.id) continue;
    TemplateData option;
    option.set("value", std::to_string(person.id));
    option.set("label", person.job_title.empty() ? person.name : person.name + " (" + person.job_title + ")");
    option.set("selected", std::to_string(person.id) == selected);
    list.push_back(std::move(option));
  }
  return list;
}

// The fixed contact's team, as far as the directory knows: the household's
// team when the contact works there.
std::optional<std::int64_t> fixed_contact_team_id(const std::optional<service::TeamLookup>& team,
                                                  const service::HouseholdView& view) {
  if (!team || !view.household.fixed_contact_id) return std::nullopt;
  for (const auto& person : team->team->people) {
    if (person.id == *view.household.fixed_contact_id) return team->team->id;
  }
  return std::nullopt;
}

std::string with_count(std::string text, int count) {
  const auto at = text.find("{count}");
  if (at != std::string::npos) text.replace(at, 7, std::to_string(count));
  return text;
}

void add_fixed_contact_history(const RequestContext& context, TemplateData& data, const service::HouseholdView& view,
                               const SentForm& sent) {
  std::map<std::int64_t, std::string> names;
  for (const auto& face : view.involved) {
    if (face.user_id) names[*face.user_id] = face.name;
  }
  for (const auto& change : view.fixed_contact_changes) names[change.to_user_id] = change.to_name;
  if (view.fixed_contact) names[view.fixed_contact->id] = view.fixed_contact->name;

  TemplateList changes;
  for (const auto& change : view.fixed_contact_changes) {
    TemplateData row = fixed_contact_change_row(context, change);
    if (change.from_user_id) {
      auto found = names.find(*change.from_user_id);
      row.set("from_name", found != names.end() ? found->second
                                                : context.text("household.history.staff_number") + " " +
                                                      std::to_string(*change.from_user_id));
    }
    changes.push_back(std::move(row));
  }
  put(data, "changes", std::move(changes));
  data.set("has_changes", !view.fixed_contact_changes.empty());

  const auto team = household_team(context, view);
  const auto& actor = *context.actor;
  data.set("may_hand_over",
           domain::may_hand_over({actor.user_id, actor.access_role == domain::Role::teamlead, actor.team_id},
                                 view.household.fixed_contact_id, fixed_contact_team_id(team, view)));
  TemplateData form;
  const std::string to_user = sent.value("handover", "to_user_id");
  auto targets = handover_targets(team, view, to_user);

  // The choices the situation asks for (domain::validate_handover_choices):
  // what happens to the current contact's open actions, and a confirmation
  // of yet another change on a household already flagged for them.
  std::optional<std::int64_t> former_face;
  for (const auto& face : view.involved) {
    if (face.active && face.user_id && view.household.fixed_contact_id &&
        *face.user_id == *view.household.fixed_contact_id) {
      former_face = face.id;
    }
  }
  int open_actions = 0;
  for (const auto& action : view.actions) {
    if (former_face && action.involved_id == *former_face && action.status == domain::open_status) ++open_actions;
  }
  form.set("has_open_actions", open_actions > 0);
  if (open_actions > 0) {
    form.set("open_actions_count", with_count(context.text("household.handover.open_actions_count"), open_actions));
    form.set(
        "open_actions_choices",
        choices(context, {std::string(domain::open_actions_hand_over), std::string(domain::open_actions_keep)},
                "household.handover.open_actions.", sent.value("handover", "open_actions"), "handover-open_actions-"));
  }
  const std::int64_t now = context.app.clock.now();
  const int changes_in_year = domain::fixed_contact_changes_since(
      view.fixed_contact_changes, domain::format_timestamp(now - (365 * 24 * 60 * 60) + 1));
  const bool needs_confirmation = domain::handover_needs_confirmation(changes_in_year);
  form.set("needs_confirmation", needs_confirmation);
  if (needs_confirmation) {
    form.set("third_change_warning",
             with_count(context.text("household.handover.third_change_warning"), changes_in_year));
    form.set("confirm_third_change", sent.value("handover", "confirm_third_change") == "yes");
  }
  const bool has_targets = !targets.empty();
  form.set("kinds", choices(context, {"handover", "resident_request"}, "handover.kind.",
                            sent.value("handover", "kind", "handover"), "handover-kind-"));
  add_errors(context, data, form, sent, "handover", "handover-",
             {{"kind", "handover-kind-handover"}, {"open_actions", "handover-open_actions-hand_over"}});
  // With the team known, a choice of its people; without, the staff number.
  form.set("to_user_id_field", form_field(context, form,
                                          has_targets ? FieldSpec{.id = "handover-to_user_id",
                                                                  .name = "to_user_id",
                                                                  .label_key = "household.handover.to",
                                                                  .kind = "select",
                                                                  .placeholder_key = "household.choose_person",
                                                                  .options = std::move(targets)}
                                                      : FieldSpec{.id = "handover-to_user_id",
                                                                  .name = "to_user_id",
                                                                  .label_key = "household.handover.to_number",
                                                                  .value = to_user,
                                                                  .short_box = true,
                                                                  .inputmode = "numeric"}));
  form.set("reason_field", form_field(context, form,
                                      {.id = "handover-reason",
                                       .name = "reason",
                                       .label_key = "household.handover.reason",
                                       .kind = "textarea",
                                       .value = sent.value("handover", "reason"),
                                       .rows = "3",
                                       .hint_key = "household.handover.reason_hint"}));
  form.set("warm_handover_on_field", form_field(context, form,
                                                {.id = "handover-warm_handover_on",
                                                 .name = "warm_handover_on",
                                                 .label_key = "household.handover.warm_on",
                                                 .value = sent.value("handover", "warm_handover_on"),
                                                 .type = "date",
                                                 .short_box = true,
                                                 .hint_key = "household.handover.warm_hint"}));
  form.set("no_warm_reason_field", form_field(context, form,
                                              {.id = "handover-no_warm_reason",
                                               .name = "no_warm_reason",
                                               .label_key = "household.handover.no_warm",
                                               .kind = "textarea",
                                               .value = sent.value("handover", "no_warm_reason")}));
  put(data, "handover_form", std::move(form));
}

void add_referrals(const RequestContext& context, TemplateData& data, const service::HouseholdView& view) {
  TemplateList referrals;
  for (const auto& referral : view.referrals) {
    TemplateData row;
    row.set("reference", referral.reference);
    // The request opens for the one who answers it; others see its code.
    row.set("may_open", referral.contact_id == context.actor->user_id &&
                            domain::role_has(context.actor->access_role, domain::Permission::referral_inbox));
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
                 const SentForm& sent) {
  TemplateList list;
  for (const auto& agreement : view.sharing) {
    TemplateData row;
    row.set("id", std::to_string(agreement.id));
    row.set("domain_text", text_or(context, "domain." + agreement.basis.domain, agreement.basis.domain));
    row.set("parts_text", parts_label(context, agreement.parts));
    row.set("purpose", domain::as_sentence_end(agreement.basis.purpose));
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
  const auto& bases = view.legal_bases;
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
  add_errors(context, data, form, sent, "sharing", "sharing-", {{"parts", "sharing-part-summary"}});
  form.set("legal_basis_id_field", form_field(context, form,
                                              {.id = "sharing-legal_basis_id",
                                               .name = "legal_basis_id",
                                               .label_key = "household.sharing_basis_label",
                                               .kind = "select",
                                               .options = std::move(options)}));
  form.set("resident_wish_field", form_field(context, form,
                                             {.id = "sharing-resident_wish",
                                              .name = "resident_wish",
                                              .label_key = "household.sharing_wish_label",
                                              .kind = "textarea",
                                              .value = sent.value("sharing", "resident_wish")}));
  put(data, "sharing_form", std::move(form));
}

// What this viewer may do, and banners for read-only access.
void add_access(const RequestContext& context, TemplateData& data, const service::HouseholdView& view) {
  data.set("may_change", view.access.may_change);
  // Those who work with the household ask for a breakthrough (BreakthroughService::ask).
  data.set("may_ask_breakthrough", view.access.basis == domain::AccessBasis::fixed_contact ||
                                       view.access.basis == domain::AccessBasis::involved);
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

// The top of every page of the record: where it is, the way back, the sections.
void add_header(RequestContext& context, TemplateData& data, const service::HouseholdView& view, RecordSection section,
                const SentForm& sent) {
  const auto& household = view.household;
  const auto& info = section_info(section);
  data.set("household_id", std::to_string(household.id));
  data.set("csrf_token", context.csrf_token());
  data.set("address", domain::display_postcode(household.postcode) + " " + household.house_number);
  const bool overview = section == RecordSection::overview;
  data.set("page_heading", context.text(overview ? "household.title" : std::string(info.title_key)));
  // From the overview back to where this person's households are: the
  // caseload, or the home of a role without one (a domain professional's shares).
  const auto role = context.actor->access_role;
  const bool has_caseload = domain::role_has(role, domain::Permission::caseload);
  if (!overview) {
    data.set("back_href", section_href(household.id, RecordSection::overview));
    data.set("back_text", context.text("household.back_to_overview"));
  } else {
    data.set("back_href", has_caseload ? std::string("/mijn-huishoudens") : std::string(domain::home_of(role).path));
    data.set("back_text", context.text(has_caseload ? "household.back" : "household.back_home"));
  }
  TemplateList links;
  for (const auto& entry : record_sections()) {
    TemplateData link;
    link.set("key", entry.path.empty() ? std::string("overzicht") : std::string(entry.path));
    link.set("href", section_href(household.id, entry.section));
    link.set("label", context.text(std::string(entry.title_key)));
    link.set("current", entry.section == section);
    links.push_back(std::move(link));
  }
  put(data, "sections", std::move(links));
  if (sent.name.empty()) {
    const auto found = saved_sections().find(context.query_value("opgeslagen"));
    if (found != saved_sections().end()) data.set("saved_message", context.text("household.saved." + found->second));
  }
  add_access(context, data, view);
}

}  // namespace

TemplateData record_section_data(RequestContext& context, const service::HouseholdView& view, RecordSection section,
                                 const SentForm& sent) {
  const domain::Date today = domain::amsterdam_date(context.app.clock.now());
  TemplateData data;
  add_header(context, data, view, section, sent);
  switch (section) {
    case RecordSection::overview:
      add_fixed_contact(context, data, view);
      add_what_matters(context, data, view, sent, false);
      add_open_actions(context, data, view, today);
      add_continuity(context, data, view);
      break;
    case RecordSection::members:
      add_summary(context, data, view);
      add_members(context, data, view, sent);
      break;
    case RecordSection::plan:
      add_what_matters(context, data, view, sent, true);
      add_goals(context, data, view, sent);
      break;
    case RecordSection::actions: add_actions(context, data, view, sent, today); break;
    case RecordSection::involved: add_involved(context, data, view, sent); break;
    case RecordSection::contacts:
      add_contacts(context, data, view, sent);
      add_continuity(context, data, view);
      break;
    case RecordSection::history:
      add_fixed_contact(context, data, view);
      add_fixed_contact_history(context, data, view, sent);
      break;
    case RecordSection::sharing: add_sharing(context, data, view, sent); break;
    case RecordSection::referrals: add_referrals(context, data, view); break;
  }
  return data;
}

}  // namespace gezicht::web
