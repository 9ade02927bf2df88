#pragma once
// The municipality's logo from the directory import: decoded and re-encoded
// by the server (src/image/logo.hpp) to fit the header, transparency kept.

#include <string>
#include <string_view>

namespace gezicht::service {

struct Logo {
  std::string png;
  int width = 0;
  int height = 0;
};

// Throws domain::ValidationError naming `field` (logo.empty, logo.too_large,
// logo.unknown_type, logo.corrupt, logo.too_many_pixels).
Logo reencoded_logo(std::string_view upload, const std::string& field);

}  // namespace gezicht::service
