#include "web/referral_follow_up.hpp"

#include "domain/text.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {

void confirm_referral_by_mail(RequestContext& context, const service::ReferralReceipt& receipt,
                              const std::string& email, const std::string& language) {
  const std::string to(domain::trim_view(email));
  if (receipt.repeated || to.empty() || receipt.status_token.empty()) return;
  // The promised day in the language the resident chose for contact.
  const std::string saved_language = context.language;
  if (context.app.translations.supports(language)) context.language = language;
  const std::string promised = long_date(context, receipt.promised_by);
  context.language = saved_language;
  // After the request's own commit (the words need the web layer's dates): a
  // crash in between loses this confirmation, never the request, whose
  // answer on the page says the same.
  context.app.mail.queue(
      context.connection(),
      {"referral_received",
       to,
       language,
       {{"reference", receipt.reference},
        {"contact", receipt.contact.name},
        {"phone", receipt.contact.phone},
        {"promised_by", promised},
        {"url", context.app.resident_login.public_url() + "/mijn-aanvraag/" + receipt.status_token}}});
}

void invite_follower(RequestContext& context, const std::string& reference) {
  context.app.resident_login.invite_follower(context.connection(), reference);
}

}  // namespace gezicht::web
