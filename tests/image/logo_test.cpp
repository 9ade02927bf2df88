#include "image/logo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <jpeglib.h>
#include <png.h>

// The test images are made here, in memory, as in photo_test.cpp (whose
// helpers are copied): JPEGs with libjpeg, PNGs by hand (stored deflate
// blocks). The output is read back with libpng's simplified API.

namespace gezicht::image {
namespace {

struct Rgba {
  int r = 0, g = 0, b = 0, a = 255;
};
constexpr Rgba red{255, 0, 0}, green{0, 255, 0}, blue{0, 0, 255}, clear{0, 0, 0, 0};

// --- JPEG helpers ----------------------------------------------------------

using Fill = std::function<Rgba(int x, int y)>;

struct JpegOptions {
  J_COLOR_SPACE colour = JCS_RGB;                    // JCS_RGB or JCS_CMYK
  std::vector<std::pair<int, std::string>> markers;  // written right after the JFIF header
};

// The helpers' images are valid, so libjpeg's default error handler (exit) is fine here.
std::string make_jpeg(int width, int height, const Fill& fill, const JpegOptions& options = {}) {
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  const int components = options.colour == JCS_CMYK ? 4 : 3;
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = components;
  cinfo.in_color_space = options.colour;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 95, TRUE);
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
      if (components == 3) {
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

int byte_at(const std::string& data, std::size_t at) { return static_cast<std::uint8_t>(data[at]); }

// Where the SOFn segment of a JPEG starts (its FF), or npos.
std::size_t sof_position(const std::string& jpeg) {
  for (std::size_t at = 2; at + 9 <= jpeg.size();) {
    const int code = byte_at(jpeg, at + 1);
    if (code >= 0xC0 && code <= 0xC2) return at;
    if (code == 0xDA) break;
    at += 2 + (byte_at(jpeg, at + 2) << 8 | byte_at(jpeg, at + 3));
  }
  return std::string::npos;
}

// Writes other dimensions into the frame header; the scan data stays that of the original.
std::string with_jpeg_dimensions(std::string jpeg, int width, int height) {
  const std::size_t sof = sof_position(jpeg);
  EXPECT_NE(sof, std::string::npos);
  jpeg[sof + 5] = static_cast<char>(height >> 8), jpeg[sof + 6] = static_cast<char>(height & 0xFF);
  jpeg[sof + 7] = static_cast<char>(width >> 8), jpeg[sof + 8] = static_cast<char>(width & 0xFF);
  return jpeg;
}

Fill halves_across(int width) {
  return [width](int x, int) { return x < width / 2 ? red : blue; };
}

// --- PNG helpers -----------------------------------------------------------

std::uint32_t crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFF;
  for (const char c : data) {
    crc ^= static_cast<std::uint8_t>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(value >> shift & 0xFF);
}

std::string png_chunk(std::string_view type, std::string_view data) {
  std::string chunk;
  put_u32(chunk, static_cast<std::uint32_t>(data.size()));
  const std::string body = std::string(type) + std::string(data);
  chunk += body;
  put_u32(chunk, crc32(body));
  return chunk;
}

// A zlib stream of stored (uncompressed) deflate blocks.
std::string zlib_stored(std::string_view data) {
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
std::string make_png(int width, int height, int bit_depth, int colour_type, const Samples& samples,
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
std::string with_png_dimensions(std::string png, std::uint32_t width, std::uint32_t height) {
  std::string fields;
  put_u32(fields, width);
  put_u32(fields, height);
  png.replace(16, 8, fields);
  std::string crc;
  put_u32(crc, crc32(std::string_view(png).substr(12, 17)));
  png.replace(29, 4, crc);
  return png;
}

Samples rgba_samples(const Fill& fill) {
  return [fill](int x, int y) {
    const Rgba p = fill(x, y);
    return std::vector<int>{p.r, p.g, p.b, p.a};
  };
}

Samples grey_samples(int value) {
  return [value](int, int) { return std::vector<int>{value}; };
}

// --- reading the output ----------------------------------------------------

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
  Rgba at(int x, int y) const {
    const std::uint8_t* p = &rgba[(static_cast<std::size_t>(y) * width + x) * 4];
    return {p[0], p[1], p[2], p[3]};
  }
};

// The output as 8-bit RGBA, as libpng reads it (an 8-bit RGBA file comes out as stored).
Image decode(const std::string& png) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, png.data(), png.size())) {  // frees the image on failure
    ADD_FAILURE() << "the output is no PNG: " << image.message;
    return {};
  }
  image.format = PNG_FORMAT_RGBA;
  Image decoded{static_cast<int>(image.width), static_cast<int>(image.height), {}};
  decoded.rgba.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, decoded.rgba.data(), 0, nullptr)) {  // frees the image
    ADD_FAILURE() << "the output does not decode: " << image.message;
    return {};
  }
  EXPECT_EQ(image.warning_or_error, 0) << "libpng warned: " << image.message;
  return decoded;
}

