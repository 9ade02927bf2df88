#include "web/access_presenter.hpp"

#include <optional>

#include "domain/access_log.hpp"
#include "domain/calendar.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::web {
namespace {

// A translated text when the key exists, otherwise nothing.
std::optional<std::string> maybe_text(const RequestContext& context, const std::string& key) {
  const auto& texts = context.app.translations.all(context.language);
  auto found = texts.find(key);
  if (found == texts.end()) return std::nullopt;
  return found->second;
}

// "shared: schuldhulp" -> basis "shared" and detail "schuldhulp"; a reason
// given for an emergency stays as written.
std::string why(const RequestContext& context, const storage::AuditRecord& entry) {
  if (entry.action == "emergency_access") return entry.purpose;
  const auto end = entry.purpose.find_first_of(": ");
  const std::string basis = entry.purpose.substr(0, end);
  const std::string detail =
      end == std::string::npos ? "" : entry.purpose.substr(entry.purpose.find_first_not_of(": ", end));
  if (auto text = maybe_text(context, "audit.basis." + basis))
    return detail.empty() ? *text : *text + " (" + detail + ")";
  return entry.purpose;
}

std::string parts_text(const RequestContext& context, const std::string& parts) {
  std::string text;
  std::size_t at = 0;
  while (at <= parts.size()) {
    const auto comma = parts.find(',', at);
    const auto part = parts.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    if (!part.empty()) {
      if (!text.empty()) text += comma == std::string::npos ? context.text("audit.and") : ", ";
      text += maybe_text(context, "audit.part." + part).value_or(part);
    }
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return text;
}

std::string who(const RequestContext& context, const storage::AuditRecord& entry) {
  const std::string role = maybe_text(context, "role." + entry.actor_role).value_or(entry.actor_role);
  return entry.actor_name + " (" + role + ", " + entry.organisation + ")";
}

}  // namespace

std::string describe_access(const RequestContext& context, const storage::AuditRecord& entry) {
  const std::string action = maybe_text(context, "audit.action." + entry.action).value_or(entry.action);
  std::string sentence = who(context, entry) + " " + action + " " + parts_text(context, entry.part);
  if (entry.result == "denied") sentence += " " + context.text("audit.denied");
  return sentence + ". " + context.text("audit.why") + " " + domain::as_sentence_end(why(context, entry));
}

Json access_entry_json(const RequestContext& context, const storage::AuditRecord& entry) {
  return {{"seq", entry.seq},
          {"at", entry.at},
          {"who", {{"name", entry.actor_name}, {"role", entry.actor_role}, {"organisation", entry.organisation}}},
          {"part", entry.part},
          {"action", entry.action},
          {"result", entry.result},
          {"purpose", entry.purpose},
          {"summary", describe_access(context, entry)}};
}

TemplateData access_entry_data(const RequestContext& context, const storage::AuditRecord& entry) {
  TemplateData row;
  row.set("at", entry.at);
  const auto parsed = domain::parse_timestamp(entry.at);
  row.set("at_text", parsed ? domain::format_amsterdam(*parsed) : entry.at);
  row.set("summary", describe_access(context, entry));
  row.set("denied", entry.result == "denied");
  row.set("emergency", entry.action == "emergency_access");
  return row;
}

Json access_line_json(const RequestContext& context, const service::AccessLogLine& line) {
  Json item = access_entry_json(context, line.newest);
  item["count"] = line.count;
  item["first_at"] = line.oldest_at;
  return item;
}

TemplateData access_line_data(const RequestContext& context, const service::AccessLogLine& line) {
  TemplateData row = access_entry_data(context, line.newest);
  row.set("repeated", line.count > 1);
  row.set("count", std::to_string(line.count));
  row.set("oldest_at", line.oldest_at);
  const auto parsed = domain::parse_timestamp(line.oldest_at);
  row.set("oldest_at_text", parsed ? domain::format_amsterdam(*parsed) : line.oldest_at);
  return row;
}

namespace {

// A whole number from `low` to `high`, or nothing when the parameter is absent.
std::optional<std::int64_t> number_parameter(const RequestContext& context, const std::string& name, std::int64_t low,
                                             std::int64_t high) {
  const std::string text = context.query_value(name);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || value > high) throw domain::ValidationError(name, name + ".invalid");
    value = value * 10 + (c - '0');
  }
  if (value < low || value > high) throw domain::ValidationError(name, name + ".invalid");
  return value;
}

}  // namespace

AccessLogQuery access_log_query(const RequestContext& context) {
  AccessLogQuery query;
  query.before = number_parameter(context, "before", 1, 1000000000000000);
  query.limit = static_cast<int>(
      number_parameter(context, "limit", 1, domain::access_log_max_lines).value_or(domain::access_log_default_lines));
  return query;
}

}  // namespace gezicht::web
