#include "image/logo.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <png.h>

#include "image/decoding.hpp"  // what logo.cpp shares with photo.cpp: decoders, checks, box filter

namespace gezicht::image {
namespace {

// The decoded logo: width x height pixels of 4 bytes (R, G, B, A; not
// premultiplied), row after row.
using Rgba = detail::Bitmap;

using detail::Kernel;

detail::MaxSize max_size(const LogoLimits& limits) { return {limits.max_width, limits.max_height}; }

// ---------------------------------------------------------------------------
// Decoding

// Keeps every row of a JPEG, opaque (a JPEG has no alpha).
class OpaqueRows final : public detail::JpegRows {
 public:
  explicit OpaqueRows(Rgba& decoded) : decoded_(decoded) {}

  void start(int width, int height) override {
    decoded_.width = width;
    decoded_.height = height;
    decoded_.pixels.resize(static_cast<std::size_t>(width) * height * 4);
  }

  void row(int y, const std::uint8_t* rgb) override {
    std::uint8_t* out = &decoded_.pixels[static_cast<std::size_t>(y) * decoded_.width * 4];
    for (int x = 0; x < decoded_.width; ++x, rgb += 3, out += 4) {
      out[0] = rgb[0], out[1] = rgb[1], out[2] = rgb[2];
      out[3] = 255;
    }
  }

 private:
  Rgba& decoded_;
};

Rgba decode(std::string_view upload, const LogoLimits& limits) {
  if (detail::check_upload(upload, limits.max_bytes, "logo") == detail::Format::png) {
    // Alpha as stored, straight: the scaling below needs it, and a logo keeps its transparency.
    return detail::decode_png(upload, max_size(limits), PNG_FORMAT_RGBA, nullptr);
  }
  Rgba decoded;
  OpaqueRows rows(decoded);
  detail::decode_jpeg(upload, max_size(limits), /*save_app1=*/false, rows);  // no markers: nothing of them is wanted
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

// Box filter of the colours premultiplied by alpha: each colour weighs by its
// alpha, so a transparent pixel (whatever colour it hides) adds nothing to
// its neighbours' colour, only to their transparency. The sums stay in float
// (colour * alpha as exact integers up to 255 * 255) and are rounded once.
std::vector<std::uint8_t> scale(const Rgba& image, Size target) {
  const Kernel across_kernel = detail::box_kernel(image.width, target.width);
  const Kernel down_kernel = detail::box_kernel(image.height, target.height);
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
      out[3] = detail::to_byte(alpha);
      if (out[3] == 0) continue;  // stays 0, 0, 0, 0: nothing hidden under alpha 0
      out[0] = detail::to_byte(sum[i] / alpha);
      out[1] = detail::to_byte(sum[i + 1] / alpha);
      out[2] = detail::to_byte(sum[i + 2] / alpha);
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
  std::string out(png.substr(0, detail::png_signature.size()));
  for (std::size_t at = detail::png_signature.size(); at + 12 <= png.size();) {
    const std::size_t length = detail::read_u32(png, at, /*little_endian=*/false);
    if (length > png.size() - at - 12) throw std::runtime_error("PNG encoding: libpng wrote a chunk cut short");
    const std::string_view chunk = png.substr(at, length + 12), type = chunk.substr(4, 4);
    if (type == "IHDR" || type == "IDAT" || type == "IEND") out += chunk;
    at += chunk.size();
  }
  return out;
}

std::string encode_png(const std::vector<std::uint8_t>& rgba, Size size) {
  detail::PngImage png;
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
  detail::check_max_size(max_size(limits), "logo limits");
  if (limits.box_width < 1 || limits.box_width > detail::max_dimension || limits.box_height < 1 ||
      limits.box_height > detail::max_dimension) {
    throw std::invalid_argument("logo limits: box_width and box_height must be 1.." +
                                std::to_string(detail::max_dimension));
  }
}

}  // namespace

FittedLogo fitted_logo(std::string_view upload, const LogoLimits& limits) {
  check_limits(limits);
  const Rgba decoded = decode(upload, limits);
  const Size size = fitted_size(decoded.width, decoded.height, limits);
  return {encode_png(scale(decoded, size), size), size.width, size.height};
}

}  // namespace gezicht::image
