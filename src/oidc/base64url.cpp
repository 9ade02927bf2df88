#include "oidc/base64url.hpp"

#include <cstdint>
#include <stdexcept>

namespace gezicht::oidc {
namespace {

// By hand rather than with OpenSSL's EVP_DecodeBlock, which knows only the
// padded alphabet and skips whitespace.
constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t bits = 0;
  int count = 0;  // bits waiting in `bits`
  for (const char c : bytes) {
    bits = (bits << 8) | static_cast<unsigned char>(c);
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += alphabet[(bits >> count) & 0x3f];
    }
  }
  if (count > 0) out += alphabet[(bits << (6 - count)) & 0x3f];
  return out;
}

std::string base64url_decode(std::string_view text) {
  // One character left over carries 6 bits: no whole byte ever encodes so.
  if (text.size() % 4 == 1) throw std::invalid_argument("not base64url: impossible length");
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    const int value = value_of(c);
    if (value < 0) throw std::invalid_argument("not base64url: a character outside the alphabet");
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  if ((bits & ((1u << count) - 1)) != 0) throw std::invalid_argument("not base64url: unused bits are not zero");
  return out;
}

}  // namespace gezicht::oidc
