#include "image/logo.hpp"

#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <stdexcept>
#include <vector>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

namespace gezicht::image {
namespace {

// Copied from photo.cpp (its internals are not shared): the signatures,
// the dimension check, the libjpeg error manager and holder, the PNG holder,
// the box kernel and to_byte. Keep them in step.

// libjpeg-turbo's advice against a progressive JPEG of thousands of tiny
// scans, which costs minutes of CPU from a small file; encoders write about 10.
constexpr int max_jpeg_scans = 100;

// The decoded logo: width x height pixels of 4 bytes (R, G, B, A; not
// premultiplied), row after row.
struct Rgba {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
};

bool has_prefix(std::string_view data, std::string_view prefix) { return data.substr(0, prefix.size()) == prefix; }

constexpr std::string_view jpeg_signature("\xFF\xD8\xFF", 3);
constexpr std::string_view png_signature("\x89PNG\r\n\x1A\n", 8);

std::uint32_t read_u32_big_endian(std::string_view data, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<std::uint8_t>(data[at + i]);
  return value;
}

void check_dimensions(std::uint64_t width, std::uint64_t height, const LogoLimits& limits, const char* type) {
  if (width == 0 || height == 0) throw PhotoError(PhotoProblem::corrupt, std::string(type) + " without pixels");
  if (width > static_cast<std::uint64_t>(limits.max_width) || height > static_cast<std::uint64_t>(limits.max_height)) {
    throw PhotoError(PhotoProblem::too_many_pixels, std::string(type) + " of " + std::to_string(width) + "x" +
                                                        std::to_string(height) + " pixels, more than the " +
                                                        std::to_string(limits.max_width) + "x" +
                                                        std::to_string(limits.max_height) + " allowed");
  }
}

// ---------------------------------------------------------------------------
// libjpeg plumbing (as in photo.cpp)
//
// libjpeg's default error handler calls exit(), and a C++ exception must not
// unwind through libjpeg's C frames: errors longjmp back to the function that
// called setjmp, which returns false, and the caller throws from plain C++
// after the RAII holder has cleaned up. The function that calls setjmp has
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

}  // extern "C"

// jpeg_destroy_decompress is safe on a zeroed struct (libjpeg frees only what
// it allocated), so the holder destroys on every path, even a failed create.
struct JpegDecoder {
  jpeg_decompress_struct cinfo{};
  JpegErrorManager err{};
  JpegScanLimit scan_limit{};

  JpegDecoder() {
    jpeg_std_error(&err.pub);
    err.pub.error_exit = on_jpeg_error;
    err.pub.output_message = on_jpeg_message;
    err.problem = PhotoProblem::corrupt;
    err.message[0] = '\0';
    err.first_warning[0] = '\0';
    cinfo.err = &err.pub;
    scan_limit.pub.progress_monitor = on_jpeg_progress;
    scan_limit.max_scans = max_jpeg_scans;
  }
  ~JpegDecoder() { jpeg_destroy_decompress(&cinfo); }
  JpegDecoder(const JpegDecoder&) = delete;
  JpegDecoder& operator=(const JpegDecoder&) = delete;
};

// ---------------------------------------------------------------------------
// JPEG decoding

// One decoded row (RGB, or CMYK as libjpeg passes it through) to opaque RGBA.
void to_rgba(const JSAMPLE* in, int components, bool inverted_cmyk, int width, std::uint8_t* out) {
  for (int x = 0; x < width; ++x, in += components, out += 4) {
    if (components == 3) {
      out[0] = in[0], out[1] = in[1], out[2] = in[2];
    } else {
      // Naive CMYK to RGB, as for a photo: Adobe (Photoshop) stores CMYK
      // inverted, and marks it with its APP14.
      const int c = inverted_cmyk ? in[0] : 255 - in[0], m = inverted_cmyk ? in[1] : 255 - in[1];
      const int y = inverted_cmyk ? in[2] : 255 - in[2], k = inverted_cmyk ? in[3] : 255 - in[3];
      out[0] = static_cast<std::uint8_t>((c * k + 127) / 255);
      out[1] = static_cast<std::uint8_t>((m * k + 127) / 255);
      out[2] = static_cast<std::uint8_t>((y * k + 127) / 255);
    }
    out[3] = 255;
  }
}

// Decodes the whole image; false when libjpeg failed (decoder.err says why).
bool read_jpeg(JpegDecoder& decoder, std::string_view data, const LogoLimits& limits, Rgba& decoded) {
  jpeg_decompress_struct& cinfo = decoder.cinfo;
  if (setjmp(decoder.err.jump) != 0) return false;
  jpeg_create_decompress(&cinfo);
  cinfo.progress = &decoder.scan_limit.pub;  // after create, which zeroes the struct
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(data.data()), static_cast<unsigned long>(data.size()));
  jpeg_read_header(&cinfo, TRUE);  // no markers saved: nothing of them is wanted
  check_dimensions(cinfo.image_width, cinfo.image_height, limits, "JPEG");

  switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB: cinfo.out_color_space = JCS_RGB; break;
    case JCS_CMYK:
    case JCS_YCCK: cinfo.out_color_space = JCS_CMYK; break;  // libjpeg has no CMYK to RGB: to_rgba does it
    default:
      throw PhotoError(PhotoProblem::unknown_type,
                       "JPEG with " + std::to_string(cinfo.num_components) + " colour components of unknown meaning");
  }
  jpeg_start_decompress(&cinfo);

  decoded.width = static_cast<int>(cinfo.output_width);
  decoded.height = static_cast<int>(cinfo.output_height);
  const int components = cinfo.output_components;
  const std::size_t row_bytes = static_cast<std::size_t>(decoded.width) * 4;
  decoded.pixels.resize(row_bytes * decoded.height);
  // From libjpeg's pool, so that jpeg_destroy_decompress frees it on every path.
  JSAMPARRAY row = (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                              static_cast<JDIMENSION>(decoded.width * components), 1);
  while (cinfo.output_scanline < cinfo.output_height) {
    const std::size_t y = cinfo.output_scanline;
    jpeg_read_scanlines(&cinfo, row, 1);
    to_rgba(row[0], components, cinfo.saw_Adobe_marker, decoded.width, &decoded.pixels[y * row_bytes]);
  }
  jpeg_finish_decompress(&cinfo);  // reads up to EOI: a file cut after the last row warns here
  return true;
}

