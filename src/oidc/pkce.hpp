#pragma once
// Proof Key for Code Exchange (RFC 7636) with the S256 method: the
// authorization request carries a hash of a secret only this session knows,
// so a code intercepted on its way back cannot be exchanged by someone else.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace gezicht::oidc::pkce {

// Fills the buffer with cryptographically secure random bytes; passed in so
// tests can make them predictable (service::RandomSource::fill fits).
using RandomFill = std::function<void(unsigned char* out, std::size_t size)>;

inline constexpr std::size_t verifier_bytes = 32;  // RFC 7636 section 4.1 recommends 32 octets

// The verifier made from exactly these 32 bytes: 43 characters of base64url.
std::string code_verifier_from(std::span<const unsigned char, verifier_bytes> random_bytes);
// A new verifier from 32 bytes of random.
std::string new_code_verifier(const RandomFill& random);

// BASE64URL(SHA256(verifier)). Throws std::invalid_argument for a verifier
// that RFC 7636 forbids (not 43-128 characters of [A-Za-z0-9-._~]), so a
// broken verifier fails here instead of at the provider.
std::string code_challenge_s256(std::string_view verifier);

}  // namespace gezicht::oidc::pkce
