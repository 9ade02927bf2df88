#include "web/pages/dashboard_pages.hpp"

#include "domain/validation_error.hpp"
#include "web/dashboard_view.hpp"
#include "web/download.hpp"
#include "web/page_renderer.hpp"

namespace gezicht::web {
namespace {

Response dashboard_page(RequestContext& context) {
  const auto format = context.query_value("formaat");
  if (!format.empty() && format != "csv" && format != "xlsx") {
    throw domain::ValidationError("formaat", "format.invalid");
  }
  const service::DashboardQuery query{context.query_value("van"), context.query_value("tot"),
                                      context.query_value("team"), context.query_value("indeling")};
  const auto view = context.app.dashboard.dashboard(context.connection(), *context.actor, query);
  context.release_connection();
  if (format == "csv") return file_download(dashboard_csv(context, view), format, dashboard_file_name(view, format));
  if (format == "xlsx") return file_download(dashboard_xlsx(context, view), format, dashboard_file_name(view, format));
  return render_page(context, "dashboard", dashboard_page_data(context, view), "dashboard.title");
}

Response mirror_page(RequestContext& context) {
  const auto view = context.app.dashboard.mirror(context.connection(), *context.actor, context.query_value("van"),
                                                 context.query_value("tot"));
  context.release_connection();
  return render_page(context, "mirror", mirror_page_data(context, view), "mirror.title");
}

}  // namespace

void add_dashboard_pages(Router& router) {
  using P = domain::Permission;
  router.add(personal_data({"GET", "/dashboard", P::dashboard, RouteKind::page, dashboard_page}));
  router.add(personal_data({"GET", "/mijn-spiegel", P::own_mirror, RouteKind::page, mirror_page}));
}

}  // namespace gezicht::web
