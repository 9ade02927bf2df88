#pragma once
// Verifies the ID token the provider returns from the token endpoint
// (OpenID Connect Core 1.0 section 3.1.3.7): signed by one of its keys with
// RS256 or ES256, issued by it, for us, now, and for this login attempt.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "oidc/jwks.hpp"

namespace gezicht::oidc {

// Why a token was refused. reason() is one of: "malformed", "algorithm",
// "unknown_key", "signature", "issuer", "audience", "expired",
// "not_yet_valid", "nonce". what() is for the log and never holds the token
// or any of its values.
class TokenError : public std::runtime_error {
 public:
  TokenError(std::string reason, const std::string& log_detail)
      : std::runtime_error(log_detail), reason_(std::move(reason)) {}
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

struct IdTokenExpectations {
  std::string issuer;
  std::string audience;              // our client id
  std::string nonce;                 // the one sent with this session's authorization request
  std::int64_t now;                  // seconds since the Unix epoch
  std::int64_t leeway_seconds = 60;  // for clocks that differ a little
};

struct IdTokenClaims {
  std::string subject;
  std::string issuer;
  std::int64_t issued_at;
  std::int64_t expires_at;
  std::string acr;  // the assurance level the provider vouches for; empty when absent
  nlohmann::json all;
};

// Returns the claims of a token that passes every check, in this order:
// shape ("malformed": not three base64url parts, header or payload not a
// JSON object, a "crit" header, a required claim (iss, sub, aud, exp, iat)
// missing or of the wrong type); alg RS256 or ES256 ("algorithm"); a key of
// that type with the header's kid, or the only key of that type when there is
// no kid ("unknown_key"); the signature ("signature"); iss ("issuer"); aud
// equal to or containing the audience, with azp equal to it when there are
// several audiences or an azp at all ("audience"); exp > now - leeway
// ("expired"); iat and nbf <= now + leeway ("not_yet_valid"); nonce present
// and equal ("nonce"). Throws std::invalid_argument for expectations without
// issuer, audience or nonce, or with a negative leeway: a caller's mistake.
IdTokenClaims verify_id_token(std::string_view compact_jws, const Jwks& keys, const IdTokenExpectations& expected);

}  // namespace gezicht::oidc
