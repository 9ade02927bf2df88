#pragma once
// The pages professionals use: login, inbox, a referral and its first contact.

#include "web/router.hpp"

namespace gezicht::web {

void add_staff_pages(Router& router);

// A redirect target from a form is only followed within this site; for
// anything else (or nothing) the answer is `home`.
std::string safe_next(const std::string& next, const std::string& home);

}  // namespace gezicht::web
