#include "service/random.hpp"

#include <sodium.h>

#include <stdexcept>

namespace gezicht::service {

SodiumRandom::SodiumRandom() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

void SodiumRandom::fill(unsigned char* out, std::size_t size) { randombytes_buf(out, size); }

std::string random_token(RandomSource& random) {
  unsigned char bytes[32];
  random.fill(bytes, sizeof bytes);
  char encoded[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

std::string blake2b_hex(std::string_view data, std::size_t digest_bytes) {
  if (digest_bytes < crypto_generichash_BYTES_MIN || digest_bytes > crypto_generichash_BYTES_MAX) {
    throw std::invalid_argument("BLAKE2b digest size out of range");
  }
  unsigned char digest[crypto_generichash_BYTES_MAX];
  crypto_generichash(digest, digest_bytes, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr,
                     0);
  char hex[2 * crypto_generichash_BYTES_MAX + 1];
  sodium_bin2hex(hex, sizeof hex, digest, digest_bytes);
  return hex;
}

std::string hash_token(const std::string& token) { return blake2b_hex(token, 32); }

bool constant_time_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gezicht::service
