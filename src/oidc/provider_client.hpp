#pragma once
// Talks to the municipality's OpenID Connect broker (the DigiD login) over
// HTTPS: discovery, its signing keys, the authorization URL for the browser,
// and the code exchange (authorization code flow with PKCE, client
// authentication client_secret_basic).

#include <stdexcept>
#include <string>

#include "oidc/jwks.hpp"

namespace gezicht::oidc {

// The provider could not be reached, answered something unusable, or
// refused. error() is the OAuth error code it answered with
// ("invalid_grant"), or empty. what() is for the log and never holds the
// client secret, a code or a token.
class ProviderError : public std::runtime_error {
 public:
  ProviderError(std::string error, const std::string& log_detail)
      : std::runtime_error(log_detail), error_(std::move(error)) {}
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

struct ProviderSettings {
  std::string issuer;  // exactly as the provider's discovery document states it
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;
  std::string scope = "openid";
  std::string ca_file;               // CA bundle for the provider's TLS certificate; empty: the system's
  bool allow_http_loopback = false;  // tests: plain http to http://127.0.0.1 only
};

struct ProviderMetadata {
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string issuer;
};

// Each call uses its own connection, so one client may serve many threads.
// Requests time out after 10 seconds, follow no redirects, and go only to
// https URLs (or http://127.0.0.1 when allow_http_loopback is set).
class ProviderClient {
 public:
  // Throws std::invalid_argument for settings that cannot work: an issuer
  // URL that is not https (or allowed loopback), or no client id, secret or
  // redirect URI.
  explicit ProviderClient(ProviderSettings settings);

  // GET {issuer}/.well-known/openid-configuration. The document's issuer
  // must equal the configured issuer exactly (Discovery 1.0 section 4.3) and
  // its endpoints must be allowed URLs; if it lists PKCE methods, S256 must
  // be one. Throws ProviderError otherwise.
  ProviderMetadata discover() const;

  // GET jwks_uri. Throws ProviderError, also for a key set parse_jwks refuses.
  Jwks fetch_jwks(const ProviderMetadata& metadata) const;

  // Where to send the browser: the authorization endpoint with
  // response_type=code, client_id, redirect_uri, scope, state, nonce,
  // code_challenge and code_challenge_method=S256, percent-encoded.
  std::string authorization_url(const ProviderMetadata& metadata, const std::string& state, const std::string& nonce,
                                const std::string& code_challenge) const;

  // POSTs the code and the PKCE verifier to the token endpoint and returns
  // the ID token, still to be checked with verify_id_token. Throws
  // ProviderError for an answer other than 200 (with the provider's "error"
  // when it gave one) or one without id_token.
  std::string exchange_code(const ProviderMetadata& metadata, const std::string& code,
                            const std::string& code_verifier) const;

 private:
  ProviderSettings settings_;
};

}  // namespace gezicht::oidc
