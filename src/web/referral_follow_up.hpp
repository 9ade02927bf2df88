#pragma once
// What follows a self-referral by e-mail (page and API alike): the
// confirmation with a link to the request's state, when the resident gave an
// address; and after a professional met them, the portal invitation they
// asked for.

#include <string>

#include "service/referral_service.hpp"
#include "web/request_context.hpp"

namespace gezicht::web {

// Queues the confirmation in the new request's transaction (submit's
// `with_new`); nothing without an address. A request sent again with its key
// does not call it: it was confirmed then.
service::WithNewReferral confirm_referral_by_mail(RequestContext& context, const std::string& email,
                                                  const std::string& language);
void invite_follower(RequestContext& context, const std::string& reference);

}  // namespace gezicht::web
