// ID token verification: valid RS256 and ES256 tokens pass, and each way a
// token can be wrong is refused with its own reason.

#include "oidc/id_token.hpp"

#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include <string>

#include "token_builder.hpp"

namespace gezicht::oidc {
namespace {

using testing::make_ec_key;
using testing::make_rsa_key;
using testing::TestKey;
using testing::TokenBuilder;

constexpr std::int64_t now = 1'760'000'000;
const std::string issuer = "https://broker.gemeente.example/oidc";
const std::string client_id = "gezicht";
const std::string nonce = "n-0S6_WzA2Mj";

// RSA key generation takes a while; the suite shares its keys.
const TestKey& rsa_key() {
  static const TestKey key = make_rsa_key("rsa1");
  return key;
}
const TestKey& ec_key() {
  static const TestKey key = make_ec_key("ec1");
  return key;
}
const TestKey& stranger_key() {
  static const TestKey key = make_rsa_key("rsa1");  // same kid as ours, not in the key set
  return key;
}

class IdTokenTest : public ::testing::Test {
 protected:
  Jwks keys = parse_jwks(testing::jwks_of({&rsa_key(), &ec_key()}));
  IdTokenExpectations expected{issuer, client_id, nonce, now};

  TokenBuilder token(const TestKey& key = rsa_key()) { return TokenBuilder(key, issuer, client_id, nonce, now); }

