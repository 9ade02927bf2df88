#pragma once
// The household record as professionals see it (one household, one plan,
// one face): a short overview and one page per section with its forms, the
// contacts log and the caseload of the fixed contact.

#include "web/pages/household_view_model.hpp"
#include "web/router.hpp"

namespace gezicht::web {

// Adds every household page and form route (the record's pages here, the
// forms, the contacts log and the caseload from their own files).
void add_household_pages(Router& router);

// Reads the record through HouseholdService::view (access checked, the read
// in the audit trail) and renders one of its pages; a form's POST renders its
// section again this way when the input was invalid.
Response render_record_section(RequestContext& context, RecordSection section, const SentForm& sent, int status = 200);

}  // namespace gezicht::web