Rgba decode_jpeg(std::string_view data, const LogoLimits& limits) {
  JpegDecoder decoder;
  Rgba decoded;
  if (!read_jpeg(decoder, data, limits, decoded)) {
    throw PhotoError(decoder.err.problem, std::string("JPEG: ") + decoder.err.message);
  }
  // libjpeg carries on after a truncation or corrupt data and paints the rest grey.
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

Rgba decode_png(std::string_view data, const LogoLimits& limits) {
  // The dimensions straight from IHDR, which the PNG standard puts first: libpng
  // would refuse a width above its own limit (1000000) as an error, and that
  // file is one with too many pixels, not a corrupt one.
  if (data.size() >= 24 && data.substr(12, 4) == "IHDR") {
    check_dimensions(read_u32_big_endian(data, 16), read_u32_big_endian(data, 20), limits, "PNG");
  }
  PngImage png;
  if (!png_image_begin_read_from_memory(&png.image, data.data(), data.size())) {
    throw PhotoError(PhotoProblem::corrupt, std::string("PNG: ") + png.image.message);
  }
  check_dimensions(png.image.width, png.image.height, limits, "PNG");

  // libpng expands palettes (with tRNS) and greyscale, and reduces 16 bits;
  // 8-bit RGBA comes out as stored, alpha not premultiplied.
  png.image.format = PNG_FORMAT_RGBA;
  // Without it, 16-bit samples without gAMA or sRGB are taken as linear and
  // come out far too light; nearly every such file is sRGB.
  png.image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
  Rgba decoded{static_cast<int>(png.image.width), static_cast<int>(png.image.height), {}};
  const std::size_t row_bytes = static_cast<std::size_t>(decoded.width) * 4;
  decoded.pixels.resize(row_bytes * decoded.height);
  if (!png_image_finish_read(&png.image, nullptr, decoded.pixels.data(), static_cast<png_int_32>(row_bytes), nullptr)) {
    throw PhotoError(PhotoProblem::corrupt, std::string("PNG: ") + png.image.message);
  }
  return decoded;
}

// ---------------------------------------------------------------------------
// Fitting and scaling

struct Size {
  int width = 0, height = 0;
};

// The largest size within the box with the logo's aspect ratio (rounded, at
// least 1), or the logo's own size when it already fits.
Size fitted_size(int width, int height, const LogoLimits& limits) {
  if (width <= limits.box_width && height <= limits.box_height) return {width, height};
  const std::int64_t w = width, h = height, box_w = limits.box_width, box_h = limits.box_height;
  if (w * box_h >= h * box_w) {  // relatively wider than the box: the width decides
    return {limits.box_width, static_cast<int>(std::max<std::int64_t>(1, (2 * h * box_w + w) / (2 * w)))};
  }
  return {static_cast<int>(std::max<std::int64_t>(1, (2 * w * box_h + h) / (2 * h))), limits.box_height};
}

// A separable filter: output pixel o reads `count[o]` source pixels from
// `first[o]` on, with the weights from `weights[offset[o]]` on (summing to 1).
struct Kernel {
  std::vector<int> first, count;
  std::vector<std::size_t> offset;
  std::vector<float> weights;
};

// Area average: output pixel o covers source [o * s / n, (o + 1) * s / n) and
// each source pixel weighs by how much of it falls inside. Counting in units
// of 1/n source pixel keeps the overlaps exact integers. With s == n every
// weight is exactly 1.
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

std::uint8_t to_byte(float value) { return static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L)); }

