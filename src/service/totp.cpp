#include "service/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace gezicht::service::totp {
namespace {

void init_liboath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath failed to initialise");
  });
}

// The secret's bytes, wiped when done.
class DecodedSecret {
 public:
  explicit DecodedSecret(std::string_view base32) {
    init_liboath();
    if (base32.empty()) throw std::invalid_argument("empty TOTP secret");
    const std::string text(base32);
    if (oath_base32_decode(text.c_str(), text.size(), &bytes_, &size_) != OATH_OK || size_ == 0) {
      // Deliberately without the secret: it must never reach a log.
      throw std::invalid_argument("TOTP secret is not base32");
    }
  }
  ~DecodedSecret() {
    if (bytes_) {
      // A false alarm of the analyser through libstdc++'s std::optional reset.
      // NOLINTBEGIN(clang-analyzer-unix.Malloc)
      sodium_memzero(bytes_, size_);
      std::free(bytes_);
      // NOLINTEND(clang-analyzer-unix.Malloc)
    }
  }
  DecodedSecret(const DecodedSecret&) = delete;
  DecodedSecret& operator=(const DecodedSecret&) = delete;
  const char* data() const { return bytes_; }
  std::size_t size() const { return size_; }

 private:
  char* bytes_ = nullptr;
  std::size_t size_ = 0;
};

// liboath compares with strcmp by default; this one takes the same time
// however many leading digits are right. Returns 0 when equal, like strcmp.
int compare_in_constant_time(void* handle, const char* candidate) {
  const auto& code = *static_cast<const std::string*>(handle);
  return constant_time_equal(code, std::string(candidate)) ? 0 : 1;
}

std::string uri_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::int64_t step_at(std::int64_t unix_seconds) {
  // Floor division: before the epoch only in tests, but never wrong.
  return unix_seconds >= 0 ? unix_seconds / step_seconds : -((-unix_seconds + step_seconds - 1) / step_seconds);
}

std::string base32_encode(std::string_view bytes) {
  init_liboath();
  char* out = nullptr;
  std::size_t size = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &size) != OATH_OK) {
    throw std::runtime_error("liboath could not encode base32");
  }
  std::string text(out, size);
  sodium_memzero(out, size);
  std::free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::string new_secret(RandomSource& random) {
  std::vector<unsigned char> bytes(secret_bytes);
  random.fill(bytes.data(), bytes.size());
  std::string secret = base32_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  sodium_memzero(bytes.data(), bytes.size());
  return secret;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  const std::string label = uri_encode(issuer) + ":" + uri_encode(account);
  return "otpauth://totp/" + label + "?secret=" + std::string(secret_base32) + "&issuer=" + uri_encode(issuer) +
         "&algorithm=SHA1&digits=" + std::to_string(digits) + "&period=" + std::to_string(step_seconds);
}

std::string code_at(std::string_view secret_base32, std::int64_t unix_seconds) {
  const DecodedSecret secret(secret_base32);
  char code[digits + 1] = {};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_seconds), step_seconds, 0, digits,
                         code) != OATH_OK) {
    throw std::runtime_error("liboath could not compute a TOTP code");
  }
  return std::string(code, digits);
}

std::optional<std::int64_t> verify(std::string_view secret_base32, std::string_view code, std::int64_t unix_seconds,
                                   std::optional<std::int64_t> last_used_step) {
  if (code.size() != static_cast<std::size_t>(digits)) return std::nullopt;
  for (const char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::optional<DecodedSecret> secret;
  try {
    secret.emplace(secret_base32);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  const std::string typed(code);
  int position = 0;
  std::uint64_t counter = 0;
  const int found = oath_totp_validate3_callback(secret->data(), secret->size(), static_cast<time_t>(unix_seconds),
                                                 step_seconds, 0, digits, window_steps, &position, &counter,
                                                 compare_in_constant_time, const_cast<std::string*>(&typed));
  if (found < 0) return std::nullopt;
  const auto step = static_cast<std::int64_t>(counter);
  if (last_used_step && step <= *last_used_step) return std::nullopt;
  return step;
}

}  // namespace gezicht::service::totp
