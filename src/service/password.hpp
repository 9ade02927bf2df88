#pragma once
// Password hashing with Argon2id (libsodium crypto_pwhash_str).

#include <string>
#include <string_view>

namespace gezicht::service {

// Returns an encoded Argon2id hash (salt and parameters included).
std::string hash_password(std::string_view password);

// Constant-time check of a password against an encoded hash.
bool verify_password(std::string_view encoded_hash, std::string_view password);

// Passwords shorter than this are refused when set.
inline constexpr std::size_t minimum_password_length = 12;

}  // namespace gezicht::service
