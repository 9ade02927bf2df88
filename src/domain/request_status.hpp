#pragma once
// The state of a resident's request for help as the resident sees it: has the
// promised person been in touch, and was the promise kept.

#include <optional>
#include <string>

namespace gezicht::domain {

enum class RequestState {
  waiting,    // no contact yet, the promised day has not passed
  overdue,    // no contact yet, and the promised day has passed
  contacted,  // contact was made on or before the promised day
  late,       // contact was made, after the promised day
};
const char* to_string(RequestState state);

// promised_by: "YYYY-MM-DD" (the last day, in Amsterdam); first_contact_on:
// the day of first contact in Amsterdam, if any; today: the day in Amsterdam.
RequestState request_state(const std::string& promised_by, const std::optional<std::string>& first_contact_on,
                           const std::string& today);
// Whether the promise was kept, once it can be told (nullopt while waiting).
std::optional<bool> promise_kept(RequestState state);

}  // namespace gezicht::domain
