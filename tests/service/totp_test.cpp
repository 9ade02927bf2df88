// TOTP (RFC 6238) through liboath: the RFC's test vectors, the ±1 step
// window, refusing a code already used, and the otpauth:// URI.

#include "service/totp.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace gezicht::service {
namespace {

// RFC 6238 appendix B: the SHA-1 secret is the ASCII text "12345678901234567890".
const std::string rfc_secret = totp::base32_encode("12345678901234567890");

class CountingRandom final : public RandomSource {
 public:
  void fill(unsigned char* out, std::size_t size) override {
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<unsigned char>(next_++);
  }

 private:
  unsigned next_ = 0;
};

TEST(Totp, Base32OfTheRfcSecret) { EXPECT_EQ(rfc_secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"); }

TEST(Totp, RfcTestVectorsSha1SixDigits) {
  // The RFC lists 8-digit codes; 6 digits are their last six.
  const std::pair<std::int64_t, const char*> vectors[] = {
      {59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
      {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
  };
  for (const auto& [time, code] : vectors) {
    EXPECT_EQ(totp::code_at(rfc_secret, time), code) << "at " << time;
    const auto step = totp::verify(rfc_secret, code, time, std::nullopt);
    ASSERT_TRUE(step) << "at " << time;
    EXPECT_EQ(*step, time / 30);
  }
}

TEST(Totp, AcceptsOneStepEitherSideOnly) {
  const std::int64_t now = 1111111111;  // step 37037037 (at 1111111110 .. 1111111139)
  const std::string code = totp::code_at(rfc_secret, now);
  EXPECT_EQ(totp::verify(rfc_secret, code, now + 30, std::nullopt), totp::step_at(now));  // the clock ran ahead
  EXPECT_EQ(totp::verify(rfc_secret, code, now - 30, std::nullopt), totp::step_at(now));  // or behind
  EXPECT_FALSE(totp::verify(rfc_secret, code, now + 60, std::nullopt));
  EXPECT_FALSE(totp::verify(rfc_secret, code, now - 60, std::nullopt));
}

TEST(Totp, RefusesACodeOfAStepAlreadyUsed) {
  const std::int64_t now = 1234567890;
  const std::string code = totp::code_at(rfc_secret, now);
  const auto step = totp::verify(rfc_secret, code, now, std::nullopt);
  ASSERT_TRUE(step);
  EXPECT_FALSE(totp::verify(rfc_secret, code, now, *step));      // the same code again
  EXPECT_FALSE(totp::verify(rfc_secret, code, now + 5, *step));  // later in the same step
  // The previous step's code after the current one was used: also refused.
  const std::string earlier = totp::code_at(rfc_secret, now - 30);
  EXPECT_FALSE(totp::verify(rfc_secret, earlier, now, *step));
  // The next step's code is fine.
  EXPECT_EQ(totp::verify(rfc_secret, totp::code_at(rfc_secret, now + 30), now + 30, *step), *step + 1);
}

TEST(Totp, RefusesWhatIsNotSixDigits) {
  const std::int64_t now = 59;
  EXPECT_FALSE(totp::verify(rfc_secret, "", now, std::nullopt));
  EXPECT_FALSE(totp::verify(rfc_secret, "28708", now, std::nullopt));
  EXPECT_FALSE(totp::verify(rfc_secret, "2870820", now, std::nullopt));
  EXPECT_FALSE(totp::verify(rfc_secret, "94287082", now, std::nullopt));  // the RFC's 8-digit code
  EXPECT_FALSE(totp::verify(rfc_secret, "28708a", now, std::nullopt));
  EXPECT_FALSE(totp::verify(rfc_secret, "287 082", now, std::nullopt));  // spaces are the caller's to remove
  EXPECT_FALSE(totp::verify(rfc_secret, "000000", now, std::nullopt));
  EXPECT_FALSE(totp::verify("not base32!", "287082", now, std::nullopt));
  EXPECT_FALSE(totp::verify("", "287082", now, std::nullopt));
}

TEST(Totp, NewSecretsAreTwentyBytesOfBase32) {
  CountingRandom random;
  const std::string first = totp::new_secret(random);
  EXPECT_EQ(first.size(), 32u);  // 160 bits / 5 bits per character
  EXPECT_EQ(first.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
  EXPECT_NE(totp::new_secret(random), first);
  EXPECT_EQ(totp::code_at(first, 0).size(), 6u);
}

TEST(Totp, OtpauthUriEscapesIssuerAndAccount) {
  EXPECT_EQ(totp::otpauth_uri("Gemeente Voorbeeld", "anna.b@x", "GEZDGNBV"),
            "otpauth://totp/Gemeente%20Voorbeeld:anna.b%40x?secret=GEZDGNBV&issuer=Gemeente%20Voorbeeld"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(Totp, StepsAreFloorOfThirtySeconds) {
  EXPECT_EQ(totp::step_at(0), 0);
  EXPECT_EQ(totp::step_at(29), 0);
  EXPECT_EQ(totp::step_at(30), 1);
  EXPECT_EQ(totp::step_at(-1), -1);
}

}  // namespace
}  // namespace gezicht::service
