#include "image/photo.hpp"

#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <cstring>
#include <vector>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

namespace gezicht::image {

PhotoError::PhotoError(PhotoProblem problem, const std::string& detail)
    : std::runtime_error(detail), problem_(problem) {}

namespace {

// libjpeg-turbo's advice against a progressive JPEG of thousands of tiny
// scans, which costs minutes of CPU from a small file; encoders write about 10.
constexpr int max_jpeg_scans = 100;

// The centre square of the upload: side x side pixels of 3 bytes (R, G, B), row after row.
struct Square {
  int side = 0;
  std::vector<std::uint8_t> rgb;
};

struct Decoded {
  Square square;
  int orientation = 1;  // EXIF orientation (1 to 8) to apply to the square
};

bool has_prefix(std::string_view data, std::string_view prefix) { return data.substr(0, prefix.size()) == prefix; }

constexpr std::string_view jpeg_signature("\xFF\xD8\xFF", 3);
constexpr std::string_view png_signature("\x89PNG\r\n\x1A\n", 8);

void check_dimensions(std::uint64_t width, std::uint64_t height, const PhotoLimits& limits, const char* type) {
  if (width == 0 || height == 0) throw PhotoError(PhotoProblem::corrupt, std::string(type) + " without pixels");
  if (width > static_cast<std::uint64_t>(limits.max_width) || height > static_cast<std::uint64_t>(limits.max_height)) {
    throw PhotoError(PhotoProblem::too_many_pixels, std::string(type) + " of " + std::to_string(width) + "x" +
                                                        std::to_string(height) + " pixels, more than the " +
                                                        std::to_string(limits.max_width) + "x" +
                                                        std::to_string(limits.max_height) + " allowed");
  }
}

// ---------------------------------------------------------------------------
// EXIF orientation

std::uint32_t read_u16(std::string_view data, std::size_t at, bool little_endian) {
  const auto b0 = static_cast<std::uint8_t>(data[at]), b1 = static_cast<std::uint8_t>(data[at + 1]);
  return little_endian ? b0 | b1 << 8 : b0 << 8 | b1;
}

std::uint32_t read_u32(std::string_view data, std::size_t at, bool little_endian) {
  const std::uint32_t high = read_u16(data, at + (little_endian ? 2 : 0), little_endian);
  const std::uint32_t low = read_u16(data, at + (little_endian ? 0 : 2), little_endian);
  return high << 16 | low;
}

// The Orientation tag (0x0112) of the first IFD of an EXIF block (TIFF
// layout). Anything missing or malformed counts as 1 (as stored): the
// metadata is untrusted and never a reason to refuse the pixels.
int tiff_orientation(std::string_view tiff) {
  if (tiff.size() < 8) return 1;
  bool little_endian;
  if (has_prefix(tiff, "II")) {
    little_endian = true;
  } else if (has_prefix(tiff, "MM")) {
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
    if (has_prefix(data, exif_header)) return tiff_orientation(data.substr(exif_header.size()));
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

struct JpegScanLimit {
  jpeg_progress_mgr pub;  // first, as above
  int max_scans;
};

JpegErrorManager& error_manager(j_common_ptr cinfo) { return *reinterpret_cast<JpegErrorManager*>(cinfo->err); }

// C language linkage: libjpeg calls them through C function pointers.
extern "C" {

[[noreturn]] static void on_jpeg_error(j_common_ptr cinfo) {
  JpegErrorManager& err = error_manager(cinfo);
  (*cinfo->err->format_message)(cinfo, err.message);
  switch (cinfo->err->msg_code) {
    // Valid JPEGs this build of libjpeg cannot decode (12-bit, lossless, ...).
    case JERR_BAD_PRECISION:
    case JERR_SOF_UNSUPPORTED: err.problem = PhotoProblem::unknown_type; break;
    // Above 65500 pixels libjpeg refuses the header itself, before our check.
    case JERR_IMAGE_TOO_BIG: err.problem = PhotoProblem::too_many_pixels; break;
    default: err.problem = PhotoProblem::corrupt; break;
  }
  std::longjmp(err.jump, 1);
}

// Warnings are counted by libjpeg (num_warnings) and must not reach stderr;
// the first one is kept for the log.
static void on_jpeg_message(j_common_ptr cinfo) {
  JpegErrorManager& err = error_manager(cinfo);
  if (err.first_warning[0] == '\0') (*cinfo->err->format_message)(cinfo, err.first_warning);
}

static void on_jpeg_progress(j_common_ptr cinfo) {
  if (!cinfo->is_decompressor) return;
  const int max_scans = reinterpret_cast<JpegScanLimit*>(cinfo->progress)->max_scans;
  if (reinterpret_cast<j_decompress_ptr>(cinfo)->input_scan_number <= max_scans) return;
  JpegErrorManager& err = error_manager(cinfo);
  std::snprintf(err.message, sizeof err.message, "more than %d progressive scans", max_scans);
  err.problem = PhotoProblem::corrupt;
  std::longjmp(err.jump, 1);
}

// The output buffer is sized for the worst case up front (see encode_jpeg),
// so that libjpeg never needs memory it would have to free on an error.
static void on_jpeg_init_destination(j_compress_ptr) {}
static boolean on_jpeg_buffer_full(j_compress_ptr cinfo) {
  ERREXIT(cinfo, JERR_BUFFER_SIZE);
  return FALSE;
}
static void on_jpeg_term_destination(j_compress_ptr) {}

}  // extern "C"

void init_error_manager(JpegErrorManager& err) {
  jpeg_std_error(&err.pub);
  err.pub.error_exit = on_jpeg_error;
  err.pub.output_message = on_jpeg_message;
  err.problem = PhotoProblem::corrupt;
  err.message[0] = '\0';
  err.first_warning[0] = '\0';
}

// jpeg_destroy_* is safe on a zeroed struct (libjpeg frees only what it
// allocated), so the holders destroy on every path, even a failed create.
struct JpegDecoder {
  jpeg_decompress_struct cinfo{};
  JpegErrorManager err{};
  JpegScanLimit scan_limit{};

  JpegDecoder() {
    init_error_manager(err);
    cinfo.err = &err.pub;
    scan_limit.pub.progress_monitor = on_jpeg_progress;
    scan_limit.max_scans = max_jpeg_scans;
  }
  ~JpegDecoder() { jpeg_destroy_decompress(&cinfo); }
  JpegDecoder(const JpegDecoder&) = delete;
  JpegDecoder& operator=(const JpegDecoder&) = delete;
};

struct JpegEncoder {
  jpeg_compress_struct cinfo{};
  JpegErrorManager err{};
  jpeg_destination_mgr destination{};

  JpegEncoder() {
    init_error_manager(err);
    cinfo.err = &err.pub;
    destination.init_destination = on_jpeg_init_destination;
    destination.empty_output_buffer = on_jpeg_buffer_full;
    destination.term_destination = on_jpeg_term_destination;
  }
  ~JpegEncoder() { jpeg_destroy_compress(&cinfo); }
  JpegEncoder(const JpegEncoder&) = delete;
  JpegEncoder& operator=(const JpegEncoder&) = delete;
};

// ---------------------------------------------------------------------------
// JPEG decoding

// Copies the centre columns of one decoded row (RGB, or CMYK as libjpeg
// passes it through) into the square.
void copy_centre(const JSAMPLE* row, int components, bool inverted_cmyk, int left, int side, std::uint8_t* out) {
  const JSAMPLE* in = row + static_cast<std::size_t>(left) * components;
  if (components == 3) {
    std::memcpy(out, in, static_cast<std::size_t>(side) * 3);
    return;
  }
  // Naive CMYK to RGB, without the ICC profile a print workflow would use: a
  // face photo in CMYK is rare and only needs to look right, not be exact.
  // Adobe (Photoshop) stores CMYK inverted, and marks it with its APP14.
  for (int x = 0; x < side; ++x, in += 4, out += 3) {
    const int c = inverted_cmyk ? in[0] : 255 - in[0], m = inverted_cmyk ? in[1] : 255 - in[1];
    const int y = inverted_cmyk ? in[2] : 255 - in[2], k = inverted_cmyk ? in[3] : 255 - in[3];
    out[0] = static_cast<std::uint8_t>((c * k + 127) / 255);
    out[1] = static_cast<std::uint8_t>((m * k + 127) / 255);
    out[2] = static_cast<std::uint8_t>((y * k + 127) / 255);
  }
}

// Decodes the centre square; false when libjpeg failed (decoder.err says why).
bool read_jpeg(JpegDecoder& decoder, std::string_view data, const PhotoLimits& limits, Decoded& decoded) {
  jpeg_decompress_struct& cinfo = decoder.cinfo;
  if (setjmp(decoder.err.jump) != 0) return false;
  jpeg_create_decompress(&cinfo);
  cinfo.progress = &decoder.scan_limit.pub;          // after create, which zeroes the struct
  jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);  // for the orientation only; never written out
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(data.data()), static_cast<unsigned long>(data.size()));
  jpeg_read_header(&cinfo, TRUE);
  check_dimensions(cinfo.image_width, cinfo.image_height, limits, "JPEG");
  decoded.orientation = exif_orientation(cinfo);  // now: jpeg_finish_decompress forgets the saved markers

  switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB: cinfo.out_color_space = JCS_RGB; break;
    case JCS_CMYK:
    case JCS_YCCK: cinfo.out_color_space = JCS_CMYK; break;  // libjpeg has no CMYK to RGB: copy_centre does it
    default:
      throw PhotoError(PhotoProblem::unknown_type,
                       "JPEG with " + std::to_string(cinfo.num_components) + " colour components of unknown meaning");
  }
  jpeg_start_decompress(&cinfo);

