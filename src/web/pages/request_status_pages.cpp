#include "web/pages/request_status_pages.hpp"

#include "service/errors.hpp"
#include "web/page_renderer.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

Response status_page_for(RequestContext& context, const service::RequestStatus& status) {
  TemplateData data;
  data.set("found", true);
  data.set("reference", status.reference);
  data.set("state_text", context.text("status.state." + status.state));
  data.set("contact_name", status.contact.name);
  data.set("contact_job_title", status.contact.job_title);
  data.set("contact_phone", status.contact.phone);
  data.set("contact_phone_href", tel_href(status.contact.phone));
  data.set("contact_photo_url", photo_url(status.contact));
  data.set("promised_by", status.promised_by);
  data.set("promised_text", long_date(context, status.promised_by));
  if (status.first_contact_on) data.set("first_contact_text", long_date(context, *status.first_contact_on));
  data.set("overdue", status.state == "overdue");
  return render_page(context, "portal/status", data, "status.title");
}

Response status_page(RequestContext& context) {
  TemplateData data;
  data.set("reference", context.query_value("reference"));
  data.set("postcode", context.query_value("postcode"));
  data.set("house_number", context.query_value("house_number"));
  if (!context.query.contains("reference")) return render_page(context, "portal/status", data, "status.title");
  try {
    const auto status = context.app.request_status.look_up(
        context.connection(), context.query_value("reference"), context.query_value("postcode"),
        context.query_value("house_number"), context.request.remote_address);
    context.release_connection();
    return status_page_for(context, status);
  } catch (const service::NotFound& error) {
    context.release_connection();
    data.set("not_found", error_text(context, error.message_key()));
    return render_page(context, "portal/status", data, "status.title", 404);
  }
}

Response status_by_link(RequestContext& context) {
  const auto status =
      context.app.request_status.by_link(context.connection(), context.param("token"), context.request.remote_address);
  context.release_connection();
  return status_page_for(context, status);
}

}  // namespace

void add_request_status_pages(Router& router) {
  router.add(personal_data({"GET", "/mijn-aanvraag", Permission::public_access, RouteKind::page, status_page}));
  router.add(
      personal_data({"GET", "/mijn-aanvraag/{token}", Permission::public_access, RouteKind::page, status_by_link}));
}

}  // namespace gezicht::web
