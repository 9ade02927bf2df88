#pragma once
// The household record as professionals see it (one household, one plan,
// one face) with its forms, and the caseload of the fixed contact.

#include "web/router.hpp"

namespace gezicht::web {

void add_household_pages(Router& router);

}  // namespace gezicht::web