// The chunk types of a PNG, in order ("?" where the chunks do not walk).
std::vector<std::string> chunk_types(const std::string& png) {
  std::vector<std::string> types;
  if (png.compare(0, 8, std::string("\x89PNG\r\n\x1A\n", 8)) != 0) return {"?"};
  for (std::size_t at = 8; at < png.size();) {
    const std::size_t length = png.size() - at < 12
                                   ? png.size()
                                   : static_cast<std::size_t>(byte_at(png, at)) << 24 | byte_at(png, at + 1) << 16 |
                                         byte_at(png, at + 2) << 8 | byte_at(png, at + 3);
    if (length > png.size() - at - 12) {
      types.push_back("?");
      break;
    }
    types.push_back(png.substr(at + 4, 4));
    at += 12 + length;
  }
  return types;
}

testing::AssertionResult only_image_chunks(const std::string& png) {
  const std::vector<std::string> types = chunk_types(png);
  bool ok = types.size() >= 3 && types.front() == "IHDR" && types.back() == "IEND";
  for (std::size_t i = 1; ok && i + 1 < types.size(); ++i) ok = types[i] == "IDAT";
  if (ok) return testing::AssertionSuccess();
  testing::AssertionResult failure = testing::AssertionFailure() << "chunks:";
  for (const std::string& type : types) failure << " " << type;
  return failure;
}

std::string name(PhotoProblem problem) {
  switch (problem) {
    case PhotoProblem::empty: return "empty";
    case PhotoProblem::too_large_file: return "too_large_file";
    case PhotoProblem::unknown_type: return "unknown_type";
    case PhotoProblem::corrupt: return "corrupt";
    case PhotoProblem::too_many_pixels: return "too_many_pixels";
  }
  return "?";
}

// The problem fitted_logo reports, as a name, or "accepted".
std::string problem_of(std::string_view upload, const LogoLimits& limits = {}) {
  try {
    fitted_logo(upload, limits);
  } catch (const PhotoError& error) {
    EXPECT_STRNE(error.what(), "") << "a PhotoError needs a message for the log";
    return name(error.problem());
  } catch (const std::exception& error) {
    return std::string("other exception: ") + error.what();
  }
  return "accepted";
}

testing::AssertionResult has_colour(const Image& image, int x, int y, Rgba expected, int tolerance = 24) {
  const Rgba actual = image.at(x, y);
  if (std::abs(actual.r - expected.r) <= tolerance && std::abs(actual.g - expected.g) <= tolerance &&
      std::abs(actual.b - expected.b) <= tolerance && std::abs(actual.a - expected.a) <= tolerance) {
    return testing::AssertionSuccess();
  }
  return testing::AssertionFailure() << "pixel (" << x << ", " << y << ") is (" << actual.r << ", " << actual.g << ", "
                                     << actual.b << ", " << actual.a << "), expected about (" << expected.r << ", "
                                     << expected.g << ", " << expected.b << ", " << expected.a << ")";
}

// Fits the upload and decodes the result, checking that the reported size is the PNG's.
Image fitted(std::string_view upload, int width, int height, const LogoLimits& limits = {}) {
  const FittedLogo logo = fitted_logo(upload, limits);
  EXPECT_EQ(logo.width, width);
  EXPECT_EQ(logo.height, height);
  EXPECT_TRUE(only_image_chunks(logo.png));
  // IHDR: 8 bits (byte 24), colour type 6, RGBA (byte 25).
  EXPECT_EQ(byte_at(logo.png, 24), 8);
  EXPECT_EQ(byte_at(logo.png, 25), 6);
  Image image = decode(logo.png);
  EXPECT_EQ(image.width, width);
  EXPECT_EQ(image.height, height);
  return image;
}

bool opaque(const Image& image) {
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) {
    if (image.rgba[i] != 255) return false;
  }
  return !image.rgba.empty();
}

// --- fitting the box -------------------------------------------------------

