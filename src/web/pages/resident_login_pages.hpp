#pragma once
// A resident's own way in: an e-mail address, then the code sent there; or
// an invitation's link; or DigiD. Never the staff's login page.

#include "web/router.hpp"

namespace gezicht::web {

void add_resident_login_pages(Router& router);

}  // namespace gezicht::web
