#pragma once
// The household record as JSON (API) and as template data (page), from the
// same view, so both say the same thing.

#include "service/household_service.hpp"
#include "web/json_io.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// The household record's JSON text, written directly (it is the API's most
// read answer); same fields as the page.
std::string household_json(const service::HouseholdView& view);
Json caseload_json(const std::vector<service::CaseloadEntry>& entries);

}  // namespace gezicht::web
