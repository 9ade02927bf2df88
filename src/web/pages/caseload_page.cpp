// The caseload of a fixed contact: a row per household with its counts, the
// last contact and the continuity flags.

#include <string>

#include "domain/postcode.hpp"
#include "service/household_service.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"

namespace gezicht::web {
namespace {

Response caseload_page(RequestContext& context) {
  const auto entries = context.app.households.caseload(context.connection(), *context.actor);
  context.release_connection();
  TemplateList rows;
  const bool handed_over = context.query_value("overgedragen") == "1";
  int open = 0;
  int overdue = 0;
  int flagged = 0;
  for (const auto& [row, flags] : entries) {
    const std::string address = domain::display_postcode(row.postcode) + " " + row.house_number;
    TemplateData item;
    item.set("household_id", std::to_string(row.household_id));
    item.set("name", row.name.empty() ? address : row.name);
    item.set("address", address);
    item.set("open_actions", std::to_string(row.open_actions));
    item.set("overdue_actions", std::to_string(row.overdue_actions));
    item.set("has_overdue", row.overdue_actions > 0);
    if (row.last_contact_at) {
      const std::string day = amsterdam_day(*row.last_contact_at);
      item.set("last_contact_on", day);
      item.set("last_contact_text", amsterdam_text(*row.last_contact_at).substr(0, 10));
    }
    item.set("faces_90d", std::to_string(row.faces_90d));
    item.set("flagged", flags.any());
    item.set("many_faces", flags.many_faces);
    item.set("fixed_contact_changes", flags.fixed_contact_changes);
    rows.push_back(std::move(item));
    open += row.open_actions;
    overdue += row.overdue_actions;
    if (flags.any()) ++flagged;
  }
  TemplateData data;
  put(data, "households", std::move(rows));
  data.set("handed_over", std::move(handed_over));
  data.set("has_households", !entries.empty());
  data.set("household_count", std::to_string(entries.size()));
  data.set("open_count", std::to_string(open));
  data.set("overdue_count", std::to_string(overdue));
  data.set("flagged_count", std::to_string(flagged));
  return render_page(context, "caseload", data, "caseload.title");
}

}  // namespace

void add_caseload_routes(Router& router) {
  router.add(personal_data({"GET", "/mijn-huishoudens", Permission::caseload, RouteKind::page, caseload_page}));
}

}  // namespace gezicht::web
