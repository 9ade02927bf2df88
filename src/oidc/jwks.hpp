#pragma once
// The provider's public signing keys, from its JSON Web Key Set (RFC 7517,
// RFC 7518 section 6): RSA keys for RS256 and P-256 keys for ES256.

#include <openssl/types.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gezicht::oidc {

// A key set the provider should not have published; what() names the key
// and the problem, for the administrator (key material is public).
class JwksError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class KeyType { rsa, ec_p256 };

struct Jwk {
  std::string kid;  // empty when the key has none
  KeyType type;
  // Immutable once made; shared so a key set can be copied and cached.
  std::shared_ptr<EVP_PKEY> key;
};

class Jwks {
 public:
  Jwks() = default;
  explicit Jwks(std::vector<Jwk> keys) : keys_(std::move(keys)) {}

  const std::vector<Jwk>& keys() const { return keys_; }
  // The key with this kid and type, or null. One kid may name keys of two
  // types (RFC 7517 section 4.5), so the type is part of the look-up.
  const Jwk* find(std::string_view kid, KeyType type) const;
  // The key of this type when it is the only one, or null.
  const Jwk* only(KeyType type) const;

 private:
  std::vector<Jwk> keys_;
};

// Reads {"keys": [...]}. Keys not meant for us are skipped: other key types
// and curves, "use" other than "sig", "alg" other than RS256 (RSA) or ES256
// (EC), "key_ops" without "verify". A key meant for us that is broken
// (bad base64url, wrong coordinate length, a point not on the curve, RSA
// under 2048 bits) throws JwksError, as do a document of another shape, two
// keys with the same kid and type, and a set left without any usable key:
// those are a provider's mistake an administrator should hear about.
Jwks parse_jwks(const nlohmann::json& document);

}  // namespace gezicht::oidc
