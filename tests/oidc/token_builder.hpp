#pragma once
// Test keys and signed tokens made in the test itself with OpenSSL, so the
// ID token and key set tests need no files and no provider.

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "oidc/base64url.hpp"
#include "oidc/jwks.hpp"

namespace gezicht::oidc::testing {

struct TestKey {
  std::string kid;
  KeyType type;
  std::shared_ptr<EVP_PKEY> key;  // with the private half

  // The public key as a JWK, with kty and its key material only.
  nlohmann::json jwk() const {
    if (type == KeyType::rsa) return {{"kty", "RSA"}, {"kid", kid}, {"n", number("n", 0)}, {"e", number("e", 0)}};
    return {{"kty", "EC"}, {"kid", kid}, {"crv", "P-256"}, {"x", number("qx", 32)}, {"y", number("qy", 32)}};
  }

 private:
  // A key parameter as big-endian base64url; padded to size when not 0.
  std::string number(const char* name, int size) const {
    BIGNUM* value = nullptr;
    if (EVP_PKEY_get_bn_param(key.get(), name, &value) != 1) throw std::runtime_error("no key parameter");
    std::string bytes(static_cast<std::size_t>(size ? size : BN_num_bytes(value)), '\0');
    BN_bn2binpad(value, reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    BN_free(value);
    return base64url_encode(bytes);
  }
};

inline TestKey make_rsa_key(std::string kid, std::size_t bits = 2048) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", bits);
  if (!key) throw std::runtime_error("RSA key generation failed");
  return {std::move(kid), KeyType::rsa, {key, EVP_PKEY_free}};
}

inline TestKey make_ec_key(std::string kid) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (!key) throw std::runtime_error("P-256 key generation failed");
  return {std::move(kid), KeyType::ec_p256, {key, EVP_PKEY_free}};
}

inline nlohmann::json jwks_of(const std::vector<const TestKey*>& keys) {
  nlohmann::json set = {{"keys", nlohmann::json::array()}};
  for (const auto* key : keys) set["keys"].push_back(key->jwk());
  return set;
}

inline std::string encode_json(const nlohmann::json& json) { return base64url_encode(json.dump()); }

// The signature of data with the key: RSA PKCS #1 v1.5 or ECDSA, SHA-256.
// ECDSA comes as DER from OpenSSL; raw_ecdsa turns it into JOSE's r||s.
inline std::string sign_bytes(const TestKey& key, const std::string& data, bool raw_ecdsa = true) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  const auto* input = reinterpret_cast<const unsigned char*>(data.data());
  if (EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.key.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, input, data.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, input, data.size()) !=
      1) {
    throw std::runtime_error("signing failed");
  }
  signature.resize(length);
  if (key.type == KeyType::rsa || !raw_ecdsa) return signature;

  const auto* der = reinterpret_cast<const unsigned char*>(signature.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(signature.size()));
  if (!sig) throw std::runtime_error("OpenSSL gave no DER ECDSA signature");
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(sig);
  return raw;
}

// A token with the claims a valid one has for these expectations; tests
// change the header or claims to make the one flaw they test.
struct TokenBuilder {
  nlohmann::json header;
  nlohmann::json claims;

  TokenBuilder(const TestKey& key, const std::string& issuer, const std::string& audience, const std::string& nonce,
               std::int64_t now)
      : header{{"alg", key.type == KeyType::rsa ? "RS256" : "ES256"}, {"typ", "JWT"}, {"kid", key.kid}},
        claims{{"iss", issuer},
               {"sub", "999990019"},
               {"aud", audience},
               {"exp", now + 300},
               {"iat", now},
               {"nonce", nonce},
               {"acr", "urn:etoegang:core:assurance-class:loa2plus"}} {}

  std::string signing_input() const { return encode_json(header) + "." + encode_json(claims); }

  std::string sign(const TestKey& key) const {
    const std::string input = signing_input();
    return input + "." + base64url_encode(sign_bytes(key, input));
  }

  // With a signature of the caller's choosing (none, HMAC, garbage).
  std::string with_signature(const std::string& signature) const {
    return signing_input() + "." + base64url_encode(signature);
  }
};

}  // namespace gezicht::oidc::testing
