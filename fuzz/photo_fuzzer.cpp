// libFuzzer target; the body is fuzz::photo in fuzz_entries.cpp.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gezicht::fuzz::photo(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
