#include "image/photo.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

#include "image/decoding.hpp"  // what photo.cpp shares with logo.cpp: decoders, checks, box filter

namespace gezicht::image {

PhotoError::PhotoError(PhotoProblem problem, const std::string& detail)
    : std::runtime_error(detail), problem_(problem) {}

namespace {

// The centre square of the upload: side x side pixels of 3 bytes (R, G, B), row after row.
struct Square {
  int side = 0;
  std::vector<std::uint8_t> rgb;
};

struct Decoded {
  Square square;
  int orientation = 1;  // EXIF orientation (1 to 8) to apply to the square
};

using detail::Kernel;
using detail::read_u16;
using detail::read_u32;

detail::MaxSize max_size(const PhotoLimits& limits) { return {limits.max_width, limits.max_height}; }

// ---------------------------------------------------------------------------
// EXIF orientation

// The Orientation tag (0x0112) of the first IFD of an EXIF block (TIFF
// layout). Anything missing or malformed counts as 1 (as stored): the
// metadata is untrusted and never a reason to refuse the pixels.
int tiff_orientation(std::string_view tiff) {
  if (tiff.size() < 8) return 1;
  bool little_endian;
  if (tiff.starts_with("II")) {
    little_endian = true;
  } else if (tiff.starts_with("MM")) {
    little_endian = false;
  } else {
    return 1;
  }
  if (read_u16(tiff, 2, little_endian) != 42) return 1;
  const std::size_t ifd = read_u32(tiff, 4, little_endian);
  if (ifd > tiff.size() || tiff.size() - ifd < 2) return 1;
  const std::size_t entries = read_u16(tiff, ifd, little_endian);
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;  // at most 2^32 + 2 + 12 * 65535: no overflow
    if (entry > tiff.size() || tiff.size() - entry < 12) return 1;
    if (read_u16(tiff, entry, little_endian) != 0x0112) continue;
    constexpr std::uint32_t short_type = 3;
    if (read_u16(tiff, entry + 2, little_endian) != short_type || read_u32(tiff, entry + 4, little_endian) != 1) {
      return 1;
    }
    const auto value = static_cast<int>(read_u16(tiff, entry + 8, little_endian));
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

int exif_orientation(const jpeg_decompress_struct& cinfo) {
  constexpr std::string_view exif_header("Exif\0\0", 6);
  for (jpeg_saved_marker_ptr marker = cinfo.marker_list; marker != nullptr; marker = marker->next) {
    if (marker->marker != JPEG_APP0 + 1) continue;  // XMP is APP1 too, without the Exif header
    const std::string_view data(reinterpret_cast<const char*>(marker->data), marker->data_length);
    if (data.starts_with(exif_header)) return tiff_orientation(data.substr(exif_header.size()));
  }
  return 1;
}

// Turns the stored square into the one a viewer shows (EXIF 2.3, tag 274):
// output pixel (x, y) comes from stored pixel (sx, sy).
std::vector<std::uint8_t> apply_orientation(std::vector<std::uint8_t> rgb, int side, int orientation) {
  if (orientation == 1) return rgb;
  std::vector<std::uint8_t> out(rgb.size());
  const int last = side - 1;
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      int sx = x, sy = y;
      switch (orientation) {
        case 2: sx = last - x; break;                 // mirrored
        case 3: sx = last - x, sy = last - y; break;  // upside down
        case 4: sy = last - y; break;                 // mirrored upside down
        case 5: sx = y, sy = x; break;                // transposed
        case 6: sx = y, sy = last - x; break;         // turned 90 degrees clockwise to view
        case 7: sx = last - y, sy = last - x; break;  // transversed
        case 8: sx = last - y, sy = x; break;         // turned 90 degrees anticlockwise to view
      }
      std::memcpy(&out[(static_cast<std::size_t>(y) * side + x) * 3],
                  &rgb[(static_cast<std::size_t>(sy) * side + sx) * 3], 3);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// JPEG decoding

// Keeps only the centre square of the rows, as they come: never the whole
// image in memory.
class CentreSquare final : public detail::JpegRows {
 public:
  explicit CentreSquare(Decoded& decoded) : decoded_(decoded) {}

  void header(const jpeg_decompress_struct& cinfo) override { decoded_.orientation = exif_orientation(cinfo); }

  void start(int width, int height) override {
    side_ = std::min(width, height), left_ = (width - side_) / 2, top_ = (height - side_) / 2;
    decoded_.square.side = side_;
    decoded_.square.rgb.resize(static_cast<std::size_t>(side_) * side_ * 3);
  }

  void row(int y, const std::uint8_t* rgb) override {
    if (y < top_ || y >= top_ + side_) return;
    std::memcpy(&decoded_.square.rgb[static_cast<std::size_t>(y - top_) * side_ * 3],
                rgb + static_cast<std::size_t>(left_) * 3, static_cast<std::size_t>(side_) * 3);
  }

 private:
  Decoded& decoded_;
  int side_ = 0, left_ = 0, top_ = 0;
};

Decoded decode_jpeg(std::string_view data, const PhotoLimits& limits) {
  Decoded decoded;
  CentreSquare centre(decoded);
  detail::decode_jpeg(data, max_size(limits), /*save_app1=*/true, centre);  // APP1: for the orientation
  return decoded;
}

// ---------------------------------------------------------------------------
// PNG decoding

Decoded decode_png(std::string_view data, const PhotoLimits& limits) {
  // The alpha channel is composited onto white: a transparent photo must not
  // reveal the colours hidden under alpha 0.
  const png_color white{255, 255, 255};
  detail::Bitmap image = detail::decode_png(data, max_size(limits), PNG_FORMAT_RGB, &white);
  std::vector<std::uint8_t>& pixels = image.pixels;

  // The centre square, moved to the front of the buffer in place (each row
  // moves towards the start, so nothing is overwritten before it is read).
  const std::size_t width = image.width, height = image.height;
  const std::size_t side = std::min(width, height), left = (width - side) / 2, top = (height - side) / 2;
  for (std::size_t y = 0; y < side; ++y) {
    std::memmove(&pixels[y * side * 3], &pixels[((top + y) * width + left) * 3], side * 3);
  }
  pixels.resize(side * side * 3);
  return {Square{static_cast<int>(side), std::move(pixels)}, 1};
}

// ---------------------------------------------------------------------------
// Scaling

// Bilinear with the pixel centres lined up ((o + 0.5) * s / n - 0.5), the
// edge pixels repeated: smoother than nearest for a small photo made bigger.
Kernel bilinear_kernel(int source, int target) {
  Kernel kernel;
  for (int o = 0; o < target; ++o) {
    const double x = std::clamp((o + 0.5) * source / target - 0.5, 0.0, source - 1.0);
    const auto first = static_cast<int>(x);
    const auto fraction = static_cast<float>(x - first);
    kernel.first.push_back(first);
    kernel.offset.push_back(kernel.weights.size());
    if (first + 1 < source && fraction > 0) {
      kernel.count.push_back(2);
      kernel.weights.push_back(1 - fraction);
      kernel.weights.push_back(fraction);
    } else {
      kernel.count.push_back(1);
      kernel.weights.push_back(1);
    }
  }
  return kernel;
}

std::vector<std::uint8_t> scale(const Square& square, int target) {
  const int source = square.side;
  const Kernel kernel = source >= target ? detail::box_kernel(source, target) : bilinear_kernel(source, target);
  const std::size_t source_row = static_cast<std::size_t>(source) * 3,
                    target_row = static_cast<std::size_t>(target) * 3;

  // Across: every source row to `target` pixels, kept in float so that the
  // result is rounded once.
  std::vector<float> across(source * target_row);
  for (int y = 0; y < source; ++y) {
    const std::uint8_t* in = &square.rgb[y * source_row];
    float* out = &across[y * target_row];
    for (int o = 0; o < target; ++o) {
      const std::uint8_t* pixel = in + static_cast<std::size_t>(kernel.first[o]) * 3;
      const float* weight = &kernel.weights[kernel.offset[o]];
      float r = 0, g = 0, b = 0;
      for (int t = 0; t < kernel.count[o]; ++t, pixel += 3) {
        r += weight[t] * pixel[0];
        g += weight[t] * pixel[1];
        b += weight[t] * pixel[2];
      }
      out[o * 3] = r;
      out[o * 3 + 1] = g;
      out[o * 3 + 2] = b;
    }
  }

  // Down: the same kernel over the rows.
  std::vector<std::uint8_t> result(target * target_row);
  std::vector<float> sum(target_row);
  for (int o = 0; o < target; ++o) {
    std::fill(sum.begin(), sum.end(), 0.0f);
    for (int t = 0; t < kernel.count[o]; ++t) {
      const float weight = kernel.weights[kernel.offset[o] + t];
      const float* row = &across[(kernel.first[o] + t) * target_row];
      for (std::size_t i = 0; i < target_row; ++i) sum[i] += weight * row[i];
    }
    std::transform(sum.begin(), sum.end(), &result[o * target_row], detail::to_byte);
  }
  return result;
}

// ---------------------------------------------------------------------------
// JPEG encoding

// C language linkage: libjpeg calls them through C function pointers. The
// output buffer is sized for the worst case up front (see encode_jpeg), so
// that libjpeg never needs memory it would have to free on an error.
extern "C" {
static void on_jpeg_init_destination(j_compress_ptr) {}
static boolean on_jpeg_buffer_full(j_compress_ptr cinfo) {
  ERREXIT(cinfo, JERR_BUFFER_SIZE);
  return FALSE;
}
static void on_jpeg_term_destination(j_compress_ptr) {}
}  // extern "C"

// Errors take the decoder's path (see decoding.hpp): a longjmp back to
// write_jpeg. jpeg_destroy_compress is safe on a zeroed struct, so the holder
// destroys on every path, even a failed create.
struct JpegEncoder {
  jpeg_compress_struct cinfo{};
  detail::JpegErrorManager err{};
  jpeg_destination_mgr destination{};

  JpegEncoder() {
    detail::init_error_manager(err);
    cinfo.err = &err.pub;
    destination.init_destination = on_jpeg_init_destination;
    destination.empty_output_buffer = on_jpeg_buffer_full;
    destination.term_destination = on_jpeg_term_destination;
  }
  ~JpegEncoder() { jpeg_destroy_compress(&cinfo); }
  JpegEncoder(const JpegEncoder&) = delete;
  JpegEncoder& operator=(const JpegEncoder&) = delete;
};

// False when libjpeg failed (encoder.err says why); only trivial locals, as longjmp requires.
bool write_jpeg(JpegEncoder& encoder, const std::vector<std::uint8_t>& rgb, int side, int quality, std::string& out) {
  jpeg_compress_struct& cinfo = encoder.cinfo;
  if (setjmp(encoder.err.jump) != 0) return false;
  jpeg_create_compress(&cinfo);
  encoder.destination.next_output_byte = reinterpret_cast<JOCTET*>(out.data());
  encoder.destination.free_in_buffer = out.size();
  cinfo.dest = &encoder.destination;  // after create, which zeroes the struct
  cinfo.image_width = static_cast<JDIMENSION>(side);
  cinfo.image_height = static_cast<JDIMENSION>(side);
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults(&cinfo);                // YCbCr 4:2:0, JFIF APP0, no other markers
  jpeg_set_quality(&cinfo, quality, TRUE);  // TRUE: quantisation tables a baseline decoder accepts
  cinfo.optimize_coding = TRUE;             // a smaller file, still baseline (sequential Huffman)
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    auto row = const_cast<JSAMPROW>(&rgb[static_cast<std::size_t>(cinfo.next_scanline) * side * 3]);
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  return true;
}

std::string encode_jpeg(const std::vector<std::uint8_t>& rgb, int side, int quality) {
  // libjpeg-turbo's worst case (tjBufSize) for 4:4:4, twice what 4:2:0 needs:
  // 6 bytes a pixel of the size padded to whole 16x16 blocks, and 2048 for the headers.
  const std::size_t padded = (static_cast<std::size_t>(side) + 15) / 16 * 16;
  std::string out(padded * padded * 6 + 2048, '\0');
  JpegEncoder encoder;
  // Only a failure of the server (memory), never of the upload.
  if (!write_jpeg(encoder, rgb, side, quality, out))
    throw std::runtime_error(std::string("JPEG encoding: ") + encoder.err.message);
  out.resize(out.size() - encoder.destination.free_in_buffer);
  out.shrink_to_fit();
  return out;
}

void check_limits(const PhotoLimits& limits) {
  detail::check_max_size(max_size(limits), "photo limits");
  if (limits.output_side < 1 || limits.output_side > detail::max_dimension) {
    throw std::invalid_argument("photo limits: output_side must be 1.." + std::to_string(detail::max_dimension));
  }
  if (limits.jpeg_quality < 1 || limits.jpeg_quality > 100) {
    throw std::invalid_argument("photo limits: jpeg_quality must be 1..100");
  }
}

}  // namespace

SquarePhoto square_photo(std::string_view upload, const PhotoLimits& limits) {
  check_limits(limits);
  const Decoded decoded = detail::check_upload(upload, limits.max_bytes, "upload") == detail::Format::jpeg
                              ? decode_jpeg(upload, limits)
                              : decode_png(upload, limits);

  const int side = limits.output_side;
  std::vector<std::uint8_t> pixels = apply_orientation(scale(decoded.square, side), side, decoded.orientation);
  return {encode_jpeg(pixels, side, limits.jpeg_quality), side};
}

}  // namespace gezicht::image
