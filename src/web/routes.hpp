#pragma once
// The whole route table, pages and API.

#include "web/router.hpp"

namespace gezicht::web {

Router make_router();

}  // namespace gezicht::web
