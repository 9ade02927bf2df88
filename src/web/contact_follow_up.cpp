#include "web/contact_follow_up.hpp"

namespace gezicht::web {

service::HouseholdService::WithNewContact invite_after_contact(RequestContext& context, std::int64_t household_id) {
  return [&context, household_id](storage::Connection& connection, std::int64_t contact_id) {
    context.app.experience.invite_after_contact(connection, household_id, contact_id);
  };
}

}  // namespace gezicht::web
