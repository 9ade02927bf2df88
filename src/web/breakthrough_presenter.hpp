#pragma once
// What the breakthrough pages show and the JSON API sends, from the same values.

#include <string>

#include "service/breakthrough_service.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"

namespace gezicht::web {

Json breakthrough_summary_json(const service::BreakthroughSummary& summary);
Json breakthrough_detail_json(const service::BreakthroughDetail& detail);
Json budget_json(const service::BudgetView& budget);
// The year asked for in `parameter`, or this year in Amsterdam;
// ValidationError(parameter, "year.invalid") for anything but a year.
std::int64_t budget_year(const RequestContext& context, const std::string& parameter);

}  // namespace gezicht::web
