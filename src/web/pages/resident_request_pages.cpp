#include "web/pages/resident_request_pages.hpp"

#include "domain/postcode.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"

namespace gezicht::web {
namespace {

Response requests_page(RequestContext& context) {
  const auto requests = context.app.portal.open_requests(context.connection(), *context.actor);
  context.release_connection();
  const bool team_lead = context.actor->access_role == domain::Role::teamlead;
  TemplateList rows;
  for (const auto& request : requests) {
    TemplateData row;
    row.set("id", std::to_string(request.id));
    row.set("kind_text", context.text("mijn.asked." + request.kind));
    row.set("address", domain::display_postcode(request.postcode) + " " + request.house_number);
    row.set("asked_by", request.asked_by_name);
    row.set("asked_text", amsterdam_text(request.asked_at));
    row.set("words", request.words);
    row.set("agreement_purpose", request.agreement_purpose);
    // The team lead's view of a household has no case content; the fixed contact opens the record.
    row.set("household_href",
            (team_lead ? "/team/huishoudens/" : "/huishoudens/") + std::to_string(request.household_id));
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("has_requests", !rows.empty());
  data.set("done", context.query_value("klaar") == "1");
  put(data, "requests", std::move(rows));
  return render_page(context, "resident_requests", data, "resident_requests.title");
}

Response answer(RequestContext& context) {
  context.app.portal.answer(context.connection(), *context.actor, context.required_id("request_id", "not_found"),
                            context.form_value("answer"));
  return redirect("/vragen-van-inwoners?klaar=1");
}

}  // namespace

void add_resident_request_pages(Router& router) {
  router.add(
      personal_data({"GET", "/vragen-van-inwoners", Permission::resident_requests, RouteKind::page, requests_page}));
  router.add(
      {"POST", "/vragen-van-inwoners/{request_id}/antwoord", Permission::resident_requests, RouteKind::page, answer});
}

}  // namespace gezicht::web
