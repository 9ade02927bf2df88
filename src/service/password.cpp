#include "service/password.hpp"

#include <sodium.h>

#include <stdexcept>
#include <string>

namespace gezicht::service {
namespace {

void ensure_sodium() {
  // sodium_init is idempotent and thread-safe; it returns 1 when already done.
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  ensure_sodium();
  std::string hash(encoded_hash);  // crypto_pwhash_str_verify wants a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace gezicht::service
