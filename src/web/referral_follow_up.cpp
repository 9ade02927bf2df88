#include "web/referral_follow_up.hpp"

#include "domain/text.hpp"
#include "storage/referral_repository.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {

void confirm_referral_by_mail(RequestContext& context, const service::ReferralReceipt& receipt,
                              const std::string& email, const std::string& language) {
  const std::string to(domain::trim_view(email));
  if (receipt.repeated || to.empty()) return;
  auto& connection = context.connection();
  const auto referral = storage::ReferralRepository(connection).find_by_reference(receipt.reference);
  if (!referral) throw std::logic_error("a referral just made is gone: " + receipt.reference);
  storage::Transaction transaction(connection);
  const auto token = context.app.request_status.new_link(connection, referral->id);
  transaction.commit();
  RequestContext& reader = context;
  const std::string saved_language = reader.language;
  // The e-mail in the language the resident chose for contact.
  if (context.app.translations.supports(language)) reader.language = language;
  const std::string promised = long_date(reader, receipt.promised_by);
  reader.language = saved_language;
  context.app.mail.queue({"referral_received",
                          to,
                          language,
                          {{"reference", receipt.reference},
                           {"contact", receipt.contact.name},
                           {"phone", receipt.contact.phone},
                           {"promised_by", promised},
                           {"url", context.app.resident_login.public_url() + "/mijn-aanvraag/" + token}}});
}

void invite_follower(RequestContext& context, const std::string& reference) {
  context.app.resident_login.invite_follower(context.connection(), reference);
}

}  // namespace gezicht::web
