#include "service/resident_digid_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/calendar.hpp"
#include "domain/resident_login.hpp"
#include "oidc/id_token.hpp"
#include "oidc/pkce.hpp"
#include "oidc/provider_client.hpp"
#include "service/errors.hpp"
#include "service/login_throttle.hpp"
#include "storage/resident_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

oidc::ProviderSettings provider_settings(const DigidSettings& settings) {
  oidc::ProviderSettings provider;
  provider.issuer = settings.issuer;
  provider.client_id = settings.client_id;
  provider.client_secret = settings.client_secret;
  provider.redirect_uri = settings.redirect_uri;
  provider.ca_file = settings.ca_file;
  provider.allow_http_loopback = settings.allow_http_loopback;
  return provider;
}

}  // namespace

ResidentDigidService::ResidentDigidService(const Clock& clock, RandomSource& random, AuthService& auth,
                                           AuditTrail& audit, std::optional<DigidSettings> settings)
    : clock_(clock), random_(random), auth_(auth), audit_(audit), settings_(std::move(settings)) {
  if (settings_) client_ = std::make_unique<oidc::ProviderClient>(provider_settings(*settings_));
}

ResidentDigidService::~ResidentDigidService() = default;

bool ResidentDigidService::throttled(storage::Connection& connection, const std::string& client_address,
                                     std::int64_t& wait) {
  if (!is_client_address(client_address)) return false;
  wait = failures_.wait(connection, client_address, 20, clock_.now());
  return wait > 0;
}

void ResidentDigidService::count_failure(storage::Connection& connection, const std::string& client_address) {
  if (!is_client_address(client_address)) return;
  failures_.count(connection, client_address, clock_.now());
}

ResidentDigidService::Start ResidentDigidService::begin(storage::Connection& connection,
                                                        const std::string& invitation_token, const Actor* resident) {
  if (!client_) throw NotFound("digid.off", "DigiD is not configured");
  oidc::ProviderMetadata metadata;
  try {
    metadata = client_->discover();
  } catch (const std::exception& error) {
    throw Unavailable("digid.unavailable", std::string("the DigiD broker cannot be reached: ") + error.what());
  }
  const std::string state = random_token(random_);
  storage::OidcLoginRow login;
  login.nonce = random_token(random_);
  login.code_verifier =
      oidc::pkce::new_code_verifier([this](unsigned char* out, std::size_t size) { random_.fill(out, size); });
  login.invitation_hash = invitation_token.empty() ? "" : hash_token(invitation_token);
  if (resident && resident->access_role == domain::Role::resident) login.user_id = resident->user_id;
  const std::int64_t now = clock_.now();
  login.created_at = domain::format_timestamp(now);
  storage::ResidentRepository residents(connection);
  storage::Transaction transaction(connection);
  residents.delete_oidc_logins_before(domain::format_timestamp(now - login_seconds));
  residents.add_oidc_login(hash_token(state), login);
  transaction.commit();
  return {
      client_->authorization_url(metadata, state, login.nonce, oidc::pkce::code_challenge_s256(login.code_verifier)),
      state};
}

ResidentDigidService::Outcome ResidentDigidService::finish(storage::Connection& connection, const std::string& code,
                                                           const std::string& state, const std::string& browser_state,
                                                           const std::string& client_address,
                                                           const std::string& previous_token) {
  Outcome outcome;
  outcome.failure_key = "digid.failed";
  if (!client_ || code.empty() || state.empty() || state.size() > 128) return outcome;
  // Another browser's answer (a link someone was sent) logs nobody in here.
  if (!constant_time_equal(state, browser_state)) return outcome;
  if (std::int64_t wait = 0; throttled(connection, client_address, wait)) {
    outcome.login = {LoginStatus::throttled, std::nullopt, wait};
    return outcome;
  }
  const std::int64_t now = clock_.now();
  storage::ResidentRepository residents(connection);
  std::optional<storage::OidcLoginRow> login;
  {
    // Taken at once: a state is answered once, whichever server gets it.
    storage::Transaction transaction(connection);
    login = residents.take_oidc_login(hash_token(state));
    transaction.commit();
  }
  const auto started = login ? domain::parse_timestamp(login->created_at) : std::nullopt;
  if (!login || !started || now - *started > login_seconds) {
    count_failure(connection, client_address);
    return outcome;
  }
  std::string subject;
  try {
    const auto metadata = client_->discover();
    const auto id_token = client_->exchange_code(metadata, code, login->code_verifier);
    const auto keys = client_->fetch_jwks(metadata);
    const auto claims =
        oidc::verify_id_token(id_token, keys, {settings_->issuer, settings_->client_id, login->nonce, now});
    subject = claims.subject;
  } catch (const oidc::TokenError& error) {
    spdlog::warn("DigiD: an ID token was refused ({}): {}", error.reason(), error.what());
    count_failure(connection, client_address);
    return outcome;
  } catch (const oidc::ProviderError& error) {
    spdlog::warn("DigiD: the broker refused ({}): {}", error.error(), error.what());
    count_failure(connection, client_address);
    return outcome;
  }
  storage::Transaction transaction(connection);
  auto account = residents.resident_by_subject(subject);
  const std::string at = domain::format_timestamp(now);
  if (!account && login->user_id) {
    // An e-mail code session adds DigiD to its own account (once: a bound
    // account keeps its DigiD identity).
    account = storage::UserRepository(connection).find_by_id(*login->user_id);
    if (!account || !residents.set_subject(account->id, subject)) account.reset();
  } else if (!account && !login->invitation_hash.empty()) {
    // The first DigiD login: the invitation ties the subject to the household.
    const auto invitation = residents.invitation_by_token(login->invitation_hash);
    if (invitation && !invitation->accepted_at && invitation->expires_at > at &&
        !residents.email_in_other_household(invitation->email, invitation->household_id)) {
      account = residents.resident_by_email(invitation->email);
      if (!account) {
        const std::string name = invitation->member_name.empty()
                                     ? invitation->email.substr(0, invitation->email.find('@'))
                                     : invitation->member_name;
        residents.add_resident(invitation->email, name, invitation->household_id, invitation->member_id, at);
        account = residents.resident_by_email(invitation->email);
      }
      // An account bound to another DigiD identity is not taken over.
      if (!account || !residents.set_subject(account->id, subject) ||
          !residents.accept_invitation(invitation->id, account->id, at)) {
        account.reset();
      }
    }
  }
  if (!account || !account->active || !account->household_id) {
    outcome.failure_key = "digid.no_account";
    return outcome;
  }
  LoginResult result = auth_.start_session(connection, *account, domain::Assurance::digid, previous_token);
  audit_.record_in(connection, result.actor,
                   {account->household_id, "session", "create", "allowed", "resident: digid"});
  transaction.commit();
  outcome.login = {LoginStatus::ok, std::move(result), 0};
  outcome.failure_key.clear();
  return outcome;
}

}  // namespace gezicht::service
