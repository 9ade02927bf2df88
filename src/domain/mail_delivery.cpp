#include "domain/mail_delivery.hpp"

#include <algorithm>
#include <stdexcept>

#include "domain/resident_login.hpp"

namespace gezicht::domain {

std::int64_t next_mail_attempt(std::int64_t attempts, std::int64_t now) {
  if (attempts < 1) throw std::invalid_argument("a retry follows at least one attempt");
  std::int64_t wait = first_mail_retry_seconds;
  for (std::int64_t i = 1; i < attempts && wait < longest_mail_retry_seconds; ++i) wait *= 2;
  return now + std::min(wait, longest_mail_retry_seconds);
}

std::int64_t mail_worth_sending_seconds(const std::string& kind) {
  constexpr std::int64_t three_days = 3 * 24 * 60 * 60;
  if (kind == "login_code") return login_code_seconds;
  if (kind == "invitation" || kind == "invitation_self") return invitation_seconds;
  if (kind == "referral_received" || kind == "feedback_invitation") return three_days;
  throw std::invalid_argument("no mail of kind '" + kind + "'");
}

}  // namespace gezicht::domain
