#include "web/referral_follow_up.hpp"

#include "domain/text.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {

service::WithNewReferral confirm_referral_by_mail(RequestContext& context, const std::string& email,
                                                  const std::string& language) {
  std::string to(domain::trim_view(email));
  if (to.empty()) return {};
  return [&context, to = std::move(to), language](storage::Connection& connection,
                                                  const service::ReferralReceipt& receipt) {
    // The promised day in the language the resident chose for contact.
    const auto& translations = context.app.translations;
    const std::string promised =
        long_date(translations, translations.supports(language) ? language : context.language, receipt.promised_by);
    context.app.mail.queue(
        connection, {"referral_received",
                     to,
                     language,
                     {{"reference", receipt.reference},
                      {"contact", receipt.contact.name},
                      {"phone", receipt.contact.phone},
                      {"promised_by", promised},
                      {"url", context.app.resident_login.public_url() + "/mijn-aanvraag/" + receipt.status_token}}});
  };
}

void invite_follower(RequestContext& context, const std::string& reference) {
  context.app.resident_login.invite_follower(context.connection(), reference);
}

}  // namespace gezicht::web
