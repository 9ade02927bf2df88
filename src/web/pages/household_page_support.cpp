#include "web/pages/household_page_support.hpp"

#include <charconv>
#include <cmath>

#include "domain/calendar.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {

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

std::optional<std::int64_t> optional_id(const std::string& text, std::int64_t unknown) {
  if (trimmed(text).empty()) return std::nullopt;
  return whole_number(text).value_or(unknown);
}

std::string text_or(const RequestContext& context, const std::string& key, const std::string& fallback) {
  const auto& texts = context.app.translations.all(context.language);
  auto found = texts.find(key);
  return found == texts.end() ? fallback : found->second;
}

TemplateList choices(const RequestContext& context, const std::vector<std::string>& values,
                     const std::string& key_prefix, const std::string& selected, const std::string& id_prefix) {
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

std::string short_label(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

TemplateData contact_row(const RequestContext& context, const domain::ContactEntry& contact) {
  TemplateData row;
  row.set("id", std::to_string(contact.id));
  row.set("at", contact.at);
  row.set("at_text", amsterdam_text(contact.at));
  row.set("who", contact.who);
  row.set("channel_text", text_or(context, "channel." + contact.channel, contact.channel));
  row.set("with_whom", contact.with_whom);
  row.set("edited", contact.edits > 0);
  return row;
}

std::string amsterdam_text(const std::string& iso_timestamp) {
  const auto at = domain::parse_timestamp(iso_timestamp);
  return at ? domain::format_amsterdam(*at) : iso_timestamp;
}

std::string amsterdam_day(const std::string& iso_timestamp) {
  const auto at = domain::parse_timestamp(iso_timestamp);
  return at ? domain::format_date(domain::amsterdam_date(*at)) : iso_timestamp;
}

TemplateData fixed_contact_change_row(const RequestContext& context, const domain::FixedContactChange& change) {
  TemplateData row;
  row.set("kind_text", text_or(context, "change.kind." + change.kind, change.kind));
  row.set("changed_on", amsterdam_day(change.changed_at));
  row.set("changed_text", amsterdam_text(change.changed_at));
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
  return row;
}

domain::HandoverRequest handover_request_from_form(const RequestContext& context) {
  domain::HandoverRequest request;
  request.to_user_id = optional_id(context.form_value("to_user_id"), 0).value_or(0);
  request.kind = context.form_value("kind");
  request.reason = context.form_value("reason");
  const std::string warm = trimmed(context.form_value("warm_handover_on"));
  if (!warm.empty()) request.warm_handover_on = warm;
  request.no_warm_reason = context.form_value("no_warm_reason");
  request.open_actions = context.form_value("open_actions");
  request.confirm_third_change = context.form_value("confirm_third_change") == "yes";
  return request;
}

TemplateData continuity_data(const RequestContext& context, const domain::ContinuityIndices& c,
                             const domain::ContinuityFlags& flags) {
  auto percent = [&](const std::optional<double>& value) {
    if (!value) return context.text("household.continuity.undefined");
    return std::to_string(std::lround(*value * 100.0)) + "%";
  };
  TemplateData continuity;
  continuity.set("window_days", std::to_string(c.window_days));
  continuity.set("contacts", std::to_string(c.contacts));
  continuity.set("distinct_faces", std::to_string(c.distinct_faces));
  continuity.set("distinct_faces_90d", std::to_string(c.distinct_faces_90d));
  continuity.set("upc", percent(c.upc));
  continuity.set("coc", percent(c.coc));
  continuity.set("secon", percent(c.secon));
  continuity.set("flagged", flags.any());
  continuity.set("many_faces", flags.many_faces);
  continuity.set("fixed_contact_changes", flags.fixed_contact_changes);
  return continuity;
}

}  // namespace gezicht::web
