#include "image/photo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <cstdlib>
#include <ostream>
#include <string>
#include <vector>

#include <jpeglib.h>

#include "image_builders.hpp"  // the test images, made in memory

namespace gezicht::image {
namespace {

using namespace test_images;

using Rgb = Rgba;  // the alpha stays 255: a photo has none
constexpr Rgb white{255, 255, 255};

// --- reading the output ----------------------------------------------------

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;
  Rgb at(int x, int y) const {
    const std::uint8_t* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
    return {p[0], p[1], p[2]};
  }
};

Image decode(const std::string& jpeg) {
  jpeg_decompress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(jpeg.data()), jpeg.size());
  jpeg_read_header(&cinfo, TRUE);
  cinfo.out_color_space = JCS_RGB;
  jpeg_start_decompress(&cinfo);
  Image image{static_cast<int>(cinfo.output_width), static_cast<int>(cinfo.output_height), {}};
  image.rgb.resize(static_cast<std::size_t>(image.width) * image.height * 3);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = &image.rgb[static_cast<std::size_t>(cinfo.output_scanline) * image.width * 3];
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  EXPECT_EQ(err.num_warnings, 0) << "the test decoder warned";
  jpeg_destroy_decompress(&cinfo);
  return image;
}

// The marker codes of a JPEG from SOI up to its first SOS (the entropy-coded
// data after it holds no segments to walk).
std::vector<int> markers_of(const std::string& jpeg) {
  std::vector<int> markers;
  if (jpeg.size() < 2 || byte_at(jpeg, 0) != 0xFF || byte_at(jpeg, 1) != 0xD8) return markers;
  markers.push_back(0xD8);
  for (std::size_t at = 2; at + 4 <= jpeg.size();) {
    if (byte_at(jpeg, at) != 0xFF) {
      markers.push_back(-1);  // not a marker where one must be
      break;
    }
    const int code = byte_at(jpeg, at + 1);
    markers.push_back(code);
    if (code == 0xDA) break;
    at += 2 + (byte_at(jpeg, at + 2) << 8 | byte_at(jpeg, at + 3));
  }
  return markers;
}

// --- test images ---------------------------------------------------------

// An APP1 EXIF block with only IFD0 and its Orientation tag.
std::string exif_orientation(int orientation, bool little_endian = true) {
  std::string tiff = little_endian ? std::string("II\x2A\0\x08\0\0\0", 8) : std::string("MM\0\x2A\0\0\0\x08", 8);
  auto put = [&](std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) {
      const int shift = 8 * (little_endian ? i : bytes - 1 - i);
      tiff += static_cast<char>(value >> shift & 0xFF);
    }
  };
  put(1, 2);                       // one entry
  put(0x0112, 2);                  // Orientation
  put(3, 2);                       // SHORT
  put(1, 4);                       // one value
  put(orientation, 2), put(0, 2);  // left-justified in the 4-byte field
  put(0, 4);                       // no next IFD
  return std::string("Exif\0\0", 6) + tiff;
}

Fill thirds_across() {
  return [](int x, int) { return x < 133 ? red : x < 267 ? green : blue; };
}

Fill quadrants(int side) {
  return [side](int x, int y) {
    const bool right = x >= side / 2, bottom = y >= side / 2;
    return bottom ? (right ? white : blue) : (right ? green : red);
  };
}

// --- assertions ------------------------------------------------------------

// The problem square_photo reports, as a name, or "accepted".
std::string problem_of(std::string_view upload, const PhotoLimits& limits = {}) {
  return reported_problem([&] { square_photo(upload, limits); });
}

std::string message_of(std::string_view upload, const PhotoLimits& limits = {}) {
  try {
    square_photo(upload, limits);
  } catch (const PhotoError& error) {
    return error.what();
  }
  return "";
}

