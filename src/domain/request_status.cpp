#include "domain/request_status.hpp"

namespace gezicht::domain {

const char* to_string(RequestState state) {
  switch (state) {
    case RequestState::waiting: return "waiting";
    case RequestState::overdue: return "overdue";
    case RequestState::contacted: return "contacted";
    case RequestState::late: return "late";
  }
  return "waiting";
}

RequestState request_state(const std::string& promised_by, const std::optional<std::string>& first_contact_on,
                           const std::string& today) {
  // Dates as YYYY-MM-DD compare as text.
  if (first_contact_on) return *first_contact_on <= promised_by ? RequestState::contacted : RequestState::late;
  return today <= promised_by ? RequestState::waiting : RequestState::overdue;
}

std::optional<bool> promise_kept(RequestState state) {
  switch (state) {
    case RequestState::waiting: return std::nullopt;
    case RequestState::contacted: return true;
    case RequestState::overdue:
    case RequestState::late: return false;
  }
  return std::nullopt;
}

}  // namespace gezicht::domain
