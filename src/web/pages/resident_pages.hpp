#pragma once
// The pages residents use: the front door and self-referral.

#include "web/router.hpp"

namespace gezicht::web {

void add_resident_pages(Router& router);

}  // namespace gezicht::web
