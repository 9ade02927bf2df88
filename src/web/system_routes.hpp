#pragma once
// Health, metrics, stylesheets and generated avatars.

#include "web/router.hpp"

namespace gezicht::web {

void add_system_routes(Router& router);

// An SVG portrait stand-in: the initials on a colour derived from the id,
// with contrast above 4.5:1 so the letters stay readable.
std::string initials_avatar_svg(std::int64_t person_id, const std::string& name);

}  // namespace gezicht::web
