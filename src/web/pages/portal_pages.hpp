#pragma once
// Mijn gezicht, the resident's own portal: home, plan, who helps, who looked,
// what is shared, another contact person, all data. The household is always
// the account's own.

#include "web/router.hpp"

namespace gezicht::web {

void add_portal_pages(Router& router);

}  // namespace gezicht::web
