#pragma once
// What follows a self-referral by e-mail (page and API alike): the
// confirmation with a link to the request's state, when the resident gave an
// address; and after a professional met them, the portal invitation they
// asked for.

#include <string>

#include "service/referral_service.hpp"
#include "web/request_context.hpp"

namespace gezicht::web {

// Nothing for a request sent again with its key (it was confirmed then).
void confirm_referral_by_mail(RequestContext& context, const service::ReferralReceipt& receipt,
                              const std::string& email, const std::string& language);
void invite_follower(RequestContext& context, const std::string& reference);

}  // namespace gezicht::web
