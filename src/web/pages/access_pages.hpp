#pragma once
// Pages for need to know: breaking the glass, a household's access log and
// the auditor's overview.

#include "web/router.hpp"

namespace gezicht::web {

void add_access_pages(Router& router);

}  // namespace gezicht::web
