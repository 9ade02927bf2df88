#pragma once
// Cryptographically secure random bytes (libsodium), behind an interface so
// tests can make them predictable.

#include <cstddef>
#include <string>
#include <string_view>

namespace gezicht::service {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual void fill(unsigned char* out, std::size_t size) = 0;
};

class SodiumRandom final : public RandomSource {
 public:
  SodiumRandom();
  void fill(unsigned char* out, std::size_t size) override;
};

// 32 random bytes as URL-safe base64 without padding (43 characters).
std::string random_token(RandomSource& random);
// BLAKE2b of data with a digest of digest_bytes (16-64), as hex.
std::string blake2b_hex(std::string_view data, std::size_t digest_bytes);
// BLAKE2b-256 of a token, hex: what the database keeps instead of the token.
std::string hash_token(const std::string& token);
// Compares in time independent of where the first difference is.
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace gezicht::service
