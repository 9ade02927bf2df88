#include "web/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include "web/template_engine.hpp"

namespace gezicht::web {

std::string qr_code_svg(std::string_view text, std::string_view label) {
  const std::string input(text);
  // Level M: readable from a screen with a little glare; case-sensitive
  // because the URI's label may have lower case letters.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) throw std::runtime_error("libqrencode could not encode the enrolment URI");
  constexpr int quiet_zone = 4;
  const int width = code->width;
  const int size = width + 2 * quiet_zone;
  const std::string side = std::to_string(size);
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      // Bit 0 of each byte: dark (1) or light (0); the other bits say what the module is for.
      if (code->data[y * width + x] & 1) {
        path += "M" + std::to_string(x + quiet_zone) + " " + std::to_string(y + quiet_zone) + "h1v1h-1z";
      }
    }
  }
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gz-qr\" role=\"img\" viewBox=\"0 0 " + side +
                    " " + side + "\" width=\"" + std::to_string(size * 5) + "\" height=\"" + std::to_string(size * 5) +
                    "\" shape-rendering=\"crispEdges\" aria-label=\"";
  append_html_escaped(svg, label);
  svg += "\"><rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path +
         "\"/></svg>";
  return svg;
}

}  // namespace gezicht::web
