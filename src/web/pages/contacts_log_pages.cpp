// The contacts log of a household (all contacts, paged), one contact with its
// earlier versions, and the form that corrects it.

#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/household.hpp"
#include "domain/validation_error.hpp"
#include "service/household_service.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/pages/household_view_model.hpp"
#include "web/url_encoding.hpp"

namespace gezicht::web {
namespace {

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
  for (const auto& contact : page.contacts) rows.push_back(contact_row(context, contact));
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
    return redirect(section_href(household, RecordSection::contacts) + "?opgeslagen=contacten");
  } catch (const domain::ValidationError& error) {
    return render_contact(context, &error);
  }
}

}  // namespace

void add_contacts_log_routes(Router& router) {
  router.add(
      personal_data({"GET", "/huishoudens/{id}/contacten", Permission::casework, RouteKind::page, contacts_log_page}));
  router.add(personal_data(
      {"GET", "/huishoudens/{id}/contacten/{contact_id}", Permission::casework, RouteKind::page, contact_page}));
  router.add(
      {"POST", "/huishoudens/{id}/contacten/{contact_id}", Permission::casework, RouteKind::page, post_contact_edit});
}

}  // namespace gezicht::web
