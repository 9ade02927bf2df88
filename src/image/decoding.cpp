#include "image/decoding.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <jerror.h>

namespace gezicht::image::detail {

void check_max_size(MaxSize max, std::string_view limits_name) {
  if (max.width < 1 || max.width > max_dimension || max.height < 1 || max.height > max_dimension) {
    throw std::invalid_argument(std::string(limits_name) + ": max_width and max_height must be 1.." +
                                std::to_string(max_dimension));
  }
}

// ---------------------------------------------------------------------------
// The upload as bytes

Format check_upload(std::string_view upload, std::size_t max_bytes, std::string_view noun) {
  const std::string name(noun);
  if (upload.size() > max_bytes) {
    throw PhotoError(PhotoProblem::too_large_file, name + " of " + std::to_string(upload.size()) +
                                                       " bytes, more than the " + std::to_string(max_bytes) +
                                                       " allowed");
  }
  if (upload.empty()) throw PhotoError(PhotoProblem::empty, "empty " + name);
  if (upload.starts_with(jpeg_signature)) return Format::jpeg;
  if (upload.starts_with(png_signature)) return Format::png;
  throw PhotoError(PhotoProblem::unknown_type, name + " is neither JPEG nor PNG by its first bytes");
}

void check_dimensions(std::uint64_t width, std::uint64_t height, MaxSize max, const char* type) {
  if (width == 0 || height == 0) throw PhotoError(PhotoProblem::corrupt, std::string(type) + " without pixels");
  if (width > static_cast<std::uint64_t>(max.width) || height > static_cast<std::uint64_t>(max.height)) {
    throw PhotoError(PhotoProblem::too_many_pixels, std::string(type) + " of " + std::to_string(width) + "x" +
                                                        std::to_string(height) + " pixels, more than the " +
                                                        std::to_string(max.width) + "x" + std::to_string(max.height) +
                                                        " allowed");
  }
}

std::uint32_t read_u16(std::string_view data, std::size_t at, bool little_endian) {
  const auto b0 = static_cast<std::uint8_t>(data[at]), b1 = static_cast<std::uint8_t>(data[at + 1]);
  return little_endian ? b0 | b1 << 8 : b0 << 8 | b1;
}

std::uint32_t read_u32(std::string_view data, std::size_t at, bool little_endian) {
  const std::uint32_t high = read_u16(data, at + (little_endian ? 2 : 0), little_endian);
  const std::uint32_t low = read_u16(data, at + (little_endian ? 0 : 2), little_endian);
  return high << 16 | low;
}

// ---------------------------------------------------------------------------
// libjpeg plumbing (see decoding.hpp)

namespace {

// libjpeg-turbo's advice against a progressive JPEG of thousands of tiny
// scans, which costs minutes of CPU from a small file; encoders write about 10.
constexpr int max_jpeg_scans = 100;

struct JpegScanLimit {
  jpeg_progress_mgr pub;  // first: libjpeg hands the callback a pointer to it
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
    init_error_manager(err);
    cinfo.err = &err.pub;
    scan_limit.pub.progress_monitor = on_jpeg_progress;
    scan_limit.max_scans = max_jpeg_scans;
  }
  ~JpegDecoder() { jpeg_destroy_decompress(&cinfo); }
  JpegDecoder(const JpegDecoder&) = delete;
  JpegDecoder& operator=(const JpegDecoder&) = delete;
};

// Naive CMYK to RGB, without the ICC profile a print workflow would use: a
// photo or logo in CMYK is rare and only needs to look right, not be exact.
// Adobe (Photoshop) stores CMYK inverted, and marks it with its APP14.
void cmyk_to_rgb(const JSAMPLE* in, bool inverted_cmyk, int width, std::uint8_t* out) {
  for (int x = 0; x < width; ++x, in += 4, out += 3) {
    const int c = inverted_cmyk ? in[0] : 255 - in[0], m = inverted_cmyk ? in[1] : 255 - in[1];
    const int y = inverted_cmyk ? in[2] : 255 - in[2], k = inverted_cmyk ? in[3] : 255 - in[3];
    out[0] = static_cast<std::uint8_t>((c * k + 127) / 255);
    out[1] = static_cast<std::uint8_t>((m * k + 127) / 255);
    out[2] = static_cast<std::uint8_t>((y * k + 127) / 255);
  }
}

// Decodes the whole image into rows; false when libjpeg failed (decoder.err says why).
bool read_jpeg(JpegDecoder& decoder, std::string_view data, MaxSize max, bool save_app1, JpegRows& rows) {
  jpeg_decompress_struct& cinfo = decoder.cinfo;
  if (setjmp(decoder.err.jump) != 0) return false;
  jpeg_create_decompress(&cinfo);
  cinfo.progress = &decoder.scan_limit.pub;  // after create, which zeroes the struct
  // Only for what the caller reads from them (a photo's orientation); never written out.
  if (save_app1) jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(data.data()), static_cast<unsigned long>(data.size()));
  jpeg_read_header(&cinfo, TRUE);
  check_dimensions(cinfo.image_width, cinfo.image_height, max, "JPEG");
  rows.header(cinfo);

  switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB: cinfo.out_color_space = JCS_RGB; break;
    case JCS_CMYK:
    case JCS_YCCK: cinfo.out_color_space = JCS_CMYK; break;  // libjpeg has no CMYK to RGB: cmyk_to_rgb does it
    default:
      throw PhotoError(PhotoProblem::unknown_type,
                       "JPEG with " + std::to_string(cinfo.num_components) + " colour components of unknown meaning");
  }
  jpeg_start_decompress(&cinfo);

  const auto width = static_cast<JDIMENSION>(cinfo.output_width);
  const bool cmyk = cinfo.output_components == 4;
  rows.start(static_cast<int>(width), static_cast<int>(cinfo.output_height));
  // From libjpeg's pool, so that jpeg_destroy_decompress frees them on every path.
  const auto pool = reinterpret_cast<j_common_ptr>(&cinfo);
  JSAMPARRAY row = (*cinfo.mem->alloc_sarray)(pool, JPOOL_IMAGE, width * cinfo.output_components, 1);
  JSAMPARRAY rgb = cmyk ? (*cinfo.mem->alloc_sarray)(pool, JPOOL_IMAGE, width * 3, 1) : row;
  // Every row is decoded, also those the caller does not keep: a truncation
  // anywhere must show up as a warning.
  while (cinfo.output_scanline < cinfo.output_height) {
    const int y = static_cast<int>(cinfo.output_scanline);
    jpeg_read_scanlines(&cinfo, row, 1);
    if (cmyk) cmyk_to_rgb(row[0], cinfo.saw_Adobe_marker, static_cast<int>(width), rgb[0]);
    rows.row(y, rgb[0]);
  }
  jpeg_finish_decompress(&cinfo);  // reads up to EOI: a file cut after the last row warns here
  return true;
}

}  // namespace

void init_error_manager(JpegErrorManager& err) {
  jpeg_std_error(&err.pub);
  err.pub.error_exit = on_jpeg_error;
  err.pub.output_message = on_jpeg_message;
  err.problem = PhotoProblem::corrupt;
  err.message[0] = '\0';
  err.first_warning[0] = '\0';
}

void decode_jpeg(std::string_view data, MaxSize max, bool save_app1, JpegRows& rows) {
  JpegDecoder decoder;
  if (!read_jpeg(decoder, data, max, save_app1, rows)) {
    throw PhotoError(decoder.err.problem, std::string("JPEG: ") + decoder.err.message);
  }
  // libjpeg carries on after a truncation or corrupt data and paints the rest
  // grey: an image that is partly grey is no photo or logo.
  if (decoder.err.pub.num_warnings > 0) {
    throw PhotoError(PhotoProblem::corrupt, std::string("JPEG: ") + decoder.err.first_warning);
  }
}

// ---------------------------------------------------------------------------
// libpng

Bitmap decode_png(std::string_view data, MaxSize max, png_uint_32 format, const png_color* background) {
  // The dimensions straight from IHDR, which the PNG standard puts first: libpng
  // would refuse a width above its own limit (1000000) as an error, and that
  // file is one with too many pixels, not a corrupt one.
  if (data.size() >= 24 && data.substr(12, 4) == "IHDR") {
    check_dimensions(read_u32(data, 16, false), read_u32(data, 20, false), max, "PNG");
  }
  PngImage png;
  if (!png_image_begin_read_from_memory(&png.image, data.data(), data.size())) {
    throw PhotoError(PhotoProblem::corrupt, std::string("PNG: ") + png.image.message);
  }
  check_dimensions(png.image.width, png.image.height, max, "PNG");

  png.image.format = format;
  // Without it, 16-bit samples without gAMA or sRGB are taken as linear and
  // come out far too light; nearly every such file is sRGB.
  png.image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
  Bitmap decoded{static_cast<int>(png.image.width), static_cast<int>(png.image.height), {}};
  const std::size_t row_bytes = static_cast<std::size_t>(decoded.width) * PNG_IMAGE_PIXEL_SIZE(format);
  decoded.pixels.resize(row_bytes * decoded.height);
  if (!png_image_finish_read(&png.image, background, decoded.pixels.data(), static_cast<png_int_32>(row_bytes),
                             nullptr)) {
    throw PhotoError(PhotoProblem::corrupt, std::string("PNG: ") + png.image.message);
  }
  return decoded;
}

// ---------------------------------------------------------------------------
// Scaling

// Output pixel o covers source [o * s / n, (o + 1) * s / n) and each source
// pixel weighs by how much of it falls inside. Counting in units of 1/n
// source pixel keeps the overlaps exact integers. With s == n every weight is
// exactly 1.
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

}  // namespace gezicht::image::detail
