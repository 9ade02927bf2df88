#pragma once
// What follows a contact logged by a professional (page and API alike): the
// household is asked by e-mail how it went, in the contact's transaction.

#include <cstdint>

#include "service/household_service.hpp"
#include "web/request_context.hpp"

namespace gezicht::web {

service::HouseholdService::WithNewContact invite_after_contact(RequestContext& context, std::int64_t household_id);

}  // namespace gezicht::web
