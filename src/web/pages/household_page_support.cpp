#include "web/pages/household_page_support.hpp"

#include <charconv>

#include "domain/calendar.hpp"

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

}  // namespace gezicht::web