testing::AssertionResult has_colour(const Image& image, int x, int y, Rgb expected, int tolerance = 24) {
  const Rgb actual = image.at(x, y);
  if (std::abs(actual.r - expected.r) <= tolerance && std::abs(actual.g - expected.g) <= tolerance &&
      std::abs(actual.b - expected.b) <= tolerance) {
    return testing::AssertionSuccess();
  }
  return testing::AssertionFailure() << "pixel (" << x << ", " << y << ") is (" << actual.r << ", " << actual.g << ", "
                                     << actual.b << "), expected about (" << expected.r << ", " << expected.g << ", "
                                     << expected.b << ")";
}

Image square_of(std::string_view upload, const PhotoLimits& limits = {}) {
  const SquarePhoto photo = square_photo(upload, limits);
  EXPECT_EQ(photo.side, limits.output_side);
  Image image = decode(photo.jpeg);
  EXPECT_EQ(image.width, limits.output_side);
  EXPECT_EQ(image.height, limits.output_side);
  return image;
}

// --- the centre square -----------------------------------------------------

TEST(SquarePhoto, AWideJpegBecomesTheSquareOfItsCentre) {
  const SquarePhoto photo = square_photo(make_jpeg(400, 300, thirds_across()), {});
  EXPECT_EQ(photo.side, 256);
  ASSERT_GE(photo.jpeg.size(), 4u);
  EXPECT_EQ(photo.jpeg.substr(0, 3), std::string("\xFF\xD8\xFF", 3));
  EXPECT_EQ(photo.jpeg.substr(photo.jpeg.size() - 2), std::string("\xFF\xD9", 2));
  const Image image = decode(photo.jpeg);
  ASSERT_EQ(image.width, 256);
  ASSERT_EQ(image.height, 256);
  // The centre square is x in [50, 350): red up to 133, so up to (133 - 50) * 256 / 300 = 71
  // in the output; a squeeze of the whole width would put that edge at 85.
  EXPECT_TRUE(has_colour(image, 0, 128, red));
  EXPECT_TRUE(has_colour(image, 60, 128, red));
  EXPECT_TRUE(has_colour(image, 80, 128, green));
  EXPECT_TRUE(has_colour(image, 128, 128, green));
  EXPECT_TRUE(has_colour(image, 128, 0, green));
  EXPECT_TRUE(has_colour(image, 128, 255, green));
  EXPECT_TRUE(has_colour(image, 255, 128, blue));
}

TEST(SquarePhoto, ATallPngBecomesTheSquareOfItsCentre) {
  // Thirds from top to bottom; the centre square is y in [50, 350).
  const auto fill = [](int, int y) { return y < 133 ? red : y < 267 ? green : blue; };
  const Image image = square_of(make_png(300, 400, 8, 2, rgb_samples(fill)));
  EXPECT_TRUE(has_colour(image, 128, 0, red));
  EXPECT_TRUE(has_colour(image, 128, 60, red));
  EXPECT_TRUE(has_colour(image, 128, 80, green));
  EXPECT_TRUE(has_colour(image, 128, 176, green));
  EXPECT_TRUE(has_colour(image, 128, 255, blue));
}

// --- what is written -------------------------------------------------------