  const int width = static_cast<int>(cinfo.output_width), height = static_cast<int>(cinfo.output_height);
  const int components = cinfo.output_components;
  const int side = std::min(width, height), left = (width - side) / 2, top = (height - side) / 2;
  decoded.square.side = side;
  decoded.square.rgb.resize(static_cast<std::size_t>(side) * side * 3);
  // From libjpeg's pool, so that jpeg_destroy_decompress frees it on every path.
  JSAMPARRAY row = (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                              static_cast<JDIMENSION>(width * components), 1);
  // Every row is decoded, also those outside the square: a truncation
  // anywhere must show up as a warning.
  while (cinfo.output_scanline < cinfo.output_height) {
    const int y = static_cast<int>(cinfo.output_scanline);
    jpeg_read_scanlines(&cinfo, row, 1);
    if (y < top || y >= top + side) continue;
    copy_centre(row[0], components, cinfo.saw_Adobe_marker, left, side,
                &decoded.square.rgb[static_cast<std::size_t>(y - top) * side * 3]);
  }
  jpeg_finish_decompress(&cinfo);  // reads up to EOI: a file cut after the last row warns here
  return true;
}

Decoded decode_jpeg(std::string_view data, const PhotoLimits& limits) {
  JpegDecoder decoder;
  Decoded decoded;
  if (!read_jpeg(decoder, data, limits, decoded)) {
    throw PhotoError(decoder.err.problem, std::string("JPEG: ") + decoder.err.message);
  }
  // libjpeg carries on after a truncation or corrupt data and paints the rest
  // grey: a photo that is partly grey is no photo.
  if (decoder.err.pub.num_warnings > 0) {
    throw PhotoError(PhotoProblem::corrupt, std::string("JPEG: ") + decoder.err.first_warning);
  }
  return decoded;
}

// ---------------------------------------------------------------------------
// PNG decoding

// png_image_free on every path, also when a check throws between begin and
// finish (it is a no-op once libpng has freed the image itself).
struct PngImage {
  png_image image{};
  PngImage() { image.version = PNG_IMAGE_VERSION; }
  ~PngImage() { png_image_free(&image); }
  PngImage(const PngImage&) = delete;
  PngImage& operator=(const PngImage&) = delete;
};

Decoded decode_png(std::string_view data, const PhotoLimits& limits) {
  // The dimensions straight from IHDR, which the PNG standard puts first: libpng
  // would refuse a width above its own limit (1000000) as an error, and that
  // upload is one with too many pixels, not a corrupt one.
  if (data.size() >= 24 && data.substr(12, 4) == "IHDR") {
    check_dimensions(read_u32(data, 16, false), read_u32(data, 20, false), limits, "PNG");
  }
  PngImage png;
  if (!png_image_begin_read_from_memory(&png.image, data.data(), data.size())) {
    throw PhotoError(PhotoProblem::corrupt, std::string("PNG: ") + png.image.message);
  }
  check_dimensions(png.image.width, png.image.height, limits, "PNG");

  // libpng expands palettes and greyscale, reduces 16 bits, and composites
  // the alpha channel onto the background (white: a transparent photo must
  // not reveal the colours hidden under alpha 0).
  png.image.format = PNG_FORMAT_RGB;
  // Without it, 16-bit samples without gAMA or sRGB are taken as linear and
  // come out far too light; nearly every such file is sRGB.
  png.image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
  const png_color white{255, 255, 255};
  const std::size_t width = png.image.width, height = png.image.height;
  std::vector<std::uint8_t> pixels(width * height * 3);
  if (!png_image_finish_read(&png.image, &white, pixels.data(), static_cast<png_int_32>(width * 3), nullptr)) {
    throw PhotoError(PhotoProblem::corrupt, std::string("PNG: ") + png.image.message);
  }

  // The centre square, moved to the front of the buffer in place (each row
  // moves towards the start, so nothing is overwritten before it is read).
  const std::size_t side = std::min(width, height), left = (width - side) / 2, top = (height - side) / 2;
  for (std::size_t y = 0; y < side; ++y) {
    std::memmove(&pixels[y * side * 3], &pixels[((top + y) * width + left) * 3], side * 3);
  }
  pixels.resize(side * side * 3);
  return {Square{static_cast<int>(side), std::move(pixels)}, 1};
}

// ---------------------------------------------------------------------------
// Scaling

// A separable filter: output pixel o reads `count[o]` source pixels from
// `first[o]` on, with the weights from `weights[offset[o]]` on (summing to 1).
struct Kernel {
  std::vector<int> first, count;
  std::vector<std::size_t> offset;
  std::vector<float> weights;
};

// Area average: output pixel o covers source [o * s / n, (o + 1) * s / n) and
// each source pixel weighs by how much of it falls inside. Counting in units
// of 1/n source pixel keeps the overlaps exact integers.
Kernel box_kernel(int source, int target) {
  Kernel kernel;
  for (int o = 0; o < target; ++o) {
    const std::int64_t low = std::int64_t{o} * source, high = std::int64_t{o + 1} * source;
    const auto first = static_cast<int>(low / target), last = static_cast<int>((high - 1) / target);
    kernel.first.push_back(first);
    kernel.count.push_back(last - first + 1);
    kernel.offset.push_back(kernel.weights.size());
    for (int i = first; i <= last; ++i) {
      const std::int64_t overlap =
          std::min(high, std::int64_t{i + 1} * target) - std::max(low, std::int64_t{i} * target);
      kernel.weights.push_back(static_cast<float>(static_cast<double>(overlap) / source));
    }
  }
  return kernel;
}

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

std::uint8_t to_byte(float value) { return static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L)); }

