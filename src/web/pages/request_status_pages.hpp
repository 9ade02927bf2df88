#pragma once
// "Mijn aanvraag": the state of one's own request for help, without an
// account (the reference with the address, or the e-mail's link).

#include "web/router.hpp"

namespace gezicht::web {

void add_request_status_pages(Router& router);

}  // namespace gezicht::web
