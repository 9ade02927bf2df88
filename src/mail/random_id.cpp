#include "mail/random_id.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace gezicht::mail {

std::string random_hex(std::size_t bytes) {
  if (bytes == 0 || bytes > 32) throw std::invalid_argument("random_hex takes 1 to 32 bytes");
  // Safe to call again and from several threads; randombytes_buf needs it first.
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, 32> random{};
  randombytes_buf(random.data(), bytes);
  std::array<char, 2 * 32 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), random.data(), bytes);
  return hex.data();
}

}  // namespace gezicht::mail
