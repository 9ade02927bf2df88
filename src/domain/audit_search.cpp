#include "domain/audit_search.hpp"

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

// A whole number from `low` to `high`; nullopt for anything else.
std::optional<std::int64_t> whole_number(std::string_view text, std::int64_t low, std::int64_t high) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < low || value > high) return std::nullopt;
  return value;
}

constexpr std::int64_t largest_id = 1000000000000000;

// The UTC instant at which an Amsterdam calendar day starts.
std::string start_of_amsterdam_day(const Date& day) {
  const auto instant = parse_amsterdam_local(format_date(day) + "T00:00");
  if (!instant) throw std::logic_error("no start of day for " + format_date(day));
  return format_timestamp(*instant);
}

// Named fields, unset ones left empty (designated initializers would warn of each).
AuditFieldMatch match_of(const char* action, const char* result, const char* part, const char* purpose_prefix) {
  AuditFieldMatch match;
  if (action) match.action = action;
  if (result) match.result = result;
  if (part) match.part = part;
  if (purpose_prefix) match.purpose_prefix = purpose_prefix;
  return match;
}

bool matches(const AuditEntryFields& entry, const AuditFieldMatch& match) {
  if (match.action && entry.action != *match.action) return false;
  if (match.result && entry.result != *match.result) return false;
  if (match.part && entry.part != *match.part) return false;
  if (match.purpose_prefix && !entry.purpose.starts_with(*match.purpose_prefix)) return false;
  return true;
}

}  // namespace

const char* to_string(AuditKind kind) {
  switch (kind) {
    case AuditKind::any: return "";
    case AuditKind::emergency: return "emergency";
    case AuditKind::shared: return "shared";
    case AuditKind::refused: return "refused";
  }
  throw std::logic_error("unknown audit kind");
}

std::optional<AuditKind> parse_audit_kind(std::string_view text) {
  if (text.empty()) return AuditKind::any;
  for (auto kind : audit_kinds) {
    if (text == to_string(kind)) return kind;
  }
  return std::nullopt;
}

std::vector<AuditFieldMatch> audit_kind_matches(AuditKind kind) {
  switch (kind) {
    case AuditKind::any: return {};
    // Breaking the glass is logged as its own action; what is read under it
    // carries the basis "emergency until ..." as its purpose.
    case AuditKind::emergency:
      return {match_of("emergency_access", nullptr, nullptr, nullptr),
              match_of(nullptr, nullptr, nullptr, "emergency")};
    // Reads through a share carry the basis "shared: <purpose>"; deciding to
    // share, or to withdraw, is a change of the record's sharing part.
    case AuditKind::shared:
      return {match_of(nullptr, "allowed", nullptr, "shared"), match_of("create", "allowed", "sharing", nullptr),
              match_of("change", "allowed", "sharing", nullptr)};
    case AuditKind::refused: return {match_of(nullptr, "denied", nullptr, nullptr)};
  }
  throw std::logic_error("unknown audit kind");
}

bool is_of_kind(const AuditEntryFields& entry, AuditKind kind) {
  if (kind == AuditKind::any) return true;
  for (const auto& match : audit_kind_matches(kind)) {
    if (matches(entry, match)) return true;
  }
  return false;
}

bool is_user_number(std::string_view text) { return whole_number(text, 1, largest_id).has_value(); }

AuditSearch parse_audit_search(const AuditSearchInput& input) {
  AuditSearch search;
  std::vector<FieldError> errors;
  if (!input.household.empty()) {
    search.household_id = whole_number(input.household, 1, largest_id);
    if (!search.household_id) errors.push_back({"household", "audit_search.household_invalid"});
  }
  if (is_user_number(input.person)) search.actor_user_id = whole_number(input.person, 1, largest_id);
  if (auto kind = parse_audit_kind(input.kind)) {
    search.kind = *kind;
  } else {
    errors.push_back({"kind", "audit_search.kind_invalid"});
  }
  std::optional<Date> from;
  std::optional<Date> to;
  // A day of a year with four digits, and one after it (the end of the period is the next day's start).
  const auto day = [](const std::string& text) {
    auto date = parse_date(text);
    return date && date->year <= 9998 ? date : std::nullopt;
  };
  if (!input.from.empty()) {
    from = day(input.from);
    if (!from) errors.push_back({"from", "audit_search.date_invalid"});
  }
  if (!input.to.empty()) {
    to = day(input.to);
    if (!to) errors.push_back({"to", "audit_search.date_invalid"});
  }
  if (from && to && *to < *from) errors.push_back({"to", "audit_search.period_order"});
  if (from) search.from_at = start_of_amsterdam_day(*from);
  if (to) search.until_at = start_of_amsterdam_day(date_from_days(days_since_epoch(*to) + 1));
  if (!input.before.empty()) {
    search.before_seq = whole_number(input.before, 1, largest_id);
    if (!search.before_seq) errors.push_back({"before", "before.invalid"});
  }
  search.limit = audit_search_default_limit;
  if (!input.limit.empty()) {
    const auto limit = whole_number(input.limit, 1, audit_search_max_limit);
    if (limit) {
      search.limit = static_cast<int>(*limit);
    } else {
      errors.push_back({"limit", "limit.invalid"});
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  return search;
}

}  // namespace gezicht::domain
