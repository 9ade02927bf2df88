#include "web/pages/household_pages.hpp"

#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"

namespace gezicht::web {

Response render_record_section(RequestContext& context, RecordSection section, const SentForm& sent, int status) {
  // Only the sharing page offers the legal bases a share may rest on.
  const auto view = context.app.households.view(context.connection(), *context.actor, household_id(context),
                                                {.legal_bases = section == RecordSection::sharing});
  context.release_connection();
  const auto& info = section_info(section);
  return render_page(context, info.template_name, record_section_data(context, view, section, sent), info.title_key,
                     status);
}

void add_household_pages(Router& router) {
  for (const auto& info : record_sections()) {
    const std::string pattern = info.path.empty() ? "/huishoudens/{id}" : "/huishoudens/{id}/" + std::string(info.path);
    const RecordSection section = info.section;
    router.add(
        personal_data({"GET", pattern, Permission::casework, RouteKind::page, [section](RequestContext& context) {
                         return render_record_section(context, section, SentForm{});
                       }}));
  }
  add_contacts_log_routes(router);
  add_household_form_routes(router);
  add_caseload_routes(router);
}

}  // namespace gezicht::web
