#include "demo/demo_plan.hpp"

namespace gezicht::demo::detail {

void letter_pair(int index, char* out) {
  static constexpr char letters[] = "ABCDEGHJKLMNPRSTVWXZ";
  // Row 'S' (index 14) lacks A, D and S: 17 pairs instead of 20.
  constexpr int s_row = 14;
  const int before_s = s_row * 20;
  int first = 0;
  int second = 0;
  if (index < before_s) {
    first = index / 20;
    second = index % 20;
  } else if (index < before_s + 17) {
    static constexpr char s_seconds[] = "BCEGHJKLMNPRTVWXZ";
    out[0] = 'S';
    out[1] = s_seconds[index - before_s];
    return;
  } else {
    first = s_row + 1 + (index - before_s - 17) / 20;
    second = (index - before_s - 17) % 20;
  }
  out[0] = letters[first];
  out[1] = letters[second];
}

const char* to_string(Reason reason) {
  switch (reason) {
    case Reason::existing_contact: return "existing_contact";
    case Reason::language_match: return "language_match";
    case Reason::lowest_caseload: return "lowest_caseload";
  }
  return "lowest_caseload";
}

const char* to_string(Channel channel) {
  switch (channel) {
    case Channel::phone: return "phone";
    case Channel::home_visit: return "home_visit";
    case Channel::walk_in: return "walk_in";
  }
  return "phone";
}

void reference_code(std::int64_t id, std::uint64_t key, char* out) {
  static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford: no I, L, O, U
  constexpr std::uint64_t mask = (std::uint64_t{1} << 40) - 1;
  // Every step is a bijection on 40 bits (xor with a constant, multiplication
  // by an odd number, xor-shift), so distinct ids give distinct codes.
  std::uint64_t x = (static_cast<std::uint64_t>(id) ^ key) & mask;
  x = (x * 0x9E3779B97F4Bull) & mask;
  x ^= x >> 19;
  x = (x * 0xC2B2AE3D27D5ull) & mask;
  x ^= x >> 21;
  x = (x ^ (key >> 24)) & mask;
  x = (x * 0x165667B19E37ull) & mask;
  x ^= x >> 17;
  out[0] = 'G';
  out[1] = 'Z';
  out[2] = '-';
  out[7] = '-';
  for (int i = 0; i < 8; ++i) {
    out[i < 4 ? 3 + i : 4 + i] = alphabet[(x >> (35 - 5 * i)) & 31];
  }
}

std::string reference_code(std::int64_t id, std::uint64_t key) {
  std::string code(12, ' ');
  reference_code(id, key, code.data());
  return code;
}

}  // namespace gezicht::demo::detail
