#pragma once
// Rules about a household's record that more than one layer needs: when an
// action is overdue, which statuses a goal or action may have, how a
// relation between members reads the other way, what counts as a change of
// fixed contact and when a handover must be confirmed, and how long a former
// fixed contact keeps reading the record. Pure functions: the caller brings
// the time and the rows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/household.hpp"

namespace gezicht::domain {

// Statuses. An action is open, done or cancelled; a goal is open, reached or
// dropped. Only "open" ones still ask for something.
inline constexpr std::string_view open_status = "open";
const std::vector<std::string>& action_statuses();
const std::vector<std::string>& goal_statuses();
// Throw ValidationError("status", "status.invalid") for anything else.
void validate_action_status(std::string_view status);
void validate_goal_status(std::string_view status);

// An action is overdue when it is still open and its day (YYYY-MM-DD, the
// municipality's calendar) lies before today: on the day itself it is due,
// not late. An unreadable date is never overdue.
bool is_overdue(std::string_view status, std::string_view due_on, const Date& today);
inline bool is_overdue(const Action& action, const Date& today) {
  return is_overdue(action.status, action.due_on, today);
}

// How a relation reads from the other member: a parent's child is a child's
// parent; a carer's other side is "other". nullopt for an unknown relation.
std::optional<std::string> inverse_relation(std::string_view relation);

// A change of fixed contact, as the resident lives it: a new face. A
// handover and a resident's request count. The first assignment (no one
// before) does not. A re-assignment after the former contact left (kind
// "assignment" with a former contact) counts too: it used to be counted as
// no change, but for the resident it is a new face all the same, and the
// continuity flag is about what the resident meets. Giving the household
// back to the same person is no change.
bool counts_as_fixed_contact_change(const FixedContactChange& change);
// The changes that count, changed at or after `since` (ISO UTC, as stored).
int fixed_contact_changes_since(const std::vector<FixedContactChange>& changes, const std::string& since);

// A handover on a household already flagged for changes of fixed contact
// (continuity_flags: more than max_fixed_contact_changes_in_year) makes
// things worse for the resident again: it needs an explicit confirmation.
bool handover_needs_confirmation(int fixed_contact_changes_in_year);

// The former fixed contact keeps reading (never changing) the record until
// the warm handover meeting (its day included), so that they can prepare it;
// without a meeting, for this many working days after the handover. After a
// resident's request without a meeting they stop at once: the resident asked
// for someone else.
inline constexpr int former_contact_read_working_days = 5;
// The last day (Amsterdam) the former contact of `change` reads, or nullopt
// when they stop at once.
std::optional<Date> former_contact_reads_until(const FixedContactChange& change);
// Whether `user_id` is a former fixed contact still reading the record at
// `now` (seconds since the epoch), judged by the latest change away from
// them; the day until which they read, if so.
std::optional<Date> former_contact_read_access(const std::vector<FixedContactChange>& changes, std::int64_t user_id,
                                               std::int64_t now);

// What the household looks like when it is handed over.
struct HandoverSituation {
  int former_contact_open_actions = 0;  // open actions of the former fixed contact's involvement
  int fixed_contact_changes_in_year = 0;
};
inline constexpr std::string_view open_actions_hand_over = "hand_over";
inline constexpr std::string_view open_actions_keep = "keep";
// The choices a handover form must make in its situation: what happens to
// the former contact's open actions ("open_actions": hand_over | keep;
// required only when there are any) and the confirmation of a change on a
// household already flagged ("confirm_third_change"). Throws ValidationError
// naming those fields.
void validate_handover_choices(const HandoverRequest& request, const HandoverSituation& situation);

}  // namespace gezicht::domain
