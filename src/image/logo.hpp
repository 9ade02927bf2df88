#pragma once
// A municipality's logo from the administrator's import file (JPEG or PNG):
// decoded and re-encoded to a PNG of its own, so that nothing of the imported
// file is served as it came (no metadata, no text chunks, no polyglot bytes),
// keeping the logo's aspect ratio and transparency. As for a photo, only
// libjpeg and libpng read the file, and the size and dimensions are checked
// before any pixel is decoded.

#include <cstddef>
#include <string>
#include <string_view>

#include "image/photo.hpp"  // PhotoError, PhotoProblem: the same problems as a photo's

namespace gezicht::image {

// Limits of a logo: the caller passes them (the domain rules decide them).
struct LogoLimits {
  std::size_t max_bytes = 1024 * 1024;
  int max_width = 4000;
  int max_height = 4000;
  int box_width = 480;  // the output fits within box_width x box_height
  int box_height = 96;
};

struct FittedLogo {
  std::string png;  // an 8-bit RGBA PNG of only IHDR, IDAT and IEND chunks
  int width = 0;
  int height = 0;
};

// Turns an imported logo into a PNG that fits the box:
// - the type is read from the signature (JPEG: FF D8 FF; PNG: its 8-byte
//   signature), never from a file name or a declared content type;
// - the dimensions are read from the header and refused above the limits
//   before any pixel is decoded;
// - the pixels are decoded to RGBA: a JPEG is opaque (CMYK and YCCK converted
//   naively, as for a photo; its EXIF orientation is not applied); a PNG keeps
//   its alpha, greyscale and palettes are expanded, 16 bits are reduced to 8
//   (16-bit data without gamma information taken as sRGB);
// - a logo larger than the box is scaled down, keeping its aspect ratio, with
//   an area average (box filter) of the colours premultiplied by alpha, so that
//   the colour under transparent pixels does not bleed into the edges; a logo
//   inside the box keeps its size (never scaled up). The colour of a fully
//   transparent pixel is written as 0, so nothing hidden under alpha 0 survives;
// - the result is encoded with libpng's simplified API as an 8-bit RGBA PNG
//   of only IHDR, IDAT and IEND (the sRGB chunk libpng adds is dropped: a PNG
//   without colour-space chunks is shown as sRGB anyway).
// Throws PhotoError for a bad file, std::invalid_argument for bad limits.
// Any libjpeg warning while decoding makes the file corrupt, as does a
// progressive JPEG of more than 100 scans.
FittedLogo fitted_logo(std::string_view upload, const LogoLimits& limits);

}  // namespace gezicht::image
