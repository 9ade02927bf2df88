#pragma once
// Time-based one-time passwords (TOTP, RFC 6238) as authenticator apps make
// them: HMAC-SHA1, 6 digits, 30-second steps counted from the Unix epoch.
// Computed by liboath; the secret is 20 random bytes, shown and stored base32.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "service/random.hpp"

namespace gezicht::service::totp {

inline constexpr int step_seconds = 30;
inline constexpr int digits = 6;
inline constexpr std::size_t secret_bytes = 20;  // RFC 4226 recommends 160 bits
// A code of the step before or after the current one is accepted too, for
// clocks that are a little off and codes typed just as they change.
inline constexpr int window_steps = 1;

// The step a moment falls in: floor(unix_seconds / 30).
std::int64_t step_at(std::int64_t unix_seconds);

// Base32 (RFC 4648, upper case, no padding), as authenticator apps expect it.
std::string base32_encode(std::string_view bytes);
// A new secret of secret_bytes random bytes, base32.
std::string new_secret(RandomSource& random);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30,
// what the QR code holds (Key Uri Format of Google Authenticator).
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

// The code of one moment (for tests and for people checking their app).
// Throws std::invalid_argument for a secret that is not base32.
std::string code_at(std::string_view secret_base32, std::int64_t unix_seconds);

// The step a code belongs to when it is the code of the current step or of
// one step either side, and that step is later than last_used_step (a code
// is accepted once: RFC 6238 section 5.2). nullopt otherwise, also for
// anything that is not 6 digits or a secret that is not base32. Codes are
// compared in constant time.
std::optional<std::int64_t> verify(std::string_view secret_base32, std::string_view code, std::int64_t unix_seconds,
                                   std::optional<std::int64_t> last_used_step);

}  // namespace gezicht::service::totp
