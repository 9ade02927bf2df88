#pragma once
// The auditor's search in the page and the API: the search from the query
// string, an entry as a row (with links to the household's access log and to
// the person's other entries), and an export as CSV.

#include <string>

#include "domain/audit_search.hpp"
#include "service/audit_chain.hpp"
#include "service/audit_search_service.hpp"
#include "storage/records.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// ?household=&person=&kind=&from=&to=&before=&limit=
domain::AuditSearchInput audit_search_input(const RequestContext& context);
// The same search as a query string ("household=9&kind=refused"), without the cursor.
std::string audit_search_query(const domain::AuditSearchInput& input);

TemplateData audit_entry_data(const RequestContext& context, const storage::AuditRecord& entry);
Json audit_entry_json(const RequestContext& context, const storage::AuditRecord& entry);
Json chain_check_json(const service::ChainCheck& check);

// RFC 4180 CSV, one header line, then one line per entry; a cell a
// spreadsheet would run as a formula (=, +, -, @) is written as text.
std::string audit_csv(const service::AuditExport& exported);
// The export as a download: "gezicht-audittrail-2026-12-05.csv", and whether it was cut at the maximum.
Response audit_csv_response(const RequestContext& context, const service::AuditExport& exported);

}  // namespace gezicht::web
