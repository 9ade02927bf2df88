#pragma once
// Puts a ValidationError onto a form template: an error summary with links
// to the fields, and each field's own message as error_<field>.

#include <functional>
#include <string>

#include "domain/validation_error.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// anchor_for maps a field name to the id of the input the summary links to.
void add_form_errors(const RequestContext& context, TemplateData& data, const domain::ValidationError& error,
                     const std::function<std::string(const std::string&)>& anchor_for);

}  // namespace gezicht::web
