// Every seed and every input a fuzzer once failed on (fuzz/corpus/<target>,
// fuzz/regressions/<target>), run through the fuzz targets' own bodies, so
// what was fixed stays fixed in the normal build.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_entries.hpp"

namespace gezicht::fuzz {
namespace {

namespace fs = std::filesystem;

struct Target {
  std::string name;
  std::function<void(std::string_view)> entry;
};

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  if (!fs::is_directory(folder)) return files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    // Dot files (.gitkeep) keep empty folders in git; they are no inputs.
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with('.')) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class FuzzInputs : public testing::TestWithParam<Target> {};

TEST_P(FuzzInputs, SeedsAndRegressionsKeepTheirPromises) {
  const fs::path root = fs::path(GEZICHT_SOURCE_DIR) / "fuzz";
  const auto& target = GetParam();
  const auto seeds = files_in(root / "corpus" / target.name);
  ASSERT_FALSE(seeds.empty()) << "no seeds in " << (root / "corpus" / target.name);
  auto inputs = seeds;
  for (auto& file : files_in(root / "regressions" / target.name)) inputs.push_back(std::move(file));
  for (const auto& file : inputs) {
    SCOPED_TRACE(file.string());
    const auto bytes = read_bytes(file);
    try {
      target.entry(bytes);
    } catch (const std::exception& error) {
      ADD_FAILURE() << "reproduce with build-fuzz/fuzz/fuzz_" << target.name << ' ' << file.string() << ": "
                    << error.what();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzInputs,
                         testing::Values(Target{"http_request", http_request}, Target{"url_encoding", url_encoding},
                                         Target{"json_body", json_body}, Target{"template", template_source},
                                         Target{"multipart", multipart}, Target{"photo", photo}),
                         [](const testing::TestParamInfo<Target>& info) { return info.param.name; });

}  // namespace
}  // namespace gezicht::fuzz
