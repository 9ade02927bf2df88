#pragma once
// The dashboard and the mirror as a page (SVG charts drawn on the server,
// each with its table), JSON, CSV and XLSX: one table of rows underneath,
// so every output shows the same figures with the same suppression.

#include <string>
#include <vector>

#include "service/dashboard_service.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// One figure for one group ("all": the whole population).
struct DashboardRow {
  std::string theme;
  std::string metric;
  std::string kind;  // share, median, total
  std::string group;
  bool suppressed = true;
  std::int64_t n = 0;
  double value = 0;  // in the metric's unit: shares 0..1, indices 0..1, hours, euros
  double ci_low = 0;
  double ci_high = 0;
  std::string flag;  // none, below, above
};
std::vector<DashboardRow> dashboard_rows(const domain::Dashboard& dashboard);

Json dashboard_json(const service::DashboardView& view);
Json mirror_json(const service::MirrorView& view);
std::string dashboard_csv(const RequestContext& context, const service::DashboardView& view);
std::string dashboard_xlsx(const RequestContext& context, const service::DashboardView& view);
std::string dashboard_file_name(const service::DashboardView& view, const std::string& extension);

TemplateData dashboard_page_data(const RequestContext& context, const service::DashboardView& view);
TemplateData mirror_page_data(const RequestContext& context, const service::MirrorView& view);

}  // namespace gezicht::web