// Box filter of the colours premultiplied by alpha: each colour weighs by its
// alpha, so a transparent pixel (whatever colour it hides) adds nothing to
// its neighbours' colour, only to their transparency. The sums stay in float
// (colour * alpha as exact integers up to 255 * 255) and are rounded once.
std::vector<std::uint8_t> scale(const Rgba& image, Size target) {
  const Kernel across_kernel = box_kernel(image.width, target.width);
  const Kernel down_kernel = box_kernel(image.height, target.height);
  const std::size_t source_row = static_cast<std::size_t>(image.width) * 4,
                    target_row = static_cast<std::size_t>(target.width) * 4;

  // Across: every source row to target.width pixels of (R * A, G * A, B * A, A).
  std::vector<float> across(image.height * target_row);
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* in = &image.pixels[y * source_row];
    float* out = &across[y * target_row];
    for (int o = 0; o < target.width; ++o) {
      const std::uint8_t* pixel = in + static_cast<std::size_t>(across_kernel.first[o]) * 4;
      const float* weight = &across_kernel.weights[across_kernel.offset[o]];
      float r = 0, g = 0, b = 0, a = 0;
      for (int t = 0; t < across_kernel.count[o]; ++t, pixel += 4) {
        const float weighted_alpha = weight[t] * static_cast<float>(pixel[3]);
        r += weighted_alpha * pixel[0];
        g += weighted_alpha * pixel[1];
        b += weighted_alpha * pixel[2];
        a += weighted_alpha;
      }
      out[o * 4] = r;
      out[o * 4 + 1] = g;
      out[o * 4 + 2] = b;
      out[o * 4 + 3] = a;
    }
  }

  // Down: the other kernel over the rows, then back to straight alpha.
  std::vector<std::uint8_t> result(target.height * target_row);
  std::vector<float> sum(target_row);
  for (int o = 0; o < target.height; ++o) {
    std::fill(sum.begin(), sum.end(), 0.0f);
    for (int t = 0; t < down_kernel.count[o]; ++t) {
      const float weight = down_kernel.weights[down_kernel.offset[o] + t];
      const float* row = &across[(down_kernel.first[o] + t) * target_row];
      for (std::size_t i = 0; i < target_row; ++i) sum[i] += weight * row[i];
    }
    std::uint8_t* out = &result[o * target_row];
    for (std::size_t i = 0; i < target_row; i += 4, out += 4) {
      const float alpha = sum[i + 3];
      out[3] = to_byte(alpha);
      if (out[3] == 0) continue;  // stays 0, 0, 0, 0: nothing hidden under alpha 0
      out[0] = to_byte(sum[i] / alpha);
      out[1] = to_byte(sum[i + 1] / alpha);
      out[2] = to_byte(sum[i + 2] / alpha);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// PNG encoding

// Keeps only the chunks that hold the image (IHDR, IDAT, IEND) of a PNG that
// libpng wrote: its simplified API adds an sRGB chunk to every 8-bit image,
// and a PNG without one is shown as sRGB anyway.
std::string without_ancillary_chunks(std::string_view png) {
  std::string out(png.substr(0, png_signature.size()));
  for (std::size_t at = png_signature.size(); at + 12 <= png.size();) {
    const std::size_t length = read_u32_big_endian(png, at);
    if (length > png.size() - at - 12) throw std::runtime_error("PNG encoding: libpng wrote a chunk cut short");
    const std::string_view chunk = png.substr(at, length + 12), type = chunk.substr(4, 4);
    if (type == "IHDR" || type == "IDAT" || type == "IEND") out += chunk;
    at += chunk.size();
  }
  return out;
}

std::string encode_png(const std::vector<std::uint8_t>& rgba, Size size) {
  PngImage png;
  png.image.width = static_cast<png_uint_32>(size.width);
  png.image.height = static_cast<png_uint_32>(size.height);
  png.image.format = PNG_FORMAT_RGBA;  // 8 bits, sRGB, straight alpha
  // Sized for the worst case up front (libpng's own bound), so that one write does.
  std::string out(PNG_IMAGE_PNG_SIZE_MAX(png.image), '\0');
  png_alloc_size_t written = out.size();
  // Only a failure of the server (memory), never of the upload.
  if (!png_image_write_to_memory(&png.image, out.data(), &written, 0, rgba.data(), 0, nullptr)) {
    throw std::runtime_error(std::string("PNG encoding: ") + png.image.message);
  }
  out.resize(written);
  return without_ancillary_chunks(out);
}

void check_limits(const LogoLimits& limits) {
  // JPEG's own maximum keeps every product of dimensions well inside the types.
  constexpr int max_dimension = JPEG_MAX_DIMENSION;
  if (limits.max_width < 1 || limits.max_width > max_dimension || limits.max_height < 1 ||
      limits.max_height > max_dimension) {
    throw std::invalid_argument("logo limits: max_width and max_height must be 1.." + std::to_string(max_dimension));
  }
  if (limits.box_width < 1 || limits.box_width > max_dimension || limits.box_height < 1 ||
      limits.box_height > max_dimension) {
    throw std::invalid_argument("logo limits: box_width and box_height must be 1.." + std::to_string(max_dimension));
  }
}

}  // namespace

FittedLogo fitted_logo(std::string_view upload, const LogoLimits& limits) {
  check_limits(limits);
  if (upload.size() > limits.max_bytes) {
    throw PhotoError(PhotoProblem::too_large_file, "logo of " + std::to_string(upload.size()) +
                                                       " bytes, more than the " + std::to_string(limits.max_bytes) +
                                                       " allowed");
  }
  if (upload.empty()) throw PhotoError(PhotoProblem::empty, "empty logo");

  Rgba decoded;
  if (has_prefix(upload, jpeg_signature)) {
    decoded = decode_jpeg(upload, limits);
  } else if (has_prefix(upload, png_signature)) {
    decoded = decode_png(upload, limits);
  } else {
    throw PhotoError(PhotoProblem::unknown_type, "logo is neither JPEG nor PNG by its first bytes");
  }

  const Size size = fitted_size(decoded.width, decoded.height, limits);
  return {encode_png(scale(decoded, size), size), size.width, size.height};
}

}  // namespace gezicht::image