std::vector<std::uint8_t> scale(const Square& square, int target) {
  const int source = square.side;
  const Kernel kernel = source >= target ? box_kernel(source, target) : bilinear_kernel(source, target);
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
    std::transform(sum.begin(), sum.end(), &result[o * target_row], to_byte);
  }
  return result;
}

// ---------------------------------------------------------------------------
// JPEG encoding

// False when libjpeg failed (encoder.err says why).
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
  // JPEG's own maximum keeps every product of dimensions well inside the types.
  constexpr int max_dimension = JPEG_MAX_DIMENSION;
  if (limits.max_width < 1 || limits.max_width > max_dimension || limits.max_height < 1 ||
      limits.max_height > max_dimension) {
    throw std::invalid_argument("photo limits: max_width and max_height must be 1.." + std::to_string(max_dimension));
  }
  if (limits.output_side < 1 || limits.output_side > max_dimension) {
    throw std::invalid_argument("photo limits: output_side must be 1.." + std::to_string(max_dimension));
  }
  if (limits.jpeg_quality < 1 || limits.jpeg_quality > 100) {
    throw std::invalid_argument("photo limits: jpeg_quality must be 1..100");
  }
}

}  // namespace

SquarePhoto square_photo(std::string_view upload, const PhotoLimits& limits) {
  check_limits(limits);
  if (upload.size() > limits.max_bytes) {
    throw PhotoError(PhotoProblem::too_large_file, "upload of " + std::to_string(upload.size()) +
                                                       " bytes, more than the " + std::to_string(limits.max_bytes) +
                                                       " allowed");
  }
  if (upload.empty()) throw PhotoError(PhotoProblem::empty, "empty upload");

  Decoded decoded;
  if (has_prefix(upload, jpeg_signature)) {
    decoded = decode_jpeg(upload, limits);
  } else if (has_prefix(upload, png_signature)) {
    decoded = decode_png(upload, limits);
  } else {
    throw PhotoError(PhotoProblem::unknown_type, "upload is neither JPEG nor PNG by its first bytes");
  }

  const int side = limits.output_side;
  std::vector<std::uint8_t> pixels = apply_orientation(scale(decoded.square, side), side, decoded.orientation);
  return {encode_jpeg(pixels, side, limits.jpeg_quality), side};
}

}  // namespace gezicht::image
