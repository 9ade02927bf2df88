#pragma once
// Faces with photos: the face itself (/gezichten/{id}: the photo, or the
// initials), one's own photo on the account page, and the administrator's
// page for anyone's.

#include "domain/validation_error.hpp"
#include "web/router.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

void add_photo_pages(Router& router);
// For a staff member's account page: their face and the form to change it.
void add_photo_to_account_page(RequestContext& context, TemplateData& data, const domain::ValidationError* error);

}  // namespace gezicht::web
