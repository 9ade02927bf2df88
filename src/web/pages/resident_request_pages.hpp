#pragma once
// What residents asked from the portal, for those who answer it: the fixed
// contact (a correction of what matters) and the team lead (another contact
// person, an objection to a share).

#include "web/router.hpp"

namespace gezicht::web {

void add_resident_request_pages(Router& router);

}  // namespace gezicht::web
