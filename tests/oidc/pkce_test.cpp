// PKCE against the example of RFC 7636 appendix B, and the base64url it is
// built on (the first user of src/oidc/base64url).

#include "oidc/pkce.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstring>

#include "oidc/base64url.hpp"

namespace gezicht::oidc {
namespace {

constexpr std::array<unsigned char, 32> rfc7636_octets = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                                          125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                                          191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
constexpr const char* rfc7636_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr const char* rfc7636_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(PkceTest, MatchesRfc7636AppendixB) {
  EXPECT_EQ(pkce::code_verifier_from(rfc7636_octets), rfc7636_verifier);
  EXPECT_EQ(pkce::code_challenge_s256(rfc7636_verifier), rfc7636_challenge);
}

TEST(PkceTest, NewVerifierTakes32BytesOfTheGivenRandom) {
  std::size_t asked = 0;
  const std::string verifier = pkce::new_code_verifier([&](unsigned char* out, std::size_t size) {
    asked += size;
    std::memcpy(out, rfc7636_octets.data(), size);
  });
  EXPECT_EQ(asked, 32u);
  EXPECT_EQ(verifier, rfc7636_verifier);
  EXPECT_EQ(verifier.size(), 43u);
}

TEST(PkceTest, ChallengeRefusesVerifiersTheRfcForbids) {
  EXPECT_THROW(pkce::code_challenge_s256(std::string(42, 'a')), std::invalid_argument);
  EXPECT_THROW(pkce::code_challenge_s256(std::string(129, 'a')), std::invalid_argument);
  EXPECT_THROW(pkce::code_challenge_s256(std::string(42, 'a') + "+"), std::invalid_argument);
  EXPECT_THROW(pkce::code_challenge_s256(std::string(42, 'a') + "="), std::invalid_argument);
  EXPECT_NO_THROW(pkce::code_challenge_s256(std::string(128, '~')));
  EXPECT_NO_THROW(pkce::code_challenge_s256("-._~" + std::string(39, 'Z')));
}

TEST(Base64urlTest, RoundTripsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");  // the two characters that differ from base64
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(base64url_decode(base64url_encode(all)), all);
  EXPECT_EQ(base64url_decode("Zm8"), "fo");
  EXPECT_EQ(base64url_decode(""), "");
}

TEST(Base64urlTest, DecodeRefusesAnythingNotCanonical) {
  EXPECT_THROW(base64url_decode("Zm8="), std::invalid_argument);   // padding
  EXPECT_THROW(base64url_decode("+/8"), std::invalid_argument);    // base64, not base64url
  EXPECT_THROW(base64url_decode("Zm9vY"), std::invalid_argument);  // a length no bytes have
  EXPECT_THROW(base64url_decode("Zm9"), std::invalid_argument);    // unused bits not zero
  EXPECT_THROW(base64url_decode("Zm 8"), std::invalid_argument);
  EXPECT_THROW(base64url_decode(std::string("Zm\0", 3)), std::invalid_argument);
}

}  // namespace
}  // namespace gezicht::oidc
