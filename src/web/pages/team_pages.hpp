#pragma once
// The team lead's pages: a flagged household as the team lead may see it,
// with the handover form, and re-assigning a request before first contact.

#include "web/router.hpp"

namespace gezicht::web {

void add_team_pages(Router& router);

}  // namespace gezicht::web
