#include "web/pages/form_errors.hpp"

#include <set>

#include "web/page_renderer.hpp"

namespace gezicht::web {

void add_form_errors(const RequestContext& context, TemplateData& data, const domain::ValidationError& error,
                     const std::function<std::string(const std::string&)>& anchor_for) {
  TemplateList summary;
  std::set<std::string> seen;
  for (const auto& field_error : error.errors()) {
    if (!seen.insert(field_error.field).second) continue;
    const std::string message = error_text(context, field_error.message_key);
    TemplateData item;
    item.set("field", field_error.field);
    item.set("anchor", anchor_for(field_error.field));
    item.set("message", message);
    summary.push_back(std::move(item));
    data.set("error_" + field_error.field, message);
  }
  data.set("has_errors", true);
  put(data, "errors", std::move(summary));
}

}  // namespace gezicht::web
