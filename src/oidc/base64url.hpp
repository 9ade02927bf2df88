#pragma once
// Base64url without padding (RFC 4648 section 5), the encoding of every part
// of a JWS and of JWK key material (RFC 7515 section 2).

#include <string>
#include <string_view>

namespace gezicht::oidc {

std::string base64url_encode(std::string_view bytes);

// Throws std::invalid_argument for anything that is not canonical base64url
// without padding: other characters, '=' padding, an impossible length, or
// non-zero unused bits (so one value has one encoding, and a signed token
// cannot be altered without breaking its signature).
std::string base64url_decode(std::string_view text);

}  // namespace gezicht::oidc
