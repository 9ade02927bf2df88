#include "service/request_status_service.hpp"

#include <stdexcept>

#include "domain/calendar.hpp"
#include "domain/postcode.hpp"
#include "domain/referral.hpp"
#include "domain/request_status.hpp"
#include "service/errors.hpp"
#include "service/login_throttle.hpp"
#include "service/people.hpp"
#include "service/referral_service.hpp"
#include "storage/referral_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {

void RequestStatusService::check_throttle(storage::Connection& connection, const std::string& client_address) {
  if (!is_client_address(client_address)) return;
  if (const auto wait = failures_.wait(connection, client_address, failures_per_client, clock_.now()); wait > 0) {
    throw Throttled("request_status.throttled", "too many failed status look-ups from " + client_address, wait);
  }
}

void RequestStatusService::fail(storage::Connection& connection, const std::string& client_address) {
  if (is_client_address(client_address)) failures_.count(connection, client_address, clock_.now());
  throw NotFound("request_status.not_found", "no request with this reference and address");
}

RequestStatus RequestStatusService::answer(const storage::ReferralRecord& referral, const storage::UserRecord& contact,
                                           const std::string& client_address, const char* how) {
  RequestStatus status;
  status.reference = referral.reference;
  status.contact = to_person(contact);
  status.promised_by = referral.promised_by;
  if (referral.first_contact_at) {
    const auto at = domain::parse_timestamp(*referral.first_contact_at);
    if (!at) throw std::runtime_error("referral " + referral.reference + " has an unreadable first contact");
    status.first_contact_on = domain::format_date(domain::amsterdam_date(*at));
  }
  const auto state = domain::request_state(referral.promised_by, status.first_contact_on,
                                           domain::format_date(domain::amsterdam_date(clock_.now())));
  status.state = domain::to_string(state);
  status.kept = domain::promise_kept(state);
  // Someone who knew the reference looked: the household sees it in its access log.
  auto requester = anonymous_requester(client_address, "request status");
  requester.name = "Iemand met het kenmerk van de aanvraag";
  audit_.record_later(requester, {referral.household_id, "referral", "read", "allowed", how});
  return status;
}

RequestStatus RequestStatusService::look_up(storage::Connection& connection, const std::string& reference,
                                            const std::string& postcode, const std::string& house_number,
                                            const std::string& client_address) {
  check_throttle(connection, client_address);
  const auto normal_reference = domain::normalise_reference(reference);
  const auto normal_postcode = domain::normalise_postcode(postcode);
  const auto normal_number = domain::normalise_house_number(house_number);
  if (!normal_reference || !normal_postcode || !normal_number) fail(connection, client_address);
  const auto referral =
      storage::ReferralRepository(connection).find_for_resident(*normal_reference, *normal_postcode, *normal_number);
  if (!referral) fail(connection, client_address);
  const auto contact = storage::UserRepository(connection).find_by_id(referral->contact_id);
  if (!contact) throw std::logic_error("referral " + referral->reference + " has no contact person");
  return answer(*referral, *contact, client_address, "request_status: reference and address");
}

RequestStatus RequestStatusService::by_link(storage::Connection& connection, const std::string& token,
                                            const std::string& client_address) {
  check_throttle(connection, client_address);
  if (token.size() != 43) fail(connection, client_address);
  const auto referral = storage::ReferralRepository(connection).find_by_status_token(hash_token(token));
  if (!referral) fail(connection, client_address);
  const auto contact = storage::UserRepository(connection).find_by_id(referral->contact_id);
  if (!contact) throw std::logic_error("referral " + referral->reference + " has no contact person");
  return answer(*referral, *contact, client_address, "request_status: link");
}

}  // namespace gezicht::service