TEST(SquarePhoto, TheOutputIsABaselineJpegWithoutAnyMarkerOfTheUpload) {
  JpegOptions options;
  options.progressive = true;
  options.markers = {{JPEG_APP0 + 1, exif_orientation(1) + "canary-exif"},
                     {JPEG_APP0 + 1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>canary-xmp</x:xmpmeta>"},
                     {JPEG_APP0 + 13, "Photoshop 3.0\0canary-iptc"},
                     {JPEG_COM, "canary-comment"}};
  const std::string upload = make_jpeg(300, 300, thirds_across(), options);
  ASSERT_NE(upload.find("canary-exif"), std::string::npos);  // the helper did write them
  ASSERT_NE(upload.find("canary-comment"), std::string::npos);

  const SquarePhoto photo = square_photo(upload, {});
  const std::vector<int> markers = markers_of(photo.jpeg);
  ASSERT_FALSE(markers.empty());
  EXPECT_EQ(markers.back(), 0xDA) << "the segments up to the scan must walk cleanly";
  // SOI, JFIF APP0, DQT, SOF0 (baseline), DHT, SOS: nothing else.
  for (const int marker : markers) {
    EXPECT_TRUE(marker == 0xD8 || marker == 0xE0 || marker == 0xDB || marker == 0xC0 || marker == 0xC4 ||
                marker == 0xDA)
        << "marker 0xFF" << std::hex << marker;
  }
  EXPECT_NE(std::find(markers.begin(), markers.end(), 0xC0), markers.end()) << "no baseline frame (SOF0)";
  EXPECT_EQ(photo.jpeg.find("Exif"), std::string::npos);
  EXPECT_EQ(photo.jpeg.find("canary"), std::string::npos);
  EXPECT_EQ(photo.jpeg.find("Photoshop"), std::string::npos);
}

TEST(SquarePhoto, BytesAfterTheEndOfTheJpegAreNeverServed) {
  // A polyglot: a valid JPEG with a ZIP (or script) appended, which libjpeg never reads.
  const std::string upload =
      make_jpeg(300, 300, thirds_across()) + std::string("PK\x03\x04", 4) + "<script>canary-polyglot</script>";
  const SquarePhoto photo = square_photo(upload, {});
  EXPECT_EQ(photo.jpeg.find("canary"), std::string::npos);
  EXPECT_EQ(photo.jpeg.find("PK\x03\x04"), std::string::npos);
  EXPECT_TRUE(has_colour(decode(photo.jpeg), 128, 128, green));
}

TEST(SquarePhoto, TheQualityAndTheSideAreTheCallersToChoose) {
  // Noise, which only a high quality keeps.
  const auto noise = [](int x, int y) {
    const int v = (x * 7919 + y * 104729 + x * y * 31) % 256;
    return Rgb{v, 255 - v, (v * 3) % 256};
  };
  const std::string upload = make_png(300, 300, 8, 2, rgb_samples(noise));
  PhotoLimits low, high;
  low.jpeg_quality = 30;
  high.jpeg_quality = 95;
  EXPECT_LT(square_photo(upload, low).jpeg.size() * 2, square_photo(upload, high).jpeg.size());

  PhotoLimits small;
  small.output_side = 64;
  const Image image = square_of(make_jpeg(400, 300, thirds_across()), small);
  EXPECT_TRUE(has_colour(image, 32, 32, green));
}

// --- JPEG kinds ------------------------------------------------------------

TEST(SquarePhoto, ProgressiveGreyscaleAndCmykJpegsAreDecoded) {
  JpegOptions progressive;
  progressive.progressive = true;
  EXPECT_TRUE(has_colour(square_of(make_jpeg(400, 300, thirds_across(), progressive)), 20, 128, red));

  JpegOptions grey;
  grey.colour = JCS_GRAYSCALE;
  const Image grey_image = square_of(make_jpeg(
      300, 300,
      [](int, int) {
        return Rgb{200, 0, 0};
      },
      grey));
  EXPECT_TRUE(has_colour(grey_image, 128, 128, {200, 200, 200}, 4));

  JpegOptions cmyk;
  cmyk.colour = JCS_CMYK;
  const Image cmyk_image = square_of(make_jpeg(300, 300, thirds_across(), cmyk));
  EXPECT_TRUE(has_colour(cmyk_image, 10, 128, red));
  EXPECT_TRUE(has_colour(cmyk_image, 128, 128, green));
  EXPECT_TRUE(has_colour(cmyk_image, 245, 128, blue));
}

TEST(SquarePhoto, AJpegOfUnknownComponentsIsAnUnknownType) {
  JpegOptions two;
  two.colour = JCS_UNKNOWN;
  EXPECT_EQ(problem_of(make_jpeg(64, 64, thirds_across(), two)), "unknown_type");
}

TEST(SquarePhoto, JpegsThisLibjpegCannotDecodeAreAnUnknownType) {
  std::string lossless = make_jpeg(64, 64, thirds_across());
  lossless[sof_position(lossless) + 1] = '\xC3';  // SOF3: lossless
  EXPECT_EQ(problem_of(lossless), "unknown_type");

  std::string twelve_bits = make_jpeg(64, 64, thirds_across());
  twelve_bits[sof_position(twelve_bits) + 4] = 12;  // sample precision
  EXPECT_EQ(problem_of(twelve_bits), "unknown_type");
}

TEST(SquarePhoto, AJpegOfThousandsOfScansIsRefusedWhileDecoding) {
  // Valid, but one scan per component and coefficient: 1 + 3 * 63 scans.
  JpegOptions options;
  options.scans.push_back({3, {0, 1, 2, 0}, 0, 0, 0, 0});
  for (int component = 0; component < 3; ++component) {
    for (int k = 1; k < 64; ++k) options.scans.push_back({1, {component, 0, 0, 0}, k, k, 0, 0});
  }
  const std::string upload = make_jpeg(64, 64, thirds_across(), options);
  EXPECT_EQ(decode(upload).width, 64) << "a plain libjpeg decodes it without a warning";
  EXPECT_EQ(problem_of(upload), "corrupt");
  EXPECT_NE(message_of(upload).find("scans"), std::string::npos) << message_of(upload);
}

// --- EXIF orientation ------------------------------------------------------

struct OrientationCase {
  int orientation;
  bool little_endian;
  Rgb top_left, top_right, bottom_left, bottom_right;
};

void PrintTo(const OrientationCase& c, std::ostream* os) {
  *os << "orientation " << c.orientation << (c.little_endian ? " (II)" : " (MM)");
}

class Orientation : public testing::TestWithParam<OrientationCase> {};

TEST_P(Orientation, IsAppliedAsAViewerShowsIt) {
  // Stored: red | green over blue | white.
  const OrientationCase& c = GetParam();
  JpegOptions options;
  options.markers = {{JPEG_APP0 + 1, exif_orientation(c.orientation, c.little_endian)}};
  const Image image = square_of(make_jpeg(200, 200, quadrants(200), options));
  EXPECT_TRUE(has_colour(image, 30, 30, c.top_left));
  EXPECT_TRUE(has_colour(image, 225, 30, c.top_right));
  EXPECT_TRUE(has_colour(image, 30, 225, c.bottom_left));
  EXPECT_TRUE(has_colour(image, 225, 225, c.bottom_right));
}

INSTANTIATE_TEST_SUITE_P(
    SquarePhoto, Orientation,
    testing::Values(
        OrientationCase{1, true, red, green, blue, white}, OrientationCase{2, true, green, red, white, blue},
        OrientationCase{3, true, white, blue, green, red}, OrientationCase{4, true, blue, white, red, green},
        OrientationCase{5, true, red, blue, green, white}, OrientationCase{6, true, blue, red, white, green},
        OrientationCase{7, true, white, green, blue, red}, OrientationCase{8, true, green, white, red, blue},
        OrientationCase{6, false, blue, red, white, green}, OrientationCase{8, false, green, white, red, blue}),
    [](const testing::TestParamInfo<OrientationCase>& info) {
      return std::to_string(info.param.orientation) + (info.param.little_endian ? "LittleEndian" : "BigEndian");
    });

TEST(SquarePhoto, MalformedExifLeavesThePhotoAsStored) {
  std::string bad_offset = exif_orientation(6);
  bad_offset.replace(10, 4, std::string("\xF0\xFF\xFF\xFF", 4));  // IFD0 far beyond the block
  std::string cut = exif_orientation(6).substr(0, 20);            // entry cut in half
  std::string many = exif_orientation(6);
  many.replace(14, 2, std::string("\xFF\xFF", 2));  // 65535 entries in a block of one,
  many.replace(16, 2, std::string("\x10\x01", 2));  // and that one not the orientation
  std::string no_tiff = std::string("Exif\0\0", 6) + "XX";
  std::string out_of_range = exif_orientation(9);
  for (const std::string& exif : {bad_offset, cut, many, no_tiff, out_of_range}) {
    JpegOptions options;
    options.markers = {{JPEG_APP0 + 1, exif}};
    const Image image = square_of(make_jpeg(200, 200, quadrants(200), options));
    EXPECT_TRUE(has_colour(image, 30, 30, red));
    EXPECT_TRUE(has_colour(image, 225, 225, white));
  }
}

// --- PNG kinds -------------------------------------------------------------

TEST(SquarePhoto, PngAlphaIsCompositedOntoWhite) {
  // Opaque red on the left; on the right blue under alpha 0, which must not show.
  const auto samples = [](int x, int) {
    return x < 150 ? std::vector<int>{255, 0, 0, 255} : std::vector<int>{0, 0, 255, 0};
  };
  const Image image = square_of(make_png(300, 300, 8, 6, samples));
  EXPECT_TRUE(has_colour(image, 20, 128, red));
  EXPECT_TRUE(has_colour(image, 235, 128, white, 4));

  const auto grey_alpha = [](int x, int) { return x < 150 ? std::vector<int>{0, 255} : std::vector<int>{0, 0}; };
  const Image grey = square_of(make_png(300, 300, 8, 4, grey_alpha));
  EXPECT_TRUE(has_colour(grey, 20, 128, {0, 0, 0}, 4));
  EXPECT_TRUE(has_colour(grey, 235, 128, white, 4));
}

TEST(SquarePhoto, GreyscalePngIsExpanded) {
  const Image image = square_of(make_png(300, 300, 8, 0, [](int, int) { return std::vector<int>{200}; }));
  EXPECT_TRUE(has_colour(image, 128, 128, {200, 200, 200}, 3));
}

TEST(SquarePhoto, PalettePngIsExpandedWithItsTransparency) {
  const std::string palette = png_chunk("PLTE", std::string("\xFF\0\0\0\0\xFF\0\xFF\0", 9));  // red, blue, green
  const std::string transparency = png_chunk("tRNS", std::string("\xFF\xFF\0", 3));           // index 2 transparent
  const auto index = [](int x, int) { return std::vector<int>{x < 100 ? 0 : x < 200 ? 1 : 2}; };
  const Image image = square_of(make_png(300, 300, 8, 3, index, palette + transparency));
  EXPECT_TRUE(has_colour(image, 20, 128, red));
  EXPECT_TRUE(has_colour(image, 128, 128, blue));
  EXPECT_TRUE(has_colour(image, 235, 128, white, 4));
}

TEST(SquarePhoto, SixteenBitPngIsReducedAsSrgb) {
  // No gAMA or sRGB chunk: taken as sRGB, 0xF000 is 240 of 255 (as linear it would come out 249, and 0x1000 ~ 70).
  const auto samples = [](int, int) { return std::vector<int>{0xF000, 0x1000, 0x8000}; };
  const Image image = square_of(make_png(300, 300, 16, 2, samples));
  EXPECT_TRUE(has_colour(image, 128, 128, {240, 16, 128}, 6));
}

// --- scaling ---------------------------------------------------------------

TEST(SquarePhoto, ScalingDownAveragesEveryPixel) {
  // A checkerboard of single pixels halves to an even grey; a nearest or
  // bilinear pick would keep black or white.
  const auto checker = [](int x, int y) { return std::vector<int>{(x + y) % 2 ? 255 : 0}; };
  const Image half = square_of(make_png(512, 512, 8, 0, checker));
  for (const int at : {0, 77, 128, 255}) EXPECT_TRUE(has_colour(half, at, 255 - at, {128, 128, 128}, 3));

  // Columns black, black, white to a third: every output pixel 255 / 3.
  const auto columns = [](int x, int) { return std::vector<int>{x % 3 == 2 ? 255 : 0}; };
  const Image third = square_of(make_png(768, 768, 8, 0, columns));
  for (const int at : {0, 100, 255}) EXPECT_TRUE(has_colour(third, at, at, {85, 85, 85}, 3));
}

TEST(SquarePhoto, ASmallPhotoIsScaledUpBilinearly) {
  // 100x80: the centre square is x in [10, 90), red up to 50.
  const auto halves = [](int x, int) { return x < 50 ? red : blue; };
  const Image image = square_of(make_png(100, 80, 8, 2, rgb_samples(halves)));
  EXPECT_TRUE(has_colour(image, 20, 128, red));
  EXPECT_TRUE(has_colour(image, 110, 40, red));
  EXPECT_TRUE(has_colour(image, 145, 200, blue));
  EXPECT_TRUE(has_colour(image, 235, 128, blue));

  // Two pixels, black and white: a ramp between the pixel centres (output
  // 64 to 192), where nearest would jump from black to white.
  const Image ramp = square_of(make_png(2, 2, 8, 0, [](int x, int) { return std::vector<int>{x ? 255 : 0}; }));
  EXPECT_TRUE(has_colour(ramp, 30, 10, {0, 0, 0}, 4));
  EXPECT_TRUE(has_colour(ramp, 96, 10, {65, 65, 65}, 6));
  EXPECT_TRUE(has_colour(ramp, 128, 10, {128, 128, 128}, 6));
  EXPECT_TRUE(has_colour(ramp, 160, 10, {192, 192, 192}, 6));
  EXPECT_TRUE(has_colour(ramp, 225, 10, white, 4));

  const Image one = square_of(make_png(1, 1, 8, 2, rgb_samples([](int, int) { return Rgb{10, 120, 230}; })));
  EXPECT_TRUE(has_colour(one, 0, 0, {10, 120, 230}, 6));
  EXPECT_TRUE(has_colour(one, 255, 255, {10, 120, 230}, 6));
}

TEST(SquarePhoto, ASquareOfTheOutputSizeIsKeptAsItIs) {
  const Image image = square_of(make_png(256, 256, 8, 0, [](int x, int) { return std::vector<int>{x}; }));
  for (const int x : {0, 50, 128, 255}) EXPECT_TRUE(has_colour(image, x, 100, {x, x, x}, 3));
}

// --- refusals --------------------------------------------------------------

TEST(SquarePhoto, AnEmptyUploadIsEmpty) { EXPECT_EQ(problem_of(""), "empty"); }

TEST(SquarePhoto, AFileAboveTheSizeLimitIsRefusedBeforeAnythingElse) {
  PhotoLimits limits;
  limits.max_bytes = 1000;
  EXPECT_EQ(problem_of(std::string(1001, 'x'), limits), "too_large_file");  // not even looked at
  EXPECT_EQ(problem_of(std::string(PhotoLimits{}.max_bytes + 1, 'x')), "too_large_file");

  const std::string jpeg = make_jpeg(300, 300, thirds_across());
  limits.max_bytes = jpeg.size();
  EXPECT_EQ(problem_of(jpeg, limits), "accepted");
  limits.max_bytes = jpeg.size() - 1;
  EXPECT_EQ(problem_of(jpeg, limits), "too_large_file");
}

TEST(SquarePhoto, TheTypeIsTheSignatureNotAName) {
  EXPECT_EQ(problem_of(std::string("GIF89a\x01\0\x01\0\x80\0\0", 13)), "unknown_type");
  EXPECT_EQ(problem_of("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "unknown_type");
  EXPECT_EQ(problem_of("BM"), "unknown_type");
  EXPECT_EQ(problem_of(std::string("\xFF\xD8", 2)), "unknown_type");  // too short for the signature
  EXPECT_EQ(problem_of(std::string("\x89PNG\r\n", 6)), "unknown_type");
  // A JPEG behind a few bytes of something else is not a JPEG.
  EXPECT_EQ(problem_of(" " + make_jpeg(64, 64, thirds_across())), "unknown_type");
}

TEST(SquarePhoto, ATruncatedJpegIsCorrupt) {
  const std::string jpeg = make_jpeg(400, 300, thirds_across());
  EXPECT_EQ(problem_of(jpeg.substr(0, jpeg.size() / 2)), "corrupt");
  EXPECT_NE(message_of(jpeg.substr(0, jpeg.size() / 2)).find("Premature end"), std::string::npos);
  // All the rows there, only the EOI missing: the warning comes at the very end.
  EXPECT_EQ(problem_of(jpeg.substr(0, jpeg.size() - 2)), "corrupt");
  EXPECT_EQ(problem_of(jpeg.substr(0, 3)), "corrupt");
  JpegOptions progressive;
  progressive.progressive = true;
  const std::string progressive_jpeg = make_jpeg(400, 300, thirds_across(), progressive);
  EXPECT_EQ(problem_of(progressive_jpeg.substr(0, progressive_jpeg.size() * 2 / 3)), "corrupt");
}

TEST(SquarePhoto, GarbageAfterASignatureIsCorrupt) {
  std::string garbage;
  for (int i = 0; i < 3000; ++i) garbage += static_cast<char>((i * 7919 + 13) % 251);
  EXPECT_EQ(problem_of(std::string("\xFF\xD8\xFF", 3) + garbage), "corrupt");
  EXPECT_EQ(problem_of(std::string("\x89PNG\r\n\x1A\n", 8) + garbage), "corrupt");

  // Damaged scan data in the middle of a JPEG.
  std::string jpeg = make_jpeg(400, 300, thirds_across());
  for (std::size_t at = jpeg.size() / 2; at < jpeg.size() / 2 + 200; ++at) jpeg[at] = '\xFF';
  EXPECT_EQ(problem_of(jpeg), "corrupt");
}

TEST(SquarePhoto, ATruncatedOrDamagedPngIsCorrupt) {
  const std::string png = make_png(300, 300, 8, 2, rgb_samples(thirds_across()));
  EXPECT_EQ(problem_of(png), "accepted");
  EXPECT_EQ(problem_of(png.substr(0, png.size() / 2)), "corrupt");
  EXPECT_EQ(problem_of(png.substr(0, png.size() - 14)), "corrupt");  // the last IDAT's CRC cut short
  // Only IEND missing: every pixel is there and libpng's simplified API does
  // not read on to IEND, so nothing is lost or filled in.
  EXPECT_EQ(problem_of(png.substr(0, png.size() - 12)), "accepted");
  EXPECT_EQ(problem_of(png.substr(0, 20)), "corrupt");  // IHDR cut short
  std::string bad_crc = png;
  bad_crc[png.size() - 20] ^= 0x55;  // the IDAT's CRC
  EXPECT_EQ(problem_of(bad_crc), "corrupt");
}

TEST(SquarePhoto, ZeroDimensionsAreCorrupt) {
  EXPECT_EQ(problem_of(with_jpeg_dimensions(make_jpeg(64, 64, thirds_across()), 64, 0)), "corrupt");
  EXPECT_EQ(problem_of(with_jpeg_dimensions(make_jpeg(64, 64, thirds_across()), 0, 64)), "corrupt");
  const std::string png = make_png(10, 10, 8, 0, [](int, int) { return std::vector<int>{0}; });
  EXPECT_EQ(problem_of(with_png_dimensions(png, 0, 10)), "corrupt");
  EXPECT_EQ(problem_of(with_png_dimensions(png, 10, 0)), "corrupt");
}

TEST(SquarePhoto, TooManyPixelsAreRefused) {
  EXPECT_EQ(problem_of(make_jpeg(5000, 10, thirds_across())), "too_many_pixels");
  EXPECT_EQ(problem_of(make_png(10, 5000, 8, 0, [](int, int) { return std::vector<int>{0}; })), "too_many_pixels");

  // The limits are the caller's, and the edge is allowed.
  const std::string jpeg = make_jpeg(400, 300, thirds_across());
  const std::string png = make_png(400, 300, 8, 2, rgb_samples(thirds_across()));
  PhotoLimits limits;
  limits.max_width = 400;
  limits.max_height = 300;
  EXPECT_EQ(problem_of(jpeg, limits), "accepted");
  EXPECT_EQ(problem_of(png, limits), "accepted");
  limits.max_width = 399;
  EXPECT_EQ(problem_of(jpeg, limits), "too_many_pixels");
  EXPECT_EQ(problem_of(png, limits), "too_many_pixels");
  limits.max_width = 400;
  limits.max_height = 299;
  EXPECT_EQ(problem_of(jpeg, limits), "too_many_pixels");
  EXPECT_EQ(problem_of(png, limits), "too_many_pixels");
}

TEST(SquarePhoto, TheDimensionsAreCheckedBeforeAnyPixelIsDecoded) {
  // Headers that claim more than the data holds: decoding them would find
  // the data short (corrupt, as the big limits show), so too_many_pixels
  // proves that the header was refused first.
  PhotoLimits huge;
  huge.max_width = huge.max_height = 65500;
  const std::string jpeg = with_jpeg_dimensions(make_jpeg(10, 10, thirds_across()), 5000, 10);
  EXPECT_EQ(problem_of(jpeg), "too_many_pixels");
  EXPECT_EQ(problem_of(jpeg, huge), "corrupt");

  const std::string png =
      with_png_dimensions(make_png(10, 10, 8, 0, [](int, int) { return std::vector<int>{0}; }), 10, 5000);
  EXPECT_EQ(problem_of(png), "too_many_pixels");
  EXPECT_EQ(problem_of(png, huge), "corrupt");

  // Bombs: 65535 x 65535 (12 GB of RGB) in a few hundred bytes.
  const std::string jpeg_bomb = with_jpeg_dimensions(make_jpeg(10, 10, thirds_across()), 65535, 65535);
  EXPECT_EQ(problem_of(jpeg_bomb), "too_many_pixels");  // libjpeg's own refusal, above 65500
  EXPECT_EQ(problem_of(jpeg_bomb, huge), "too_many_pixels");
  const std::string png_bomb =
      with_png_dimensions(make_png(10, 10, 8, 0, [](int, int) { return std::vector<int>{0}; }), 2000000, 2000000);
  EXPECT_EQ(problem_of(png_bomb), "too_many_pixels");  // libpng alone would call it an error in IHDR
}

TEST(SquarePhoto, LimitsOutsideTheirRangeAreTheCallersMistake) {
  const std::string jpeg = make_jpeg(64, 64, thirds_across());
  PhotoLimits limits;
  limits.output_side = 0;
  EXPECT_THROW(square_photo(jpeg, limits), std::invalid_argument);
  limits = {};
  limits.jpeg_quality = 101;
  EXPECT_THROW(square_photo(jpeg, limits), std::invalid_argument);
  limits = {};
  limits.max_width = 0;
  EXPECT_THROW(square_photo(jpeg, limits), std::invalid_argument);
  limits = {};
  limits.max_height = 70000;
  EXPECT_THROW(square_photo(jpeg, limits), std::invalid_argument);
}

TEST(SquarePhoto, ThePhotoErrorCarriesItsProblem) {
  const PhotoError error(PhotoProblem::corrupt, "JPEG: Premature end of JPEG file");
  EXPECT_EQ(error.problem(), PhotoProblem::corrupt);
  EXPECT_STREQ(error.what(), "JPEG: Premature end of JPEG file");
  const std::runtime_error& base = error;  // loggable as any runtime_error
  EXPECT_STREQ(base.what(), "JPEG: Premature end of JPEG file");
}

}  // namespace
}  // namespace gezicht::image
