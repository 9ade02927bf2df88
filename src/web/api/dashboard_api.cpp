// The dashboard and the mirror in the JSON API (and as CSV or XLSX): the
// same service, checks and suppression as the pages.
#include "domain/validation_error.hpp"
#include "web/api/api_routes.hpp"
#include "web/dashboard_view.hpp"
#include "web/download.hpp"

namespace gezicht::web {
namespace {

Response dashboard(RequestContext& context) {
  const auto format = context.query_value("format");
  if (!format.empty() && format != "json" && format != "csv" && format != "xlsx") {
    throw domain::ValidationError("format", "format.invalid");
  }
  const service::DashboardQuery query{context.query_value("from"), context.query_value("to"),
                                      context.query_value("team"), context.query_value("split")};
  const auto view = context.app.dashboard.dashboard(context.connection(), *context.actor, query);
  if (format == "csv" || format == "xlsx") {
    return file_download(format == "csv" ? dashboard_csv(context, view) : dashboard_xlsx(context, view), format,
                         dashboard_file_name(view, format));
  }
  return json_response(200, dashboard_json(view));
}

Response mirror(RequestContext& context) {
  const auto view = context.app.dashboard.mirror(context.connection(), *context.actor, context.query_value("from"),
                                                 context.query_value("to"));
  return json_response(200, mirror_json(view));
}

}  // namespace

void add_dashboard_api(Router& router) {
  using P = domain::Permission;
  router.add(personal_data({"GET", "/api/v1/dashboard", P::dashboard, RouteKind::api, dashboard}));
  router.add(personal_data({"GET", "/api/v1/me/mirror", P::own_mirror, RouteKind::api, mirror}));
}

}  // namespace gezicht::web
