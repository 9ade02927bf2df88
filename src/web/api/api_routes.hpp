#pragma once
// The JSON API under /api/v1: the same services and checks as the pages.

#include "web/router.hpp"

namespace gezicht::web {

void add_public_api(Router& router);
void add_staff_api(Router& router);
void add_household_api(Router& router);
void add_access_api(Router& router);
void add_audit_api(Router& router);
void add_team_api(Router& router);
void add_photo_api(Router& router);
void add_home_api(Router& router);
void add_portal_api(Router& router);
void add_breakthrough_api(Router& router);
void add_outreach_api(Router& router);
void add_dashboard_api(Router& router);

}  // namespace gezicht::web
