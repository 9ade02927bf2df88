#include "oidc/jwks.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <optional>

#include "oidc/base64url.hpp"

namespace gezicht::oidc {
namespace {

constexpr int min_rsa_bits = 2048;
constexpr int max_rsa_bits = 16384;  // OpenSSL's own limit for RSA verification
constexpr std::size_t p256_coordinate_bytes = 32;

using Bignum = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)>;
using Params = std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)>;
using PkeyContext = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

// The kid as it may appear in a log line: printable and short.
std::string printable(std::string_view kid) {
  std::string out;
  for (char c : kid.substr(0, 64)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return "\"" + out + "\"";
}

std::optional<std::string> optional_string(const nlohmann::json& key, const char* name, std::string_view kid) {
  const auto it = key.find(name);
  if (it == key.end()) return std::nullopt;
  if (!it->is_string()) throw JwksError("JWKS key " + printable(kid) + ": \"" + name + "\" is not a string");
  return it->get<std::string>();
}

std::string required_bytes(const nlohmann::json& key, const char* name, std::string_view kid) {
  const auto text = optional_string(key, name, kid);
  if (!text) throw JwksError("JWKS key " + printable(kid) + ": \"" + name + "\" is missing");
  try {
    return base64url_decode(*text);
  } catch (const std::invalid_argument&) {
    throw JwksError("JWKS key " + printable(kid) + ": \"" + name + "\" is not base64url");
  }
}

Bignum to_bignum(const std::string& bytes) {
  Bignum n(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr),
           BN_free);
  if (!n) throw std::bad_alloc();
  return n;
}

// Builds a public key from OSSL_PARAMs: the OpenSSL 3 way, without the
// deprecated RSA_* and EC_KEY_* calls.
std::shared_ptr<EVP_PKEY> from_params(const char* algorithm, OSSL_PARAM_BLD* builder, std::string_view kid) {
  Params params(OSSL_PARAM_BLD_to_param(builder), OSSL_PARAM_free);
  PkeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    throw JwksError("JWKS key " + printable(kid) + ": OpenSSL does not accept it as a " + algorithm + " public key");
  }
  return {raw, EVP_PKEY_free};
}

std::shared_ptr<EVP_PKEY> rsa_key(const nlohmann::json& key, std::string_view kid) {
  const Bignum n = to_bignum(required_bytes(key, "n", kid));
  const Bignum e = to_bignum(required_bytes(key, "e", kid));
  const int bits = BN_num_bits(n.get());
  if (bits < min_rsa_bits) {
    throw JwksError("JWKS key " + printable(kid) + ": RSA key of " + std::to_string(bits) + " bits, under " +
                    std::to_string(min_rsa_bits));
  }
  if (bits > max_rsa_bits) throw JwksError("JWKS key " + printable(kid) + ": RSA key over 16384 bits");
  if (!BN_is_odd(e.get()) || BN_is_one(e.get()) || BN_num_bits(e.get()) > 256) {
    throw JwksError("JWKS key " + printable(kid) + ": RSA public exponent is not an odd number above 1");
  }
  ParamBuilder builder(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    throw std::bad_alloc();
  }
  return from_params("RSA", builder.get(), kid);
}

std::shared_ptr<EVP_PKEY> ec_p256_key(const nlohmann::json& key, std::string_view kid) {
  const std::string x = required_bytes(key, "x", kid);
  const std::string y = required_bytes(key, "y", kid);
  // RFC 7518 section 6.2.1.2: each coordinate is the full 32 bytes.
  if (x.size() != p256_coordinate_bytes || y.size() != p256_coordinate_bytes) {
    throw JwksError("JWKS key " + printable(kid) + ": P-256 coordinates must be 32 bytes each");
  }
  const std::string point = '\x04' + x + y;  // SEC 1 uncompressed point
  ParamBuilder builder(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, SN_X9_62_prime256v1, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
    throw std::bad_alloc();
  }
  auto pkey = from_params("EC", builder.get(), kid);
  // A point off the curve invites invalid-curve tricks; make sure, whatever
  // the import checked.
  PkeyContext check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr), EVP_PKEY_CTX_free);
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    throw JwksError("JWKS key " + printable(kid) + ": the P-256 point is not on the curve");
  }
  return pkey;
}

// Whether "use", "alg" and "key_ops" leave the key for verifying our alg.
bool meant_for_signatures(const nlohmann::json& key, std::string_view kid, std::string_view alg) {
  const auto use = optional_string(key, "use", kid);
  if (use && *use != "sig") return false;
  const auto key_alg = optional_string(key, "alg", kid);
  if (key_alg && *key_alg != alg) return false;
  const auto ops = key.find("key_ops");
  if (ops != key.end()) {
    if (!ops->is_array()) throw JwksError("JWKS key " + printable(kid) + ": \"key_ops\" is not an array");
    if (std::find(ops->begin(), ops->end(), "verify") == ops->end()) return false;
  }
  return true;
}

}  // namespace

const Jwk* Jwks::find(std::string_view kid, KeyType type) const {
  for (const auto& key : keys_) {
    if (key.type == type && key.kid == kid) return &key;
  }
  return nullptr;
}

const Jwk* Jwks::only(KeyType type) const {
  const Jwk* found = nullptr;
  for (const auto& key : keys_) {
    if (key.type != type) continue;
    if (found) return nullptr;
    found = &key;
  }
  return found;
}

Jwks parse_jwks(const nlohmann::json& document) {
  if (!document.is_object() || !document.contains("keys") || !document["keys"].is_array()) {
    throw JwksError("JWKS document has no \"keys\" array");
  }
  std::vector<Jwk> keys;
  for (const auto& key : document["keys"]) {
    if (!key.is_object()) throw JwksError("JWKS has a key that is not a JSON object");
    const std::string kid = optional_string(key, "kid", "").value_or("");
    const std::string kty = optional_string(key, "kty", kid).value_or("");
    Jwk jwk{kid, KeyType::rsa, nullptr};
    if (kty == "RSA" && meant_for_signatures(key, kid, "RS256")) {
      jwk.key = rsa_key(key, kid);
    } else if (kty == "EC" && optional_string(key, "crv", kid) == "P-256" && meant_for_signatures(key, kid, "ES256")) {
      jwk.type = KeyType::ec_p256;
      jwk.key = ec_p256_key(key, kid);
    } else {
      continue;
    }
    if (std::any_of(keys.begin(), keys.end(), [&](const Jwk& k) { return k.kid == jwk.kid && k.type == jwk.type; })) {
      throw JwksError("JWKS has two keys of one type with kid " + printable(kid));
    }
    keys.push_back(std::move(jwk));
  }
  if (keys.empty()) throw JwksError("JWKS has no RS256 or ES256 signing key");
  return Jwks(std::move(keys));
}

}  // namespace gezicht::oidc
