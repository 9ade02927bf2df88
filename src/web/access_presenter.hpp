#pragma once
// The audit trail in plain words, for a household's access log (page and API).

#include <string>

#include "storage/records.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// "Sven Peters (Sociaal raadslid, Buurtteam Noord) bekeek het plan, als vaste contactpersoon."
std::string describe_access(const RequestContext& context, const storage::AuditRecord& entry);
Json access_entry_json(const RequestContext& context, const storage::AuditRecord& entry);
TemplateData access_entry_data(const RequestContext& context, const storage::AuditRecord& entry);

}  // namespace gezicht::web
