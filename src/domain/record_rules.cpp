#include "domain/record_rules.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/continuity.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

bool listed(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

const std::vector<std::string>& action_statuses() {
  static const std::vector<std::string> statuses{"open", "done", "cancelled"};
  return statuses;
}

const std::vector<std::string>& goal_statuses() {
  static const std::vector<std::string> statuses{"open", "reached", "dropped"};
  return statuses;
}

void validate_action_status(std::string_view status) {
  if (!listed(action_statuses(), status)) throw ValidationError("status", "status.invalid");
}

void validate_goal_status(std::string_view status) {
  if (!listed(goal_statuses(), status)) throw ValidationError("status", "status.invalid");
}

bool is_overdue(std::string_view status, std::string_view due_on, const Date& today) {
  if (status != open_status) return false;
  const auto due = parse_date(due_on);
  return due && *due < today;
}

std::optional<std::string> inverse_relation(std::string_view relation) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> inverses{{
      {"partner", "partner"},
      {"parent", "child"},
      {"child", "parent"},
      {"sibling", "sibling"},
      {"carer", "other"},
      {"other", "other"},
  }};
  for (const auto& [from, to] : inverses) {
    if (from == relation) return std::string(to);
  }
  return std::nullopt;
}

bool counts_as_fixed_contact_change(const FixedContactChange& change) {
  if (change.from_user_id && *change.from_user_id == change.to_user_id) return false;
  if (change.kind == "assignment") return change.from_user_id.has_value();
  return true;
}

int fixed_contact_changes_since(const std::vector<FixedContactChange>& changes, const std::string& since) {
  return static_cast<int>(std::count_if(changes.begin(), changes.end(), [&](const FixedContactChange& change) {
    return change.changed_at >= since && counts_as_fixed_contact_change(change);
  }));
}

bool handover_needs_confirmation(int fixed_contact_changes_in_year) {
  return fixed_contact_changes_in_year > max_fixed_contact_changes_in_year;
}

std::optional<Date> former_contact_reads_until(const FixedContactChange& change) {
  if (!change.from_user_id || change.kind == "assignment") return std::nullopt;
  const auto changed = parse_timestamp(change.changed_at);
  if (!changed) return std::nullopt;
  if (change.warm_handover_on) return parse_date(*change.warm_handover_on);
  if (change.kind != "handover") return std::nullopt;
  return add_working_days(amsterdam_date(*changed), former_contact_read_working_days);
}

std::optional<Date> former_contact_read_access(const std::vector<FixedContactChange>& changes, std::int64_t user_id,
                                               std::int64_t now) {
  const FixedContactChange* latest = nullptr;
  for (const auto& change : changes) {
    if (!change.from_user_id || *change.from_user_id != user_id) continue;
    if (!latest || change.changed_at > latest->changed_at) latest = &change;
  }
  if (!latest) return std::nullopt;
  const auto until = former_contact_reads_until(*latest);
  if (!until || *until < amsterdam_date(now)) return std::nullopt;
  return until;
}

void validate_handover_choices(const HandoverRequest& request, const HandoverSituation& situation) {
  std::vector<FieldError> errors;
  if (request.open_actions.empty()) {
    if (situation.former_contact_open_actions > 0) errors.push_back({"open_actions", "open_actions.required"});
  } else if (request.open_actions != open_actions_hand_over && request.open_actions != open_actions_keep) {
    errors.push_back({"open_actions", "open_actions.invalid"});
  }
  if (handover_needs_confirmation(situation.fixed_contact_changes_in_year) && !request.confirm_third_change) {
    errors.push_back({"confirm_third_change", "confirm_third_change.required"});
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace gezicht::domain
