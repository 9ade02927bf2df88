#pragma once
// A professional's photo of their face: the upload (JPEG or PNG) is decoded
// and re-encoded to a small square JPEG, so that nothing of the uploaded file
// is ever served as it came: no metadata, no EXIF, no comments, no bytes a
// browser could read as something else (polyglots). Only libjpeg and libpng
// read the upload; the size and dimensions are checked before any pixel is
// decoded, so a decompression bomb is refused before it allocates.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gezicht::image {

// Limits of an upload: the caller passes them (the domain rules decide them).
struct PhotoLimits {
  std::size_t max_bytes = 2 * 1024 * 1024;
  int max_width = 4000;
  int max_height = 4000;
  int output_side = 256;  // the output is output_side x output_side pixels
  int jpeg_quality = 85;  // 1..100
};

enum class PhotoProblem {
  empty,            // no bytes at all
  too_large_file,   // more than max_bytes
  unknown_type,     // neither JPEG nor PNG by its signature, or a kind of JPEG that is not supported
  corrupt,          // damaged, truncated or not what its signature says
  too_many_pixels,  // wider than max_width or higher than max_height
};

// Thrown with the problem; what() is an English message for the log (the
// page chooses its own words by problem()).
class PhotoError : public std::runtime_error {
 public:
  PhotoError(PhotoProblem problem, const std::string& detail);
  PhotoProblem problem() const { return problem_; }

 private:
  PhotoProblem problem_;
};

struct SquarePhoto {
  std::string jpeg;  // a baseline JPEG with only the markers libjpeg writes by default (SOI, JFIF APP0, ...)
  int side = 0;
};

// Turns an upload into a square JPEG:
// - the type is read from the signature (JPEG: FF D8 FF; PNG: its 8-byte
//   signature), never from a file name or a declared content type;
// - the dimensions are read from the header and refused above the limits
//   before any pixel is decoded;
// - the pixels are decoded to RGB: PNG alpha is composited onto white,
//   greyscale and palettes are expanded, 16 bits are reduced to 8 (16-bit
//   data without gamma information is taken as sRGB, as nearly all such files
//   are); CMYK and YCCK JPEGs are converted naively (Adobe's inverted CMYK, no
//   colour management); a JPEG's EXIF orientation is applied, as browsers do
//   when they show the file, so that a phone photo does not end up on its side;
// - the centre square is cropped and scaled to output_side: down with an area
//   average (box filter), up (a square smaller than output_side) bilinearly;
// - the result is encoded as a baseline JPEG at jpeg_quality.
// Throws PhotoError for a bad upload, std::invalid_argument for bad limits.
// Any libjpeg warning while decoding (a truncated file, corrupt data) makes
// the upload corrupt: libjpeg would otherwise fill the missing part with grey.
// So does a progressive JPEG of more than 100 scans (a CPU bomb; encoders
// write about 10).
SquarePhoto square_photo(std::string_view upload, const PhotoLimits& limits);

}  // namespace gezicht::image