TEST(FittedLogo, ATransparentLogoIsScaledWithoutFringes) {
  // 960x192 to 480x96: each output pixel averages 2x2. The red square
  // [431, 530) x [47, 146) starts on odd coordinates, so its left and top
  // edges fall half on transparent pixels. Those hide black (a dark fringe
  // when averaged without alpha) or green (a green one).
  for (const Rgba hidden : {clear, Rgba{0, 255, 0, 0}}) {
    SCOPED_TRACE("hidden colour " + std::to_string(hidden.g));
    const auto fill = [hidden](int x, int y) { return x >= 431 && x < 530 && y >= 47 && y < 146 ? red : hidden; };
    const Image image = fitted(make_png(960, 192, 8, 6, rgba_samples(fill)), 480, 96);
    ASSERT_EQ(image.rgba.size(), 480u * 96 * 4);

    for (const auto& [x, y] : {std::pair{0, 0}, {479, 0}, {0, 95}, {479, 95}}) {
      EXPECT_TRUE(has_colour(image, x, y, clear, 0)) << "a transparent corner, nothing under it";
    }
    EXPECT_TRUE(has_colour(image, 240, 48, red, 0));
    EXPECT_TRUE(has_colour(image, 264, 72, red, 0));               // the last output pixel all inside
    EXPECT_TRUE(has_colour(image, 265, 48, clear, 0));             // the first all outside
    EXPECT_TRUE(has_colour(image, 215, 48, {255, 0, 0, 128}, 1));  // half on the left edge
    EXPECT_TRUE(has_colour(image, 240, 23, {255, 0, 0, 128}, 1));  // half on the top edge
    EXPECT_TRUE(has_colour(image, 215, 23, {255, 0, 0, 64}, 1));   // a quarter in the corner

    // Wherever there is any alpha the colour is red, and under alpha 0 nothing.
    int partial = 0;
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < image.width; ++x) {
        const Rgba p = image.at(x, y);
        if (p.a > 0 && p.a < 255) ++partial;
        if (p.a > 0) {
          ASSERT_TRUE(has_colour(image, x, y, {255, 0, 0, p.a}, 0));
        } else {
          ASSERT_TRUE(has_colour(image, x, y, clear, 0));
        }
      }
    }
    EXPECT_EQ(partial, 50 + 50 - 1) << "the left and top edges, and their corner";
  }
}

TEST(FittedLogo, ASmallJpegKeepsItsSizeAndIsOpaque) {
  const Image image = fitted(make_jpeg(200, 50, halves_across(200)), 200, 50);
  EXPECT_TRUE(opaque(image));
  EXPECT_TRUE(has_colour(image, 10, 25, red));
  EXPECT_TRUE(has_colour(image, 190, 25, blue));
}

TEST(FittedLogo, AWideJpegFitsTheWidth) {
  const Image image = fitted(make_jpeg(1000, 100, halves_across(1000)), 480, 48);
  EXPECT_TRUE(opaque(image));
  EXPECT_TRUE(has_colour(image, 100, 24, red));
  EXPECT_TRUE(has_colour(image, 380, 24, blue));
}

TEST(FittedLogo, ATallPngFitsTheHeight) {
  const auto thirds_down = [](int, int y) { return y < 133 ? red : y < 267 ? green : blue; };
  const Image image = fitted(make_png(100, 400, 8, 6, rgba_samples(thirds_down)), 24, 96);
  EXPECT_TRUE(opaque(image));
  EXPECT_TRUE(has_colour(image, 12, 10, red, 0));
  EXPECT_TRUE(has_colour(image, 12, 48, green, 0));
  EXPECT_TRUE(has_colour(image, 12, 90, blue, 0));
}

TEST(FittedLogo, TheAspectRatioIsRoundedAndTheBoxIsTheCallers) {
  // 500x10 is only too wide: 480 x 9.6, rounded.
  fitted(make_png(500, 10, 8, 0, grey_samples(100)), 480, 10);
  // Exactly the box, and one pixel over it.
  fitted(make_png(480, 96, 8, 0, grey_samples(100)), 480, 96);
  fitted(make_png(481, 96, 8, 0, grey_samples(100)), 480, 96);
  // A line never vanishes.
  fitted(make_png(4000, 1, 8, 0, grey_samples(100)), 480, 1);
  LogoLimits square;
  square.box_width = square.box_height = 64;
  const Image image = fitted(make_jpeg(300, 200, halves_across(300)), 64, 43, square);
  EXPECT_TRUE(has_colour(image, 10, 20, red));
}

// --- decoding --------------------------------------------------------------

