#include "service/resident_login_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

#include "domain/calendar.hpp"
#include "domain/resident_login.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/household_access.hpp"
#include "service/login_throttle.hpp"
#include "service/referral_service.hpp"
#include "storage/household_repository.hpp"
#include "storage/referral_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

// Codes asked from one client address within 15 minutes at most.
constexpr int code_requests_per_client = 10;
constexpr std::int64_t code_request_window = 15 * 60;

// A code's hash is bound to its address, so one hash says nothing about another.
std::string code_hash(const std::string& email, const std::string& code) { return hash_token(email + "\n" + code); }

std::string random_code(RandomSource& random) {
  // Rejection sampling keeps every code equally likely.
  constexpr std::uint32_t range = 1'000'000;
  constexpr std::uint32_t limit = UINT32_MAX - UINT32_MAX % range;
  std::uint32_t value = 0;
  do {
    unsigned char bytes[4];
    random.fill(bytes, sizeof bytes);
    value = static_cast<std::uint32_t>(bytes[0]) | static_cast<std::uint32_t>(bytes[1]) << 8 |
            static_cast<std::uint32_t>(bytes[2]) << 16 | static_cast<std::uint32_t>(bytes[3]) << 24;
  } while (value >= limit);
  std::string code = std::to_string(value % range);
  return std::string(static_cast<std::size_t>(domain::login_code_digits) - code.size(), '0') + code;
}

std::string name_from_email(const std::string& email) { return email.substr(0, email.find('@')); }

}  // namespace

ResidentLoginService::ResidentLoginService(const Clock& clock, RandomSource& random, AuthService& auth,
                                           AuditTrail& audit, MailQueue& mail, std::string public_url)
    : clock_(clock),
      random_(random),
      auth_(auth),
      audit_(audit),
      mail_(mail),
      public_url_(std::move(public_url)),
      code_requests_("login_code_request", code_request_window) {}

bool ResidentLoginService::client_may_ask(storage::Connection& connection, const std::string& client_address) {
  if (!is_client_address(client_address)) return true;
  const auto now = clock_.now();
  if (code_requests_.wait(connection, client_address, code_requests_per_client, now) > 0) return false;
  code_requests_.count(connection, client_address, now);
  return true;
}

void ResidentLoginService::request_code(storage::Connection& connection, const CodeRequest& request) {
  const std::string email = domain::normalize_email(request.email);
  if (!client_may_ask(connection, request.client_address)) {
    throw Throttled("login_code.throttled", "too many login codes asked from " + request.client_address,
                    code_request_window);
  }
  const std::int64_t now = clock_.now();
  storage::ResidentRepository residents(connection);
  storage::Transaction transaction(connection);
  residents.delete_codes_before(domain::format_timestamp(now - 24 * 60 * 60));
  const bool known = residents.resident_by_email(email).has_value() ||
                     residents.open_invitation(email, domain::format_timestamp(now)).has_value();
  const bool send = known && residents.codes_since(email, domain::format_timestamp(now - 60 * 60)) <
                                 domain::login_codes_per_address_per_hour;
  // A code row either way (one nobody received for an unknown address): the
  // same reads and the same write, so the time taken tells nothing either.
  const std::string code = random_code(random_);
  residents.add_code(email, send ? code_hash(email, code) : hash_token(random_token(random_)),
                     domain::format_timestamp(now), domain::format_timestamp(now + domain::login_code_seconds));
  // The mail in the same commit: a known address costs one INSERT more, a
  // few dozen microseconds inside the commit everyone waits for.
  if (send) {
    mail_.queue(connection, {"login_code",
                             email,
                             request.language,
                             {{"code", code}, {"minutes", std::to_string(domain::login_code_seconds / 60)}}});
  }
  transaction.commit();
}

