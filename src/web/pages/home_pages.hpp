#pragma once
// The homes of the roles that had none: a domain professional's households
// shared with their domain, a resident's own household, and every account's
// own page (the breakthrough team's home until its queue exists).
// domain::home_of says who lands where.

#include "domain/validation_error.hpp"
#include "web/router.hpp"

namespace gezicht::web {

void add_home_pages(Router& router);
// The account page, with the errors of its photo form when it was sent wrong (422).
Response account_page_with(RequestContext& context, const domain::ValidationError* photo_error);

}  // namespace gezicht::web