TEST(FittedLogo, PngKindsAreExpandedKeepingTheirTransparency) {
  // Palette with tRNS: red, half-transparent blue, transparent green.
  const std::string palette = png_chunk("PLTE", std::string("\xFF\0\0\0\0\xFF\0\xFF\0", 9));
  const std::string transparency = png_chunk("tRNS", std::string("\xFF\x80\0", 3));
  const auto index = [](int x, int) { return std::vector<int>{x < 100 ? 0 : x < 200 ? 1 : 2}; };
  const Image indexed = fitted(make_png(300, 60, 8, 3, index, palette + transparency), 300, 60);
  EXPECT_TRUE(has_colour(indexed, 50, 30, red, 0));
  EXPECT_TRUE(has_colour(indexed, 150, 30, {0, 0, 255, 128}, 0));
  EXPECT_TRUE(has_colour(indexed, 250, 30, clear, 0));

  // Grey with alpha.
  const auto grey_alpha = [](int x, int) { return std::vector<int>{200, x < 50 ? 255 : 0}; };
  const Image grey = fitted(make_png(100, 20, 8, 4, grey_alpha), 100, 20);
  EXPECT_TRUE(has_colour(grey, 10, 10, {200, 200, 200, 255}, 0));
  EXPECT_TRUE(has_colour(grey, 90, 10, clear, 0));

  // 16 bits, taken as sRGB: 0xF000 is 240 of 255; the alpha 0x8000 is 128.
  const auto deep = [](int, int) { return std::vector<int>{0xF000, 0x1000, 0x8000, 0x8000}; };
  const Image sixteen = fitted(make_png(100, 20, 16, 6, deep), 100, 20);
  EXPECT_TRUE(has_colour(sixteen, 50, 10, {240, 16, 128, 128}, 3));
}

TEST(FittedLogo, CmykJpegIsConverted) {
  JpegOptions cmyk;
  cmyk.colour = JCS_CMYK;
  const Image image = fitted(make_jpeg(200, 50, halves_across(200), cmyk), 200, 50);
  EXPECT_TRUE(opaque(image));
  EXPECT_TRUE(has_colour(image, 10, 25, red));
  EXPECT_TRUE(has_colour(image, 190, 25, blue));
}

// --- what is written -------------------------------------------------------

TEST(FittedLogo, NothingOfTheInputsChunksIsWritten) {
  std::string time;
  time += static_cast<char>(2024 >> 8), time += static_cast<char>(2024 & 0xFF);
  time += std::string("\x05\x11\x0C\x22\x38", 5);  // 17 May, 12:34:56
  const std::string extra = png_chunk("tEXt", std::string("Comment\0canary-text", 19)) +
                            png_chunk("zTXt", std::string("Author\0\0", 8) + zlib_stored("canary-ztxt")) +
                            png_chunk("iTXt", std::string("Title\0\0\0nl\0Titel\0canary-itxt", 28)) +
                            png_chunk("tIME", time);
  const auto fill = [](int x, int) { return x < 100 ? red : Rgba{0, 0, 255, 100}; };
  const std::string upload = make_png(200, 50, 8, 6, rgba_samples(fill), extra);
  ASSERT_NE(upload.find("canary-text"), std::string::npos);  // the helper did write them
  ASSERT_NE(upload.find("canary-itxt"), std::string::npos);
  ASSERT_EQ(chunk_types(upload), (std::vector<std::string>{"IHDR", "tEXt", "zTXt", "iTXt", "tIME", "IDAT", "IEND"}));

  const FittedLogo logo = fitted_logo(upload, {});
  EXPECT_TRUE(only_image_chunks(logo.png));
  EXPECT_EQ(logo.png.find("canary"), std::string::npos);
  const Image image = decode(logo.png);
  EXPECT_TRUE(has_colour(image, 50, 25, red, 0));
  EXPECT_TRUE(has_colour(image, 150, 25, {0, 0, 255, 100}, 0));

  JpegOptions options;
  options.markers = {{JPEG_APP0 + 1, std::string("Exif\0\0MM\0\x2A\0\0\0\x08\0\0", 16) + "canary-exif"},
                     {JPEG_COM, "canary-comment"}};
  const std::string jpeg = make_jpeg(200, 50, halves_across(200), options);
  ASSERT_NE(jpeg.find("canary-comment"), std::string::npos);
  // A polyglot's tail after the JPEG, which libjpeg never reads.
  const FittedLogo from_jpeg = fitted_logo(jpeg + "<script>canary-polyglot</script>", {});
  EXPECT_TRUE(only_image_chunks(from_jpeg.png));
  EXPECT_EQ(from_jpeg.png.find("canary"), std::string::npos);
  EXPECT_EQ(from_jpeg.png.find("Exif"), std::string::npos);
}

