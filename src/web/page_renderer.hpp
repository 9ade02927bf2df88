#pragma once
// Renders a page template inside the common layout (header, language
// switch, navigation, footer with the municipality's phone number).

#include <string>
#include <string_view>

#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// `title_key` is a translation key for <title> and the layout's heading context.
Response render_page(RequestContext& context, std::string_view template_name, TemplateData data,
                     std::string_view title_key, int status = 200);
// An error page in the user's language; the message key is translated.
Response render_error_page(RequestContext& context, int status, std::string_view message_key);
// 303 See Other, the answer to a form POST that worked (or needs a login).
Response redirect(std::string location);
// The translated message for a message key, as in errors ("error.<key>").
std::string error_text(const RequestContext& context, std::string_view message_key);

}  // namespace gezicht::web
