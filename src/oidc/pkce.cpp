#include "oidc/pkce.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "oidc/base64url.hpp"

namespace gezicht::oidc::pkce {
namespace {

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

}  // namespace

std::string code_verifier_from(std::span<const unsigned char, verifier_bytes> random_bytes) {
  return base64url_encode({reinterpret_cast<const char*>(random_bytes.data()), random_bytes.size()});
}

std::string new_code_verifier(const RandomFill& random) {
  std::array<unsigned char, verifier_bytes> bytes{};
  random(bytes.data(), bytes.size());
  std::string verifier = code_verifier_from(bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());  // the verifier is a secret until the code is exchanged
  return verifier;
}

std::string code_challenge_s256(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128 || !std::all_of(verifier.begin(), verifier.end(), unreserved)) {
    throw std::invalid_argument("PKCE code_verifier must be 43-128 characters of [A-Za-z0-9-._~]");
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  return base64url_encode({reinterpret_cast<const char*>(digest), sizeof digest});
}

}  // namespace gezicht::oidc::pkce
