#include "image/logo.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <png.h>

#include "image_builders.hpp"  // the test images, made in memory

// The output is read back with libpng's simplified API.

namespace gezicht::image {
namespace {

using namespace test_images;

constexpr Rgba clear{0, 0, 0, 0};

// --- test images -----------------------------------------------------------

Fill halves_across(int width) {
  return [width](int x, int) { return x < width / 2 ? red : blue; };
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

// The problem fitted_logo reports, as a name, or "accepted".
std::string problem_of(std::string_view upload, const LogoLimits& limits = {}) {
  return reported_problem([&] { fitted_logo(upload, limits); });
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
