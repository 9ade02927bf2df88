#pragma once
// The security headers every response carries, from the router and from
// the errors the HTTP layer answers itself (see docs/security.md).

#include <string>
#include <utility>
#include <vector>

namespace gezicht::web {

inline std::vector<std::pair<std::string, std::string>> security_headers(bool over_tls) {
  std::vector<std::pair<std::string, std::string>> headers{
      // No inline script or style anywhere: everything comes from our own origin.
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (over_tls) headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return headers;
}

}  // namespace gezicht::web
