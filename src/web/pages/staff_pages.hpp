#pragma once
// The pages professionals use: login, inbox, a referral and its first contact.

#include "web/router.hpp"

namespace gezicht::web {

void add_staff_pages(Router& router);

// A redirect target from a form is only followed within this site.
std::string safe_next(const std::string& next);

}  // namespace gezicht::web
