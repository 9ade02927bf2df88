#pragma once
// The audit trail in plain words, for a household's access log (page and API).

#include <string>

#include "service/access_service.hpp"
#include "storage/records.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// "Sven Peters (Sociaal raadslid, Buurtteam Noord) bekeek het plan, als vaste contactpersoon."
std::string describe_access(const RequestContext& context, const storage::AuditRecord& entry);
Json access_entry_json(const RequestContext& context, const storage::AuditRecord& entry);
TemplateData access_entry_data(const RequestContext& context, const storage::AuditRecord& entry);
// A line of the access log: an entry, or a run of one person's refusals with its count.
Json access_line_json(const RequestContext& context, const service::AccessLogLine& line);
TemplateData access_line_data(const RequestContext& context, const service::AccessLogLine& line);

// The page and API's paging parameters: ?before=<cursor>&limit=<lines>.
struct AccessLogQuery {
  std::optional<std::int64_t> before;
  int limit = 0;
};
// Throws domain::ValidationError naming "before" or "limit" when they are not whole numbers in range.
AccessLogQuery access_log_query(const RequestContext& context);

}  // namespace gezicht::web