// --- refusals --------------------------------------------------------------

TEST(FittedLogo, AnEmptyFileIsEmpty) { EXPECT_EQ(problem_of(""), "empty"); }

TEST(FittedLogo, AFileAboveTheSizeLimitIsRefusedBeforeAnythingElse) {
  EXPECT_EQ(problem_of(std::string(LogoLimits{}.max_bytes + 1, 'x')), "too_large_file");
  const std::string png = make_png(100, 20, 8, 0, grey_samples(100));
  LogoLimits limits;
  limits.max_bytes = png.size();
  EXPECT_EQ(problem_of(png, limits), "accepted");
  limits.max_bytes = png.size() - 1;
  EXPECT_EQ(problem_of(png, limits), "too_large_file");
}

TEST(FittedLogo, TheTypeIsTheSignatureNotAName) {
  EXPECT_EQ(problem_of(std::string("GIF89a\x01\0\x01\0\x80\0\0", 13)), "unknown_type");
  EXPECT_EQ(problem_of("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "unknown_type");
  EXPECT_EQ(problem_of(" " + make_png(10, 10, 8, 0, grey_samples(0))), "unknown_type");
}

TEST(FittedLogo, TruncatedFilesAreCorrupt) {
  const std::string png = make_png(300, 60, 8, 6, rgba_samples(halves_across(300)));
  EXPECT_EQ(problem_of(png), "accepted");
  EXPECT_EQ(problem_of(png.substr(0, png.size() / 2)), "corrupt");
  EXPECT_EQ(problem_of(png.substr(0, 20)), "corrupt");  // IHDR cut short
  std::string bad_crc = png;
  bad_crc[png.size() - 20] ^= 0x55;  // the IDAT's CRC
  EXPECT_EQ(problem_of(bad_crc), "corrupt");

  const std::string jpeg = make_jpeg(400, 100, halves_across(400));
  EXPECT_EQ(problem_of(jpeg), "accepted");
  EXPECT_EQ(problem_of(jpeg.substr(0, jpeg.size() / 2)), "corrupt");
  EXPECT_EQ(problem_of(jpeg.substr(0, jpeg.size() - 2)), "corrupt");  // only the EOI missing: a warning
  EXPECT_EQ(problem_of(jpeg.substr(0, 3)), "corrupt");
}

TEST(FittedLogo, TooManyPixelsAreRefusedBeforeDecoding) {
  // Headers that claim 5000x10 over the data of 10x10: decoding them would
  // find the data short (corrupt, as the big limits show), so too_many_pixels
  // proves that the header was refused first.
  LogoLimits huge;
  huge.max_width = huge.max_height = 65500;
  const std::string png = with_png_dimensions(make_png(10, 10, 8, 0, grey_samples(0)), 5000, 10);
  EXPECT_EQ(problem_of(png), "too_many_pixels");
  EXPECT_EQ(problem_of(png, huge), "corrupt");
  const std::string jpeg = with_jpeg_dimensions(make_jpeg(10, 10, halves_across(10)), 5000, 10);
  EXPECT_EQ(problem_of(jpeg), "too_many_pixels");
  EXPECT_EQ(problem_of(jpeg, huge), "corrupt");
  // A bomb libpng alone would call an error in IHDR.
  EXPECT_EQ(problem_of(with_png_dimensions(make_png(10, 10, 8, 0, grey_samples(0)), 2000000, 2000000)),
            "too_many_pixels");

  // The limits are the caller's, and the edge is allowed.
  LogoLimits limits;
  limits.max_width = 300;
  limits.max_height = 60;
  const std::string edge = make_png(300, 60, 8, 0, grey_samples(0));
  EXPECT_EQ(problem_of(edge, limits), "accepted");
  limits.max_height = 59;
  EXPECT_EQ(problem_of(edge, limits), "too_many_pixels");
}

TEST(FittedLogo, LimitsOutsideTheirRangeAreTheCallersMistake) {
  const std::string png = make_png(10, 10, 8, 0, grey_samples(0));
  LogoLimits limits;
  limits.box_width = 0;
  EXPECT_THROW(fitted_logo(png, limits), std::invalid_argument);
  limits = {};
  limits.box_height = -1;
  EXPECT_THROW(fitted_logo(png, limits), std::invalid_argument);
  limits = {};
  limits.max_width = 70000;
  EXPECT_THROW(fitted_logo(png, limits), std::invalid_argument);
}

}  // namespace
}  // namespace gezicht::image
