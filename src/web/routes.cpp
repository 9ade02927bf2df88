#include "web/routes.hpp"

#include "web/api/api_routes.hpp"
#include "web/pages/access_pages.hpp"
#include "web/pages/audit_pages.hpp"
#include "web/pages/breakthrough_pages.hpp"
#include "web/pages/dashboard_pages.hpp"
#include "web/pages/feedback_pages.hpp"
#include "web/pages/home_pages.hpp"
#include "web/pages/household_pages.hpp"
#include "web/pages/outreach_pages.hpp"
#include "web/pages/photo_pages.hpp"
#include "web/pages/portal_pages.hpp"
#include "web/pages/request_status_pages.hpp"
#include "web/pages/resident_login_pages.hpp"
#include "web/pages/resident_pages.hpp"
#include "web/pages/resident_request_pages.hpp"
#include "web/pages/staff_pages.hpp"
#include "web/pages/team_pages.hpp"
#include "web/pages/two_factor_pages.hpp"
#include "web/system_routes.hpp"

namespace gezicht::web {

Router make_router() {
  Router router;
  add_resident_pages(router);
  add_resident_login_pages(router);
  add_request_status_pages(router);
  add_portal_pages(router);
  add_feedback_pages(router);
  add_breakthrough_pages(router);
  add_outreach_pages(router);
  add_dashboard_pages(router);
  add_resident_request_pages(router);
  add_staff_pages(router);
  add_household_pages(router);
  add_access_pages(router);
  add_audit_pages(router);
  add_team_pages(router);
  add_photo_pages(router);
  add_home_pages(router);
  add_two_factor_pages(router);
  add_public_api(router);
  add_staff_api(router);
  add_household_api(router);
  add_access_api(router);
  add_audit_api(router);
  add_team_api(router);
  add_photo_api(router);
  add_home_api(router);
  add_portal_api(router);
  add_breakthrough_api(router);
  add_outreach_api(router);
  add_dashboard_api(router);
  add_two_factor_api(router);
  add_system_routes(router);
  return router;
}

}  // namespace gezicht::web
