#pragma once
// Time in the neighbourhood as pages and the JSON API show it: one
// professional's own records, and the front door's "deze week in uw wijk".

#include "service/outreach_service.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// "dinsdag 8 december, 10:00 - 12:00" in Amsterdam time, in the reader's language.
std::string time_span_text(const RequestContext& context, std::int64_t starts_at, std::int64_t ends_at);

TemplateData outreach_row_data(const RequestContext& context, const storage::OutreachRow& row);
Json outreach_row_json(const storage::OutreachRow& row);

TemplateList presence_data(const RequestContext& context,
                           const std::vector<service::OutreachService::PresenceItem>& items);
Json presence_json(const std::vector<service::OutreachService::PresenceItem>& items);

}  // namespace gezicht::web
