#pragma once
// Two-factor login: the page where a professional sets up an authenticator
// app (GET shows the QR code and the key, POST confirms with a code), and the
// same through the API (/api/v1/me/two-factor).

#include "web/router.hpp"

namespace gezicht::web {

void add_two_factor_pages(Router& router);
void add_two_factor_api(Router& router);

}  // namespace gezicht::web