std::optional<storage::UserRecord> ResidentLoginService::account_for(storage::Connection& connection,
                                                                     const std::string& email,
                                                                     const std::string& invitation_token) {
  storage::ResidentRepository residents(connection);
  const std::string now = domain::format_timestamp(clock_.now());
  std::optional<storage::InvitationRow> invitation;
  if (!invitation_token.empty()) {
    invitation = residents.invitation_by_token(hash_token(invitation_token));
    if (!invitation || invitation->email != email || invitation->accepted_at || invitation->expires_at <= now) {
      invitation.reset();
    }
  }
  auto account = residents.resident_by_email(email);
  if (!invitation && !account) invitation = residents.open_invitation(email, now);
  if (invitation) {
    if (account && account->household_id != invitation->household_id) {
      throw Conflict("invitation.email_in_use", "invitation " + std::to_string(invitation->id) +
                                                    " is for an address whose account lives in another household");
    }
    if (!account) {
      const std::string name = invitation->member_name.empty() ? name_from_email(email) : invitation->member_name;
      residents.add_resident(email, name, invitation->household_id, invitation->member_id, now);
      account = residents.resident_by_email(email);
    }
    if (!residents.accept_invitation(invitation->id, account->id, now)) {
      throw Conflict("invitation.used", "invitation " + std::to_string(invitation->id) + " was accepted meanwhile");
    }
  }
  return account;
}

LoginOutcome ResidentLoginService::login(storage::Connection& connection, const CodeLogin& attempt) {
  std::string email;
  try {
    email = domain::normalize_email(attempt.email);
  } catch (const domain::ValidationError&) {
    return {};  // no code was ever sent there
  }
  // Per address and client together: a stranger's wrong codes must not lock
  // the resident out (a code's own 5 tries and 5 codes an hour bound guessing).
  auto& throttle = auth_.throttle();
  const std::string key = email + "|" + attempt.client_address;
  if (const auto wait = throttle.retry_after(connection, key, attempt.client_address); wait > 0) {
    return {LoginStatus::throttled, std::nullopt, wait};
  }
  const std::int64_t now = clock_.now();
  storage::ResidentRepository residents(connection);
  storage::Transaction transaction(connection);
  const auto code = domain::normalize_login_code(attempt.code);
  const auto open = residents.open_code(email, domain::format_timestamp(now));
  bool ok = false;
  // A try is counted before the code is compared, in one conditional
  // update, so parallel guesses cannot pass the limit together.
  if (open && residents.count_attempt(open->id, domain::login_code_max_tries)) {
    ok = code && constant_time_equal(open->code_hash, code_hash(email, *code)) &&
         residents.use_code(open->id, domain::format_timestamp(now));
  }
  if (!ok) {
    transaction.commit();  // the try counts
    throttle.record_failure(connection, key, attempt.client_address);
    return {};
  }
  const auto account = account_for(connection, email, attempt.invitation);
  if (!account || !account->active || !account->household_id) {
    transaction.commit();
    throttle.record_failure(connection, key, attempt.client_address);
    return {};
  }
  LoginResult result = auth_.start_session(connection, *account, domain::Assurance::email_code, attempt.previous_token);
  audit_.record_in(connection, result.actor, {account->household_id, "session", "create", "allowed", "resident"});
  transaction.commit();
  throttle.record_success(connection, key);
  return {LoginStatus::ok, std::move(result), 0};
}

ResidentLoginService::NewInvitation ResidentLoginService::new_invitation(storage::Connection& connection,
                                                                         std::int64_t household_id,
                                                                         std::optional<std::int64_t> member_id,
                                                                         const std::string& email,
                                                                         std::optional<std::int64_t> invited_by) {
  const std::int64_t now = clock_.now();
  std::string token = random_token(random_);
  const auto id =
      storage::ResidentRepository(connection)
          .add_invitation(hash_token(token), household_id, member_id, email, invited_by, domain::format_timestamp(now),
                          domain::format_timestamp(now + domain::invitation_seconds));
  return {id, std::move(token)};
}

