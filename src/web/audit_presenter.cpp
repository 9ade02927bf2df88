#include "web/audit_presenter.hpp"

#include "domain/calendar.hpp"
#include "web/access_presenter.hpp"
#include "web/url_encoding.hpp"

namespace gezicht::web {
namespace {

std::string csv_cell(std::string_view value) {
  std::string cell(value);
  // A spreadsheet runs a cell that starts like a formula; a reason typed by
  // someone must stay text ("=HYPERLINK(...)" would otherwise be a link).
  if (!cell.empty() &&
      (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string optional_id(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : std::string(); }

}  // namespace

domain::AuditSearchInput audit_search_input(const RequestContext& context) {
  return {context.query_value("household"), context.query_value("person"), context.query_value("kind"),
          context.query_value("from"),      context.query_value("to"),     context.query_value("before"),
          context.query_value("limit")};
}

std::string audit_search_query(const domain::AuditSearchInput& input) {
  std::string query;
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "" : "&") + std::string(name) + "=" + percent_encode(value);
  };
  add("household", input.household);
  add("person", input.person);
  add("kind", input.kind);
  add("from", input.from);
  add("to", input.to);
  add("limit", input.limit);
  return query;
}

TemplateData audit_entry_data(const RequestContext& context, const storage::AuditRecord& entry) {
  TemplateData row = access_entry_data(context, entry);
  row.set("seq", std::to_string(entry.seq));
  row.set("has_household", entry.household_id.has_value());
  row.set("household_id", optional_id(entry.household_id));
  row.set("has_person", entry.actor_user_id.has_value());
  row.set("person_id", optional_id(entry.actor_user_id));
  row.set("person_name", entry.actor_name);
  return row;
}

Json audit_entry_json(const RequestContext& context, const storage::AuditRecord& entry) {
  Json item = access_entry_json(context, entry);
  item["household_id"] = entry.household_id ? Json(*entry.household_id) : Json(nullptr);
  item["person_id"] = entry.actor_user_id ? Json(*entry.actor_user_id) : Json(nullptr);
  item["client_address"] = entry.client_address;
  item["route"] = entry.route;
  return item;
}

Json chain_check_json(const service::ChainCheck& check) {
  Json moves = Json::array();
  for (const auto& move : check.anchor_moves) {
    moves.push_back({{"entry", move.entry_seq},
                     {"at", move.at},
                     {"removed_from", move.removed_from},
                     {"removed_to", move.removed_to},
                     {"removed_count", move.removed_count}});
  }
  return {{"intact", check.intact},
          {"entries", check.entries},
          {"first_broken_entry", check.first_broken_seq ? Json(*check.first_broken_seq) : Json(nullptr)},
          {"problem", check.problem},
          {"head_hash", check.head_hash},
          {"first_entry", check.first_seq},
          {"retention_moves", std::move(moves)}};
}

std::string audit_csv(const service::AuditExport& exported) {
  std::string csv =
      "seq,at,household_id,person_id,person_name,role,organisation,on_behalf_of,part,action,result,purpose,"
      "client_address,route,hash\r\n";
  for (const auto& e : exported.entries) {
    csv += std::to_string(e.seq) + "," + csv_cell(e.at) + ",";
    csv += optional_id(e.household_id) + "," + optional_id(e.actor_user_id) + ",";
    for (const std::string* cell : {&e.actor_name, &e.actor_role, &e.organisation, &e.on_behalf_of, &e.part, &e.action,
                                    &e.result, &e.purpose, &e.client_address, &e.route}) {
      csv += csv_cell(*cell) + ",";
    }
    csv += e.hash + "\r\n";
  }
  return csv;
}

Response audit_csv_response(const RequestContext& context, const service::AuditExport& exported) {
  Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = audit_csv(exported);
  const std::string file =
      "gezicht-audittrail-" + domain::format_date(domain::amsterdam_date(context.app.clock.now())) + ".csv";
  response.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
  response.set_header("X-Gezicht-Truncated", exported.truncated ? "true" : "false");
  return response;
}

}  // namespace gezicht::web
