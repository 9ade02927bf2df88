#pragma once
// A QR code as an inline SVG image (libqrencode), for the two-factor
// enrolment: the otpauth:// URI an authenticator app scans.

#include <string>
#include <string_view>

namespace gezicht::web {

// An <svg> element: dark modules as one path, a 4-module quiet zone,
// role="img" with `label` as its accessible name (escaped). Throws
// std::runtime_error when the text does not fit a QR code.
std::string qr_code_svg(std::string_view text, std::string_view label);

}  // namespace gezicht::web
