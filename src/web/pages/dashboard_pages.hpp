#pragma once
// The dashboard and equity monitor (team leads, policy staff) and a
// professional's private mirror.

#include "web/router.hpp"

namespace gezicht::web {

void add_dashboard_pages(Router& router);

}  // namespace gezicht::web
