#pragma once
// Test images for photo_test.cpp and logo_test.cpp, made in memory: JPEGs
// with libjpeg, PNGs by hand (stored deflate blocks, so that any bit depth,
// colour type or broken header can be written without zlib). Header-only:
// tests/CMakeLists.txt builds only image/*_test.cpp.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <jpeglib.h>

#include "image/photo.hpp"

namespace gezicht::image::test_images {

// A colour as the tests write and expect it; a = 255 (opaque) unless said.
struct Rgba {
  int r = 0, g = 0, b = 0, a = 255;
};
inline constexpr Rgba red{255, 0, 0}, green{0, 255, 0}, blue{0, 0, 255};

using Fill = std::function<Rgba(int x, int y)>;

inline int byte_at(const std::string& data, std::size_t at) { return static_cast<std::uint8_t>(data[at]); }

// --- JPEG ------------------------------------------------------------------

struct JpegOptions {
  J_COLOR_SPACE colour = JCS_RGB;  // JCS_RGB, JCS_GRAYSCALE (from r), JCS_CMYK or JCS_UNKNOWN (2 components)
  int quality = 95;
  bool progressive = false;
  std::vector<jpeg_scan_info> scans;                 // a scan script of its own
  std::vector<std::pair<int, std::string>> markers;  // written right after the JFIF header
};

// The helpers' images are valid, so libjpeg's default error handler (exit) is
// fine here. The alpha of fill is ignored: a JPEG has none.
inline std::string make_jpeg(int width, int height, const Fill& fill, const JpegOptions& options = {}) {
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  const int components = options.colour == JCS_GRAYSCALE ? 1
                         : options.colour == JCS_CMYK    ? 4
                         : options.colour == JCS_UNKNOWN ? 2
                                                         : 3;
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = components;
  cinfo.in_color_space = options.colour;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, options.quality, TRUE);
  if (options.progressive) jpeg_simple_progression(&cinfo);
  if (!options.scans.empty()) {
    cinfo.scan_info = options.scans.data();
    cinfo.num_scans = static_cast<int>(options.scans.size());
  }
  jpeg_start_compress(&cinfo, TRUE);
  for (const auto& [code, data] : options.markers) {
    jpeg_write_marker(&cinfo, code, reinterpret_cast<const JOCTET*>(data.data()), data.size());
  }
  std::vector<JSAMPLE> row(static_cast<std::size_t>(width) * components);
  while (cinfo.next_scanline < cinfo.image_height) {
    const int y = static_cast<int>(cinfo.next_scanline);
    for (int x = 0; x < width; ++x) {
      const Rgba p = fill(x, y);
      JSAMPLE* out = &row[static_cast<std::size_t>(x) * components];
      if (components == 1) {
        out[0] = p.r;
      } else if (components == 2) {
        out[0] = p.r, out[1] = p.g;
      } else if (components == 3) {
        out[0] = p.r, out[1] = p.g, out[2] = p.b;
      } else {
        // CMYK stored inverted, as Adobe does: (255 - C) = 255 * r / max, (255 - K) = max.
        const int max = std::max({p.r, p.g, p.b});
        out[0] = max ? 255 * p.r / max : 0, out[1] = max ? 255 * p.g / max : 0, out[2] = max ? 255 * p.b / max : 0;
        out[3] = max;
      }
    }
    JSAMPROW pointer = row.data();
    jpeg_write_scanlines(&cinfo, &pointer, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::string jpeg(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return jpeg;
}

// Where the SOFn segment of a JPEG starts (its FF), or npos.
inline std::size_t sof_position(const std::string& jpeg) {
  for (std::size_t at = 2; at + 9 <= jpeg.size();) {
    const int code = byte_at(jpeg, at + 1);
    if (code >= 0xC0 && code <= 0xC2) return at;
    if (code == 0xDA) break;
    at += 2 + (byte_at(jpeg, at + 2) << 8 | byte_at(jpeg, at + 3));
  }
  return std::string::npos;
}

// Writes other dimensions into the frame header; the scan data stays that of the original.
inline std::string with_jpeg_dimensions(std::string jpeg, int width, int height) {
  const std::size_t sof = sof_position(jpeg);
  EXPECT_NE(sof, std::string::npos);
  jpeg[sof + 5] = static_cast<char>(height >> 8), jpeg[sof + 6] = static_cast<char>(height & 0xFF);
  jpeg[sof + 7] = static_cast<char>(width >> 8), jpeg[sof + 8] = static_cast<char>(width & 0xFF);
  return jpeg;
}

// --- PNG -------------------------------------------------------------------

inline std::uint32_t crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFF;
  for (const char c : data) {
    crc ^= static_cast<std::uint8_t>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

inline void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(value >> shift & 0xFF);
}

inline std::string png_chunk(std::string_view type, std::string_view data) {
  std::string chunk;
  put_u32(chunk, static_cast<std::uint32_t>(data.size()));
  const std::string body = std::string(type) + std::string(data);
  chunk += body;
  put_u32(chunk, crc32(body));
  return chunk;
}

// A zlib stream of stored (uncompressed) deflate blocks.
inline std::string zlib_stored(std::string_view data) {
  std::string out("\x78\x01", 2);
  std::size_t at = 0;
  do {
    const std::size_t n = std::min<std::size_t>(65535, data.size() - at);
    out += static_cast<char>(at + n == data.size() ? 1 : 0);
    out += static_cast<char>(n & 0xFF), out += static_cast<char>(n >> 8);
    out += static_cast<char>(~n & 0xFF), out += static_cast<char>(~n >> 8 & 0xFF);
    out.append(data.substr(at, n));
    at += n;
  } while (at < data.size());
  std::uint32_t a = 1, b = 0;
  for (const char c : data) {
    a = (a + static_cast<std::uint8_t>(c)) % 65521;
    b = (b + a) % 65521;
  }
  put_u32(out, b << 16 | a);
  return out;
}

// colour_type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA; samples(x, y)
// gives the channels of one pixel (8 or 16 bits each, as bit_depth says).
using Samples = std::function<std::vector<int>(int x, int y)>;
inline std::string make_png(int width, int height, int bit_depth, int colour_type, const Samples& samples,
                            const std::string& chunks_before_idat = "") {
  std::string ihdr;
  put_u32(ihdr, width);
  put_u32(ihdr, height);
  ihdr += static_cast<char>(bit_depth);
  ihdr += static_cast<char>(colour_type);
  ihdr += std::string(3, '\0');  // deflate, adaptive filtering, not interlaced
  std::string raw;
  for (int y = 0; y < height; ++y) {
    raw += '\0';  // filter type None
    for (int x = 0; x < width; ++x) {
      for (const int sample : samples(x, y)) {
        if (bit_depth == 16) raw += static_cast<char>(sample >> 8);
        raw += static_cast<char>(sample & 0xFF);
      }
    }
  }
  return std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", ihdr) + chunks_before_idat +
         png_chunk("IDAT", zlib_stored(raw)) + png_chunk("IEND", "");
}

// Writes other dimensions into IHDR (with its CRC); the pixel data stays that of the original.
inline std::string with_png_dimensions(std::string png, std::uint32_t width, std::uint32_t height) {
  std::string fields;
  put_u32(fields, width);
  put_u32(fields, height);
  png.replace(16, 8, fields);
  std::string crc;
  put_u32(crc, crc32(std::string_view(png).substr(12, 17)));
  png.replace(29, 4, crc);
  return png;
}

// The samples of fill's colours for colour type 2 (R, G, B) or, with alpha, 6 (R, G, B, A).
inline Samples colour_samples(const Fill& fill, bool with_alpha) {
  return [fill, with_alpha](int x, int y) {
    const Rgba p = fill(x, y);
    return with_alpha ? std::vector<int>{p.r, p.g, p.b, p.a} : std::vector<int>{p.r, p.g, p.b};
  };
}
inline Samples rgb_samples(const Fill& fill) { return colour_samples(fill, false); }
inline Samples rgba_samples(const Fill& fill) { return colour_samples(fill, true); }

// --- results ---------------------------------------------------------------

// A problem's name, so that a failed expectation says which it was.
inline std::string name(PhotoProblem problem) {
  switch (problem) {
    case PhotoProblem::empty: return "empty";
    case PhotoProblem::too_large_file: return "too_large_file";
    case PhotoProblem::unknown_type: return "unknown_type";
    case PhotoProblem::corrupt: return "corrupt";
    case PhotoProblem::too_many_pixels: return "too_many_pixels";
  }
  return "?";
}

// The problem convert (square_photo or fitted_logo on an upload) reports, as a name, or "accepted".
inline std::string reported_problem(const std::function<void()>& convert) {
  try {
    convert();
  } catch (const PhotoError& error) {
    EXPECT_STRNE(error.what(), "") << "a PhotoError needs a message for the log";
    return name(error.problem());
  } catch (const std::exception& error) {
    return std::string("other exception: ") + error.what();
  }
  return "accepted";
}

}  // namespace gezicht::image::test_images
