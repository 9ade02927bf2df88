#include "domain/household.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

constexpr std::size_t max_words = 4000;

bool in(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Required free text (the resident's words): not empty, readable, not too long.
void check_words(std::vector<FieldError>& errors, const std::string& field, const std::string& text) {
  const auto trimmed = trim_view(text);
  if (trimmed.empty())
    errors.push_back({field, field + ".required"});
  else if (!is_clean_text(trimmed))
    errors.push_back({field, field + ".invalid"});
  else if (utf8_length(trimmed) > max_words)
    errors.push_back({field, field + ".too_long"});
}

void check_line(std::vector<FieldError>& errors, const std::string& field, const std::string& text, bool required) {
  const auto trimmed = trim_view(text);
  if (trimmed.empty()) {
    if (required) errors.push_back({field, field + ".required"});
  } else if (!is_clean_line(trimmed) || utf8_length(trimmed) > 300) {
    errors.push_back({field, field + ".invalid"});
  }
}

void throw_if_any(std::vector<FieldError>& errors) {
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace

const std::vector<std::string>& involvement_domains() {
  static const std::vector<std::string> domains{"buurtteam", "wmo",     "youth",  "income", "debt",
                                                "benefits",  "housing", "health", "school", "community"};
  return domains;
}

const std::vector<std::string>& contact_log_channels() {
  static const std::vector<std::string> channels{"home_visit", "walk_in", "phone", "video", "letter", "email"};
  return channels;
}

const std::vector<std::string>& member_relations() {
  static const std::vector<std::string> relations{"partner", "parent", "child", "sibling", "carer", "other"};
  return relations;
}

void validate_what_matters(const std::string& words) {
  std::vector<FieldError> errors;
  check_words(errors, "words", words);
  throw_if_any(errors);
}

void validate_goal(const std::string& words, const std::string& progress_sign) {
  std::vector<FieldError> errors;
  check_words(errors, "words", words);
  if (!trim_view(progress_sign).empty()) check_words(errors, "progress_sign", progress_sign);
  throw_if_any(errors);
}

void validate_action(const std::string& what, const std::string& due_on, const std::string& domain) {
  std::vector<FieldError> errors;
  check_words(errors, "what", what);
  if (due_on.empty())
    errors.push_back({"due_on", "due_on.required"});
  else if (!parse_date(due_on))
    errors.push_back({"due_on", "due_on.invalid"});
  if (!in(involvement_domains(), domain)) errors.push_back({"domain", "domain.invalid"});
  throw_if_any(errors);
}

void validate_involved(const Involved& involved) {
  std::vector<FieldError> errors;
  check_line(errors, "name", involved.name, true);
  check_line(errors, "organisation", involved.organisation, true);
  check_line(errors, "role", involved.role, true);
  if (!in(involvement_domains(), involved.domain)) errors.push_back({"domain", "domain.invalid"});
  check_line(errors, "does_what", involved.does_what, false);
  check_line(errors, "reach", involved.reach, false);
  throw_if_any(errors);
}

void validate_member(const std::string& name, const std::string& kind, std::optional<int> birth_year, int this_year) {
  std::vector<FieldError> errors;
  check_line(errors, "name", name, true);
  if (kind != "adult" && kind != "child") errors.push_back({"kind", "kind.invalid"});
  if (birth_year && (*birth_year < this_year - 120 || *birth_year > this_year)) {
    errors.push_back({"birth_year", "birth_year.invalid"});
  }
  throw_if_any(errors);
}

void validate_contact(std::optional<std::int64_t> at, const std::string& channel, std::int64_t now) {
  std::vector<FieldError> errors;
  if (!at)
    errors.push_back({"at", "at.invalid"});
  else if (*at > now + 300)
    errors.push_back({"at", "at.future"});
  else if (*at < now - 10LL * 365 * 86400)
    errors.push_back({"at", "at.too_old"});
  if (channel.empty())
    errors.push_back({"channel", "channel.required"});
  else if (!in(contact_log_channels(), channel))
    errors.push_back({"channel", "channel.invalid"});
  throw_if_any(errors);
}

void validate_handover(const HandoverRequest& request, bool target_is_active_professional, std::int64_t now) {
  std::vector<FieldError> errors;
  if (request.kind != "handover" && request.kind != "resident_request") errors.push_back({"kind", "kind.invalid"});
  if (!target_is_active_professional) errors.push_back({"to_user_id", "to_user_id.invalid"});
  if (request.kind == "handover" && trim_view(request.reason).empty()) errors.push_back({"reason", "reason.required"});
  if (!trim_view(request.reason).empty() && !is_clean_text(request.reason)) {
    errors.push_back({"reason", "reason.invalid"});
  }
  if (request.warm_handover_on) {
    // A date, and within a year of today either way.
    const auto date = parse_date(*request.warm_handover_on);
    const auto today = days_since_epoch(date_of(now));
    if (!date || days_since_epoch(*date) > today + 366 || days_since_epoch(*date) < today - 366) {
      errors.push_back({"warm_handover_on", "warm_handover_on.invalid"});
    }
  } else if (trim_view(request.no_warm_reason).empty()) {
    errors.push_back({"no_warm_reason", "no_warm_reason.required"});
  }
  throw_if_any(errors);
}

bool may_log_contact_with(const Involved& face, std::int64_t logged_with_involved_id) {
  return face.active || face.id == logged_with_involved_id;
}

bool may_hand_over(const HandingOver& who, std::optional<std::int64_t> fixed_contact_id,
                   std::optional<std::int64_t> fixed_contact_team_id) {
  if (!fixed_contact_id) return false;
  if (*fixed_contact_id == who.user_id) return true;
  return who.is_team_lead && who.team_id && fixed_contact_team_id && *who.team_id == *fixed_contact_team_id;
}

}  // namespace gezicht::domain
