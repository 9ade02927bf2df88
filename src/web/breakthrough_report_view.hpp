#pragma once
// The breakthrough policy report as a page (charts drawn on the server as
// SVG, each with its data table), as JSON, CSV and XLSX: the same figures,
// the same suppression.

#include <string>

#include "service/breakthrough_service.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// The period asked for in the query (`from_name`, `to_name`: YYYY-MM-DD),
// or this quarter in Amsterdam for what is left out.
struct ReportPeriod {
  std::string from;
  std::string to;
};
ReportPeriod report_period(const RequestContext& context, const std::string& from_name, const std::string& to_name);

TemplateData report_page_data(const RequestContext& context, const service::BreakthroughPolicyReport& report);
Json report_json(const service::BreakthroughPolicyReport& report);
std::string report_csv(const RequestContext& context, const service::BreakthroughPolicyReport& report);
std::string report_xlsx(const RequestContext& context, const service::BreakthroughPolicyReport& report);
// The download's file name: "doorbraken-2026-10-01-2026-12-31.csv".
std::string report_file_name(const service::BreakthroughPolicyReport& report, const std::string& extension);

}  // namespace gezicht::web