  // The reason the token is refused for, or "accepted".
  std::string outcome(const std::string& jws) {
    try {
      verify_id_token(jws, keys, expected);
      return "accepted";
    } catch (const TokenError& e) {
      // The log detail must not repeat the token or its values.
      EXPECT_EQ(std::string(e.what()).find(nonce), std::string::npos);
      EXPECT_EQ(std::string(e.what()).find("999990019"), std::string::npos);
      return e.reason();
    }
  }
};

TEST_F(IdTokenTest, AcceptsRs256) {
  const IdTokenClaims claims = verify_id_token(token().sign(rsa_key()), keys, expected);
  EXPECT_EQ(claims.subject, "999990019");
  EXPECT_EQ(claims.issuer, issuer);
  EXPECT_EQ(claims.issued_at, now);
  EXPECT_EQ(claims.expires_at, now + 300);
  EXPECT_EQ(claims.acr, "urn:etoegang:core:assurance-class:loa2plus");
  EXPECT_EQ(claims.all["nonce"], nonce);
}

TEST_F(IdTokenTest, AcceptsEs256) {
  EXPECT_EQ(verify_id_token(token(ec_key()).sign(ec_key()), keys, expected).subject, "999990019");
}

TEST_F(IdTokenTest, WithoutKidUsesTheOnlyKeyOfTheType) {
  auto rsa = token();
  rsa.header.erase("kid");
  EXPECT_EQ(outcome(rsa.sign(rsa_key())), "accepted");
  auto ec = token(ec_key());
  ec.header.erase("kid");
  EXPECT_EQ(outcome(ec.sign(ec_key())), "accepted");
}

TEST_F(IdTokenTest, WithoutKidAndTwoKeysOfTheTypeIsUnknownKey) {
  const TestKey second = make_ec_key("ec2");
  keys = parse_jwks(testing::jwks_of({&rsa_key(), &ec_key(), &second}));
  auto ec = token(ec_key());
  ec.header.erase("kid");
  EXPECT_EQ(outcome(ec.sign(ec_key())), "unknown_key");
}

TEST_F(IdTokenTest, AcceptsLeewayAtTheEdges) {
  auto expired_within_leeway = token();
  expired_within_leeway.claims["exp"] = now - 59;
  EXPECT_EQ(outcome(expired_within_leeway.sign(rsa_key())), "accepted");
  auto issued_within_leeway = token();
  issued_within_leeway.claims["iat"] = now + 60;
  EXPECT_EQ(outcome(issued_within_leeway.sign(rsa_key())), "accepted");
}

TEST_F(IdTokenTest, AcceptsOurAudienceInAnArray) {
  auto single = token();
  single.claims["aud"] = {client_id};
  EXPECT_EQ(outcome(single.sign(rsa_key())), "accepted");
  auto several = token();
  several.claims["aud"] = {client_id, "another"};
  several.claims["azp"] = client_id;
  EXPECT_EQ(outcome(several.sign(rsa_key())), "accepted");
}

TEST_F(IdTokenTest, RefusesOtherAlgorithms) {
  for (const char* alg : {"none", "HS256", "RS512", "PS256", "ES384"}) {
    auto t = token();
    t.header["alg"] = alg;
    EXPECT_EQ(outcome(t.with_signature(std::string(alg) == "none" ? "" : "signature")), "algorithm") << alg;
  }
  auto no_alg = token();
  no_alg.header.erase("alg");
  EXPECT_EQ(outcome(no_alg.sign(rsa_key())), "algorithm");
}

// An HMAC "signed" with the provider's public key as secret is a classic
// attack on libraries that let the token choose the algorithm.
TEST_F(IdTokenTest, RefusesHs256MadeWithThePublicKey) {
  auto t = token();
  t.header["alg"] = "HS256";
  const std::string secret = rsa_key().jwk()["n"];
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const std::string input = t.signing_input();
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  EXPECT_EQ(outcome(t.with_signature(std::string(reinterpret_cast<char*>(mac), length))), "algorithm");
}

TEST_F(IdTokenTest, RefusesUnknownKid) {
  auto t = token();
  t.header["kid"] = "rsa-old";
  EXPECT_EQ(outcome(t.sign(rsa_key())), "unknown_key");
}

TEST_F(IdTokenTest, RefusesKeyOfAnotherTypeThanTheAlgorithm) {
  auto es256_naming_rsa_key = token(ec_key());
  es256_naming_rsa_key.header["kid"] = "rsa1";
  EXPECT_EQ(outcome(es256_naming_rsa_key.sign(ec_key())), "unknown_key");
  auto rs256_naming_ec_key = token();
  rs256_naming_ec_key.header["kid"] = "ec1";
  EXPECT_EQ(outcome(rs256_naming_ec_key.sign(rsa_key())), "unknown_key");
}

TEST_F(IdTokenTest, RefusesBadSignatures) {
  EXPECT_EQ(outcome(token().sign(stranger_key())), "signature");

  // Signed, then changed.
  const std::string good = token().sign(rsa_key());
  auto changed = token();
  changed.claims["sub"] = "999990020";
  EXPECT_EQ(outcome(changed.signing_input() + good.substr(good.rfind('.'))), "signature");

  EXPECT_EQ(outcome(token().with_signature("")), "signature");
  EXPECT_EQ(outcome(token(ec_key()).with_signature(std::string(64, '\0'))), "signature");
  EXPECT_EQ(outcome(token(ec_key()).with_signature(std::string(63, '\x01'))), "signature");
  auto trailing = token(ec_key());
  EXPECT_EQ(outcome(trailing.with_signature(testing::sign_bytes(ec_key(), trailing.signing_input()) + "x")),
            "signature");
  // ES256 in DER, as OpenSSL makes it, is not what JOSE sends.
  auto der = token(ec_key());
  EXPECT_EQ(outcome(der.with_signature(testing::sign_bytes(ec_key(), der.signing_input(), false))), "signature");
}

TEST_F(IdTokenTest, RefusesMalformedTokens) {
  const std::string good = token().sign(rsa_key());
  EXPECT_EQ(outcome(""), "malformed");
  EXPECT_EQ(outcome("a.b"), "malformed");
  EXPECT_EQ(outcome(good + ".x"), "malformed");
  EXPECT_EQ(outcome("!!!" + good.substr(good.find('.'))), "malformed");
  EXPECT_EQ(outcome(oidc::base64url_encode("not json") + good.substr(good.find('.'))), "malformed");
  EXPECT_EQ(outcome(oidc::base64url_encode("[]") + good.substr(good.find('.'))), "malformed");
  EXPECT_EQ(outcome(good + "=="), "malformed");
  EXPECT_EQ(outcome(std::string(17 * 1024, 'a') + good), "malformed");

  auto crit = token();
  crit.header["crit"] = {"exp"};
  EXPECT_EQ(outcome(crit.sign(rsa_key())), "malformed");
  auto kid_number = token();
  kid_number.header["kid"] = 1;
  EXPECT_EQ(outcome(kid_number.sign(rsa_key())), "malformed");
}

TEST_F(IdTokenTest, RefusesSignedTokensWithoutRequiredClaims) {
  for (const char* claim : {"iss", "sub", "aud", "exp", "iat"}) {
    auto missing = token();
    missing.claims.erase(claim);
    EXPECT_EQ(outcome(missing.sign(rsa_key())), "malformed") << claim;
  }
  auto text_exp = token();
  text_exp.claims["exp"] = std::to_string(now + 300);
  EXPECT_EQ(outcome(text_exp.sign(rsa_key())), "malformed");
  auto empty_sub = token();
  empty_sub.claims["sub"] = "";
  EXPECT_EQ(outcome(empty_sub.sign(rsa_key())), "malformed");

  // A payload that is not a JSON object, properly signed.
  auto array = token();
  const std::string input = testing::encode_json(array.header) + "." + oidc::base64url_encode("[1]");
  EXPECT_EQ(outcome(input + "." + oidc::base64url_encode(testing::sign_bytes(rsa_key(), input))), "malformed");
}

TEST_F(IdTokenTest, RefusesAnotherIssuer) {
  auto t = token();
  t.claims["iss"] = issuer + "/";
  EXPECT_EQ(outcome(t.sign(rsa_key())), "issuer");
}

TEST_F(IdTokenTest, RefusesAnotherAudience) {
  auto other = token();
  other.claims["aud"] = "gezicht-test";
  EXPECT_EQ(outcome(other.sign(rsa_key())), "audience");
  auto not_in_array = token();
  not_in_array.claims["aud"] = {"a", "b"};
  not_in_array.claims["azp"] = client_id;
  EXPECT_EQ(outcome(not_in_array.sign(rsa_key())), "audience");
  auto several_without_azp = token();
  several_without_azp.claims["aud"] = {client_id, "another"};
  EXPECT_EQ(outcome(several_without_azp.sign(rsa_key())), "audience");
  auto azp_of_another = token();
  azp_of_another.claims["aud"] = {client_id, "another"};
  azp_of_another.claims["azp"] = "another";
  EXPECT_EQ(outcome(azp_of_another.sign(rsa_key())), "audience");
  auto lone_azp_of_another = token();
  lone_azp_of_another.claims["azp"] = "another";
  EXPECT_EQ(outcome(lone_azp_of_another.sign(rsa_key())), "audience");
}

TEST_F(IdTokenTest, RefusesExpired) {
  auto t = token();
  t.claims["exp"] = now - 60;  // exactly the leeway: no longer valid
  EXPECT_EQ(outcome(t.sign(rsa_key())), "expired");
  expected.leeway_seconds = 0;
  t.claims["exp"] = now;
  EXPECT_EQ(outcome(t.sign(rsa_key())), "expired");
}

TEST_F(IdTokenTest, RefusesTokensFromTheFuture) {
  auto issued_later = token();
  issued_later.claims["iat"] = now + 61;
  EXPECT_EQ(outcome(issued_later.sign(rsa_key())), "not_yet_valid");
  auto not_before_later = token();
  not_before_later.claims["nbf"] = now + 61;
  EXPECT_EQ(outcome(not_before_later.sign(rsa_key())), "not_yet_valid");
}

TEST_F(IdTokenTest, RefusesAnotherOrNoNonce) {
  auto other = token();
  other.claims["nonce"] = nonce + "x";
  EXPECT_EQ(outcome(other.sign(rsa_key())), "nonce");
  auto missing = token();
  missing.claims.erase("nonce");
  EXPECT_EQ(outcome(missing.sign(rsa_key())), "nonce");
  auto number = token();
  number.claims["nonce"] = 7;
  EXPECT_EQ(outcome(number.sign(rsa_key())), "nonce");
}

TEST_F(IdTokenTest, ChecksTheSignatureBeforeTheClaims) {
  auto t = token();
  t.claims["iss"] = "https://attacker.example";
  EXPECT_EQ(outcome(t.sign(stranger_key())), "signature");
}

TEST_F(IdTokenTest, ExpectationsWithoutNonceAreTheCallersMistake) {
  expected.nonce.clear();
  EXPECT_THROW(verify_id_token(token().sign(rsa_key()), keys, expected), std::invalid_argument);
}

}  // namespace
}  // namespace gezicht::oidc
