#pragma once
// "In de wijk": a professional records their time in the neighbourhood.

#include "web/router.hpp"

namespace gezicht::web {

void add_outreach_pages(Router& router);

}  // namespace gezicht::web
