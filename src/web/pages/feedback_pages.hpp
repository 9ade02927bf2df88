#pragma once
// "Hoe ging het contact?": the resident's statements about a contact, and
// the team lead's figures per quarter (never a single answer).

#include "web/router.hpp"

namespace gezicht::web {

void add_feedback_pages(Router& router);

}  // namespace gezicht::web