std::int64_t ResidentLoginService::invite(storage::Connection& connection, const Actor& actor,
                                          std::int64_t household_id, const InvitationInput& input) {
  storage::HouseholdRepository households(connection);
  storage::ResidentRepository residents(connection);
  storage::Transaction transaction(connection);
  const auto household = households.find(household_id);
  if (!household) throw NotFound("not_found", "household " + std::to_string(household_id) + " does not exist");
  // Access first, as every write of the record: a stranger learns nothing from the answer.
  const auto decision = decide_from_database(connection, actor, *household, domain::format_timestamp(clock_.now()));
  if (!decision.access.allowed()) {
    audit_.record_later(actor, {household_id, "invitation", "create", "denied", "no need to know"});
    throw NotFound("not_found", "household " + std::to_string(household_id) + " is not the actor's");
  }
  if (!decision.access.may_change) {
    audit_.record_later(actor, {household_id, "invitation", "create", "denied", decision.purpose});
    throw Forbidden("household.read_only", "household " + std::to_string(household_id) + " is read-only for the actor");
  }
  const std::string email = domain::normalize_email(input.email);
  std::string member_name;
  if (input.member_id) {
    const auto members = households.members(household_id);
    const auto member = std::find_if(members.begin(), members.end(),
                                     [&](const domain::HouseholdMember& m) { return m.id == *input.member_id; });
    if (member == members.end()) throw domain::ValidationError("member_id", "member_id.unknown");
    member_name = member->name;
  }
  if (residents.email_in_other_household(email, household_id)) {
    throw Conflict("invitation.email_in_use", "an invited address has an account in another household");
  }
  // In the household's own language unless another was asked for.
  const std::string language = input.language.empty() ? household->preferred_language : input.language;
  const auto [id, token] = new_invitation(connection, household_id, input.member_id, email, actor.user_id);
  audit_.record_in(connection, actor, {household_id, "invitation", "create", "allowed", decision.purpose});
  mail_.queue(connection, {"invitation",
                           email,
                           language,
                           {{"name", member_name},
                            {"professional", actor.name},
                            {"url", public_url_ + "/mijn-gezicht/uitnodiging/" + token},
                            {"days", std::to_string(domain::invitation_seconds / 86400)}}});
  transaction.commit();
  return id;
}

namespace {

storage::InvitationRow open_invitation_by_token(storage::Connection& connection, const std::string& token,
                                                std::int64_t now) {
  const auto found = token.size() == 43 ? storage::ResidentRepository(connection).invitation_by_token(hash_token(token))
                                        : std::nullopt;
  if (!found) throw NotFound("invitation.unknown", "no invitation with this token");
  if (found->accepted_at) throw Conflict("invitation.used", "invitation " + std::to_string(found->id) + " was used");
  if (found->expires_at <= domain::format_timestamp(now)) {
    throw Conflict("invitation.expired", "invitation " + std::to_string(found->id) + " expired");
  }
  return *found;
}

}  // namespace

void ResidentLoginService::invite_follower(storage::Connection& connection, const std::string& reference) {
  storage::Transaction transaction(connection);
  const auto wish = storage::ReferralRepository(connection).take_follow_wish(reference);
  if (!wish) return;
  if (storage::ResidentRepository(connection).email_in_other_household(wish->email, wish->household_id)) {
    // The professional can invite another address from the record.
    transaction.commit();
    spdlog::warn("request {}: the address to follow it belongs to another household; no invitation", reference);
    return;
  }
  const auto invitation = new_invitation(connection, wish->household_id, std::nullopt, wish->email, std::nullopt);
  mail_.queue(connection, {"invitation_self",
                           wish->email,
                           wish->language,
                           {{"url", public_url_ + "/mijn-gezicht/uitnodiging/" + invitation.token},
                            {"days", std::to_string(domain::invitation_seconds / 86400)}}});
  transaction.commit();
}

InvitationSummary ResidentLoginService::invitation(storage::Connection& connection, const std::string& token) {
  const auto found = open_invitation_by_token(connection, token, clock_.now());
  return {domain::mask_email(found.email), found.expires_at};
}

std::string ResidentLoginService::invitation_email(storage::Connection& connection, const std::string& token) {
  return open_invitation_by_token(connection, token, clock_.now()).email;
}

}  // namespace gezicht::service
