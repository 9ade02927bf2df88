#pragma once
// Breakthrough (doorbraak) pages: ask from the household, the members'
// queue and decisions, the team lead's overview and mandate, the budget.

#include "web/router.hpp"

namespace gezicht::web {

void add_breakthrough_pages(Router& router);

}  // namespace gezicht::web
