// Reading the provider's key set: the keys we verify with are found by kid
// and type, keys meant for something else are passed over, and broken or
// weak keys are refused.

#include "oidc/jwks.hpp"

#include <gtest/gtest.h>

#include "oidc/base64url.hpp"
#include "token_builder.hpp"

namespace gezicht::oidc {
namespace {

using nlohmann::json;
using testing::make_ec_key;
using testing::make_rsa_key;
using testing::TestKey;

const TestKey& rsa_key() {
  static const TestKey key = make_rsa_key("rsa1");
  return key;
}
const TestKey& ec_key() {
  static const TestKey key = make_ec_key("ec1");
  return key;
}

json with(json key, const char* name, json value) {
  key[name] = std::move(value);
  return key;
}

json set_of(std::vector<json> keys) { return {{"keys", std::move(keys)}}; }

TEST(JwksTest, FindsKeysByKidAndType) {
  const Jwks keys = parse_jwks(testing::jwks_of({&rsa_key(), &ec_key()}));
  ASSERT_EQ(keys.keys().size(), 2u);
  ASSERT_NE(keys.find("rsa1", KeyType::rsa), nullptr);
  EXPECT_EQ(EVP_PKEY_get_bits(keys.find("rsa1", KeyType::rsa)->key.get()), 2048);
  ASSERT_NE(keys.find("ec1", KeyType::ec_p256), nullptr);
  EXPECT_TRUE(EVP_PKEY_is_a(keys.find("ec1", KeyType::ec_p256)->key.get(), "EC"));
  EXPECT_EQ(keys.find("ec1", KeyType::rsa), nullptr);
  EXPECT_EQ(keys.find("rsa2", KeyType::rsa), nullptr);
  EXPECT_EQ(keys.only(KeyType::rsa), keys.find("rsa1", KeyType::rsa));
}

TEST(JwksTest, AcceptsMatchingUseAlgAndKeyOps) {
  const json rsa = with(with(rsa_key().jwk(), "use", "sig"), "alg", "RS256");
  const json ec = with(with(ec_key().jwk(), "alg", "ES256"), "key_ops", {"verify"});
  EXPECT_EQ(parse_jwks(set_of({rsa, ec})).keys().size(), 2u);
}

TEST(JwksTest, KeepsKeysWithoutKid) {
  json rsa = rsa_key().jwk();
  rsa.erase("kid");
  const Jwks keys = parse_jwks(set_of({rsa}));
  ASSERT_NE(keys.only(KeyType::rsa), nullptr);
  EXPECT_EQ(keys.only(KeyType::rsa)->kid, "");
}

// RFC 7517 section 4.5 allows one kid for keys of different types.
TEST(JwksTest, OneKidMayNameKeysOfTwoTypes) {
  const Jwks keys = parse_jwks(set_of({rsa_key().jwk(), with(ec_key().jwk(), "kid", "rsa1")}));
  EXPECT_NE(keys.find("rsa1", KeyType::rsa), nullptr);
  EXPECT_NE(keys.find("rsa1", KeyType::ec_p256), nullptr);
}

TEST(JwksTest, PassesOverKeysMeantForSomethingElse) {
  const Jwks keys = parse_jwks(set_of({
      rsa_key().jwk(),
      with(with(rsa_key().jwk(), "kid", "enc"), "use", "enc"),
      with(with(rsa_key().jwk(), "kid", "ps256"), "alg", "PS256"),
      with(with(rsa_key().jwk(), "kid", "wrap"), "key_ops", {"wrapKey"}),
      with(with(ec_key().jwk(), "kid", "p384"), "crv", "P-384"),
      with(with(ec_key().jwk(), "kid", "es384"), "alg", "ES384"),
      {{"kty", "oct"}, {"kid", "hmac"}, {"k", "c2VjcmV0"}},
      {{"kty", "OKP"}, {"kid", "ed"}, {"crv", "Ed25519"}, {"x", "AAAA"}},
  }));
  ASSERT_EQ(keys.keys().size(), 1u);
  EXPECT_EQ(keys.keys()[0].kid, "rsa1");
}

TEST(JwksTest, RefusesRsaKeysUnder2048Bits) {
  const TestKey weak = make_rsa_key("weak", 1024);
  EXPECT_THROW(parse_jwks(testing::jwks_of({&rsa_key(), &weak})), JwksError);
  // 2047 bits: the top bit of a 2048-bit modulus cleared.
  std::string n = base64url_decode(rsa_key().jwk()["n"].get<std::string>());
  n[0] = static_cast<char>((static_cast<unsigned char>(n[0]) & 0x7f) | 0x40);
  EXPECT_THROW(parse_jwks(set_of({with(rsa_key().jwk(), "n", base64url_encode(n))})), JwksError);
}

TEST(JwksTest, RefusesBrokenRsaKeys) {
  EXPECT_THROW(parse_jwks(set_of({with(rsa_key().jwk(), "n", "not base64url!")})), JwksError);
  EXPECT_THROW(parse_jwks(set_of({with(rsa_key().jwk(), "e", "AAE")})), JwksError);  // e = 1
  EXPECT_THROW(parse_jwks(set_of({with(rsa_key().jwk(), "e", "AQA")})), JwksError);  // even
  EXPECT_THROW(parse_jwks(set_of({with(rsa_key().jwk(), "n", 12345)})), JwksError);
  json no_e = rsa_key().jwk();
  no_e.erase("e");
  EXPECT_THROW(parse_jwks(set_of({no_e})), JwksError);
}

TEST(JwksTest, RefusesBrokenEcKeys) {
  const std::string x = base64url_decode(ec_key().jwk()["x"].get<std::string>());
  std::string y = base64url_decode(ec_key().jwk()["y"].get<std::string>());
  EXPECT_THROW(parse_jwks(set_of({with(ec_key().jwk(), "x", base64url_encode(x.substr(1)))})), JwksError);
  EXPECT_THROW(parse_jwks(set_of({with(ec_key().jwk(), "x", base64url_encode(std::string(1, '\0') + x))})), JwksError);
  y[31] = static_cast<char>(y[31] ^ 1);  // no longer on the curve
  EXPECT_THROW(parse_jwks(set_of({with(ec_key().jwk(), "y", base64url_encode(y))})), JwksError);
}

TEST(JwksTest, RefusesTwoKeysOfOneTypeWithOneKid) {
  const TestKey other = make_ec_key("ec1");
  EXPECT_THROW(parse_jwks(testing::jwks_of({&ec_key(), &other})), JwksError);
}

TEST(JwksTest, RefusesDocumentsOfAnotherShape) {
  EXPECT_THROW(parse_jwks(json::array()), JwksError);
  EXPECT_THROW(parse_jwks(json::object()), JwksError);
  EXPECT_THROW(parse_jwks({{"keys", "rsa1"}}), JwksError);
  EXPECT_THROW(parse_jwks(set_of({"rsa1"})), JwksError);
  EXPECT_THROW(parse_jwks(set_of({with(rsa_key().jwk(), "kid", 1)})), JwksError);
  EXPECT_THROW(parse_jwks(set_of({with(rsa_key().jwk(), "use", json::array())})), JwksError);
}

TEST(JwksTest, RefusesASetWithoutUsableKeys) {
  EXPECT_THROW(parse_jwks(set_of({})), JwksError);
  EXPECT_THROW(parse_jwks(set_of({with(rsa_key().jwk(), "use", "enc")})), JwksError);
}

}  // namespace
}  // namespace gezicht::oidc
