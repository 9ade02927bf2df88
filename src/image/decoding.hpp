#pragma once
// Internal to src/image: include it only from photo.cpp and logo.cpp, never
// from outside the folder (photo.hpp and logo.hpp are the API). What both
// need to read an upload safely lives here once, so that a fix to the error
// handling, the limits or a decoder's quirks reaches both: the signatures,
// the size checks before any pixel, libjpeg's error manager (warnings count
// as corrupt, a limit on progressive scans) and libpng's simplified API.

#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <string_view>
#include <vector>

#include <jpeglib.h>
#include <png.h>

#include "image/photo.hpp"  // PhotoError, PhotoProblem: the problems of both

namespace gezicht::image::detail {

// JPEG's own maximum: a limit above it could never be met, and below it every
// product of dimensions stays well inside the types.
inline constexpr int max_dimension = JPEG_MAX_DIMENSION;

// The largest image a caller accepts, from its limits.
struct MaxSize {
  int width = 0, height = 0;
};

// Throws std::invalid_argument unless max is 1..max_dimension both ways;
// limits_name ("photo limits") starts the message.
void check_max_size(MaxSize max, std::string_view limits_name);

// ---------------------------------------------------------------------------
// The upload as bytes

inline constexpr std::string_view jpeg_signature("\xFF\xD8\xFF", 3);
inline constexpr std::string_view png_signature("\x89PNG\r\n\x1A\n", 8);

enum class Format { jpeg, png };

// Refuses an upload above max_bytes or empty, then tells JPEG from PNG by the
// signature alone (never a name or declared type). noun ("upload", "logo")
// names the file in the messages.
Format check_upload(std::string_view upload, std::size_t max_bytes, std::string_view noun);

// Throws PhotoError for dimensions of 0 (corrupt) or above max (too many
// pixels); type ("JPEG", "PNG") starts the message.
void check_dimensions(std::uint64_t width, std::uint64_t height, MaxSize max, const char* type);

// Unsigned integers of 2 and 4 bytes at `at` (which the caller has checked
// lies inside data): PNG is big-endian, EXIF either.
std::uint32_t read_u16(std::string_view data, std::size_t at, bool little_endian);
std::uint32_t read_u32(std::string_view data, std::size_t at, bool little_endian);

// Decoded pixels, row after row, of as many bytes each as the caller asked for.
struct Bitmap {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
};

// ---------------------------------------------------------------------------
// libjpeg plumbing
//
// libjpeg's default error handler calls exit(), and a C++ exception must not
// unwind through libjpeg's C frames: errors longjmp back to the function that
// called setjmp, which returns false, and the caller throws from plain C++
// after the RAII holder has cleaned up. The functions that call setjmp have
// only trivial locals, as longjmp requires.

struct JpegErrorManager {
  jpeg_error_mgr pub;  // first: libjpeg hands the callbacks a pointer to it
  std::jmp_buf jump;
  PhotoProblem problem;
  char message[JMSG_LENGTH_MAX];
  char first_warning[JMSG_LENGTH_MAX];
};

// Errors longjmp to err.jump with err.problem and err.message set; warnings
// are kept from stderr, the first one in err.first_warning. Also for the
// photo's encoder, whose failures take the same path.
void init_error_manager(JpegErrorManager& err);

// What a caller keeps of a JPEG as decode_jpeg reads it. The calls come from
// decode_jpeg between libjpeg calls, never from inside libjpeg, so they may throw.
class JpegRows {
 public:
  // After the header, once its dimensions are checked; the APP1 segments are
  // saved in cinfo.marker_list when asked for (jpeg_finish_decompress forgets them).
  virtual void header(const jpeg_decompress_struct& /*cinfo*/) {}
  // Before the first row: the image is width x height pixels.
  virtual void start(int width, int height) = 0;
  // Row y, left to right: width pixels of 3 bytes (R, G, B).
  virtual void row(int y, const std::uint8_t* rgb) = 0;

 protected:
  ~JpegRows() = default;
};

// Decodes every row of a JPEG as RGB: greyscale expanded, CMYK and YCCK
// converted naively (Adobe's inverted CMYK, no colour management). Throws
// PhotoError for dimensions above max (checked from the header, before any
// pixel), colour components of unknown meaning, a JPEG this libjpeg cannot
// decode, an error, any warning (libjpeg would paint the rest grey) or more
// than 100 progressive scans (a CPU bomb; encoders write about 10).
void decode_jpeg(std::string_view data, MaxSize max, bool save_app1, JpegRows& rows);

// ---------------------------------------------------------------------------
// libpng (simplified API)

// png_image_free on every path, also when a check throws between begin and
// finish (it is a no-op once libpng has freed the image itself).
struct PngImage {
  png_image image{};
  PngImage() { image.version = PNG_IMAGE_VERSION; }
  ~PngImage() { png_image_free(&image); }
  PngImage(const PngImage&) = delete;
  PngImage& operator=(const PngImage&) = delete;
};

// Decodes a whole PNG to an 8-bit format (PNG_FORMAT_RGB or PNG_FORMAT_RGBA):
// palettes and greyscale expanded, 16 bits reduced (taken as sRGB without
// gamma information), alpha composited onto background when the format has
// none. Throws PhotoError for dimensions above max (checked before any pixel)
// or a damaged file.
Bitmap decode_png(std::string_view data, MaxSize max, png_uint_32 format, const png_color* background);

// ---------------------------------------------------------------------------
// Scaling

// A separable filter: output pixel o reads `count[o]` source pixels from
// `first[o]` on, with the weights from `weights[offset[o]]` on (summing to 1).
struct Kernel {
  std::vector<int> first, count;
  std::vector<std::size_t> offset;
  std::vector<float> weights;
};

// Area average (box filter) from source to target pixels, target <= source.
Kernel box_kernel(int source, int target);

// A filtered sum back to a sample: rounded once, clamped to 0..255.
std::uint8_t to_byte(float value);

}  // namespace gezicht::image::detail
