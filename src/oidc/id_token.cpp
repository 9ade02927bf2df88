#include "oidc/id_token.hpp"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "oidc/base64url.hpp"

namespace gezicht::oidc {
namespace {

// ID tokens are a few hundred bytes; a limit keeps a hostile one from
// costing much before its signature is checked.
constexpr std::size_t max_token_bytes = 16 * 1024;
constexpr std::size_t es256_coordinate_bytes = 32;

using Json = nlohmann::json;

[[noreturn]] void refuse(const char* reason, const std::string& detail) { throw TokenError(reason, detail); }

struct Parts {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;  // header.payload, what the signature covers
};

Parts split(std::string_view jws) {
  if (jws.size() > max_token_bytes) refuse("malformed", "ID token larger than 16 KiB");
  const auto first = jws.find('.');
  const auto second = first == jws.npos ? jws.npos : jws.find('.', first + 1);
  if (second == jws.npos || jws.find('.', second + 1) != jws.npos) {
    refuse("malformed", "ID token is not three dot-separated parts");
  }
  return {jws.substr(0, first), jws.substr(first + 1, second - first - 1), jws.substr(second + 1),
          jws.substr(0, second)};
}

std::string decode(std::string_view part, const char* what) {
  try {
    return base64url_decode(part);
  } catch (const std::invalid_argument&) {
    refuse("malformed", std::string("ID token ") + what + " is not base64url");
  }
}

Json decode_object(std::string_view part, const char* what) {
  Json json = Json::parse(decode(part, what), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    refuse("malformed", std::string("ID token ") + what + " is not a JSON object");
  return json;
}

KeyType key_type_for(const Json& header) {
  if (header.contains("crit")) refuse("malformed", "ID token header has \"crit\" extensions");  // RFC 7515 4.1.11
  const auto alg = header.find("alg");
  if (alg != header.end() && *alg == "RS256") return KeyType::rsa;
  if (alg != header.end() && *alg == "ES256") return KeyType::ec_p256;
  // Never "none" or HS256: an HMAC "signed" with a public key proves nothing.
  refuse("algorithm", "ID token algorithm is not RS256 or ES256");
}

const Jwk& select_key(const Json& header, KeyType type, const Jwks& keys) {
  const auto kid = header.find("kid");
  const Jwk* key = nullptr;
  if (kid == header.end()) {
    key = keys.only(type);
  } else if (kid->is_string()) {
    key = keys.find(kid->get_ref<const std::string&>(), type);
  } else {
    refuse("malformed", "ID token kid is not a string");
  }
  if (!key) refuse("unknown_key", "no provider key of the token's type for its kid");
  return *key;
}

// JOSE sends an ES256 signature as r and s of 32 bytes each (RFC 7518
// section 3.4); OpenSSL verifies the DER ECDSA-Sig-Value of X9.62.
std::optional<std::string> ecdsa_der(const std::string& raw) {
  if (raw.size() != 2 * es256_coordinate_bytes) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(bytes, es256_coordinate_bytes, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + es256_coordinate_bytes, es256_coordinate_bytes, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    throw std::bad_alloc();
  }
  const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (length <= 0) throw std::bad_alloc();
  std::string der(static_cast<std::size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_ECDSA_SIG(sig.get(), &out);
  return der;
}

bool signature_valid(const Jwk& key, std::string_view signing_input, const std::string& signature) {
  std::string der;
  if (key.type == KeyType::ec_p256) {
    const auto converted = ecdsa_der(signature);
    if (!converted) return false;
    der = *converted;
  }
  const std::string& sig = key.type == KeyType::ec_p256 ? der : signature;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context) throw std::bad_alloc();
  // RSA keys verify with PKCS #1 v1.5 padding unless told otherwise: RS256.
  const bool valid =
      EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.key.get()) == 1 &&
      EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
  ERR_clear_error();  // a refused signature is an answer, not an error for whoever reads the queue next
  return valid;
}

const std::string& required_string(const Json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_string())
    refuse("malformed", std::string("ID token has no string \"") + name + "\"");
  return it->get_ref<const std::string&>();
}

// A NumericDate (RFC 7519 section 2) may have a fraction; whole seconds do.
std::optional<std::int64_t> numeric_date(const Json& value) {
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  if (value.is_number_unsigned()) {
    const auto seconds = value.get<std::uint64_t>();
    return seconds > static_cast<std::uint64_t>(max) ? max : static_cast<std::int64_t>(seconds);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double seconds = value.get<double>();
    if (!std::isfinite(seconds)) return std::nullopt;
    if (seconds >= 9.2e18) return max;
    if (seconds <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(std::floor(seconds));
  }
  return std::nullopt;
}

std::int64_t required_date(const Json& claims, const char* name) {
  const auto it = claims.find(name);
  const auto date = it == claims.end() ? std::nullopt : numeric_date(*it);
  if (!date) refuse("malformed", std::string("ID token has no numeric \"") + name + "\"");
  return *date;
}

void check_audience(const Json& claims, const std::string& client_id) {
  const auto aud = claims.find("aud");
  if (aud == claims.end()) refuse("malformed", "ID token has no \"aud\"");
  std::size_t audiences = 1;
  if (aud->is_string()) {
    if (*aud != client_id) refuse("audience", "ID token is for another client");
  } else if (aud->is_array()) {
    bool ours = false;
    for (const auto& entry : *aud) {
      if (!entry.is_string()) refuse("malformed", "ID token \"aud\" holds something other than strings");
      ours = ours || entry == client_id;
    }
    if (!ours) refuse("audience", "ID token is for other clients");
    audiences = aud->size();
  } else {
    refuse("malformed", "ID token \"aud\" is neither a string nor an array");
  }
  // With several audiences the authorized party must be us (Core 3.1.3.7
  // items 4 and 5); an azp naming someone else is refused in any case.
  const auto azp = claims.find("azp");
  if (azp == claims.end()) {
    if (audiences > 1) refuse("audience", "ID token has several audiences and no \"azp\"");
  } else if (!azp->is_string() || *azp != client_id) {
    refuse("audience", "ID token \"azp\" is another client");
  }
}

bool equal_in_constant_time(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void check_expectations(const IdTokenExpectations& expected) {
  if (expected.issuer.empty() || expected.audience.empty() || expected.nonce.empty() || expected.leeway_seconds < 0) {
    throw std::invalid_argument("ID token expectations need an issuer, an audience, a nonce and a leeway >= 0");
  }
}

}  // namespace

IdTokenClaims verify_id_token(std::string_view compact_jws, const Jwks& keys, const IdTokenExpectations& expected) {
  check_expectations(expected);
  const Parts parts = split(compact_jws);
  const Json header = decode_object(parts.header, "header");
  const KeyType type = key_type_for(header);
  const Jwk& key = select_key(header, type, keys);
  if (!signature_valid(key, parts.signing_input, decode(parts.signature, "signature"))) {
    refuse("signature", "ID token signature does not verify with the provider's key");
  }

  // Only now, with the provider's word for it, is the payload read.
  Json claims = decode_object(parts.payload, "payload");
  IdTokenClaims result;
  result.issuer = required_string(claims, "iss");
  result.subject = required_string(claims, "sub");
  if (result.subject.empty()) refuse("malformed", "ID token has an empty \"sub\"");
  result.expires_at = required_date(claims, "exp");
  result.issued_at = required_date(claims, "iat");
  const auto not_before = claims.contains("nbf") ? numeric_date(claims["nbf"]) : std::optional<std::int64_t>();
  if (claims.contains("nbf") && !not_before) refuse("malformed", "ID token \"nbf\" is not numeric");

  if (result.issuer != expected.issuer) refuse("issuer", "ID token is from another issuer");
  check_audience(claims, expected.audience);
  if (result.expires_at <= expected.now - expected.leeway_seconds) refuse("expired", "ID token has expired");
  const std::int64_t latest = expected.now + expected.leeway_seconds;
  if (result.issued_at > latest) refuse("not_yet_valid", "ID token is issued in the future");
  if (not_before && *not_before > latest) refuse("not_yet_valid", "ID token is not valid yet (nbf)");
  const auto nonce = claims.find("nonce");
  if (nonce == claims.end() || !nonce->is_string() ||
      !equal_in_constant_time(nonce->get_ref<const std::string&>(), expected.nonce)) {
    refuse("nonce", "ID token nonce is not this login attempt's");
  }

  const auto acr = claims.find("acr");
  if (acr != claims.end() && acr->is_string()) result.acr = acr->get<std::string>();
  result.all = std::move(claims);
  return result;
}

}  // namespace gezicht::oidc
