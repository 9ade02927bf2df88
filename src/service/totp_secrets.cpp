#include "service/totp_secrets.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "service/base64.hpp"

namespace gezicht::service {
namespace {

constexpr std::string_view prefix = "sb1:";

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string text(size * 2, '0');
  sodium_bin2hex(text.data(), text.size() + 1, bytes, size);
  return text;
}

std::string key_id(const TotpSecretBox::Key& key) {
  std::array<unsigned char, 8> hash{};
  crypto_generichash(hash.data(), hash.size(), key.data(), key.size(), nullptr, 0);
  return hex(hash.data(), hash.size());
}

TotpSecretBox::Key read_key(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) throw TotpKeyError("cannot read the TOTP key file " + path);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  TotpSecretBox::Key key{};
  std::size_t length = 0;
  if (line.size() != key.size() * 2 ||
      sodium_hex2bin(key.data(), key.size(), line.data(), line.size(), nullptr, &length, nullptr) != 0 ||
      length != key.size()) {
    throw TotpKeyError("the TOTP key file " + path + " does not hold a key: 64 hexadecimal characters on one line " +
                       "(make one with `gezicht two-factor new-key --to FILE`)");
  }
  return key;
}

}  // namespace

TotpSecretBox::TotpSecretBox(Key current, const std::vector<Key>& previous) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  keys_.push_back({current, key_id(current)});
  for (const auto& key : previous) keys_.push_back({key, key_id(key)});
}

TotpSecretBox TotpSecretBox::from_files(const std::string& current, const std::vector<std::string>& previous) {
  std::vector<Key> older;
  for (const auto& path : previous) older.push_back(read_key(path));
  return {read_key(current), older};
}

std::string TotpSecretBox::seal(const std::string& secret) const {
  if (keys_.empty()) return secret;
  std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + secret.size(), '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(sealed.data());
  randombytes_buf(bytes, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(bytes + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(secret.data()),
                        secret.size(), bytes, keys_.front().key.data());
  return std::string(prefix) + keys_.front().id + ":" + to_base64(sealed);
}

std::string TotpSecretBox::open(const std::string& stored) const {
  if (!stored.starts_with(prefix)) return stored;  // stored before encryption
  const auto colon = stored.find(':', prefix.size());
  if (colon == std::string::npos) throw TotpKeyError("a sealed TOTP secret without its key id");
  const std::string id = stored.substr(prefix.size(), colon - prefix.size());
  const Entry* entry = nullptr;
  for (const auto& candidate : keys_) {
    if (candidate.id == id) entry = &candidate;
  }
  if (!entry) {
    throw TotpKeyError("a TOTP secret is sealed with key " + id +
                       ", which this server does not hold: give it with --totp-key-file or --totp-previous-key-file");
  }
  const auto sealed = from_base64(std::string_view(stored).substr(colon + 1));
  if (!sealed || sealed->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    throw TotpKeyError("a sealed TOTP secret is damaged");
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(sealed->data());
  std::string secret(sealed->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(secret.data()), bytes + crypto_secretbox_NONCEBYTES,
                                 sealed->size() - crypto_secretbox_NONCEBYTES, bytes, entry->key.data()) != 0) {
    throw TotpKeyError("a sealed TOTP secret was changed (it does not verify under key " + id + ")");
  }
  return secret;
}

bool TotpSecretBox::is_current(const std::string& stored) const {
  if (keys_.empty()) return !stored.starts_with(prefix);
  return stored.starts_with(std::string(prefix) + keys_.front().id + ":");
}

void write_totp_key_file(const std::string& path) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  TotpSecretBox::Key key{};
  randombytes_buf(key.data(), key.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw TotpKeyError("cannot make the key file " + path + ": " + std::strerror(errno));
  const std::string line = hex(key.data(), key.size()) + "\n";
  sodium_memzero(key.data(), key.size());
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) throw TotpKeyError("cannot write the key file " + path);
}

}  // namespace gezicht::service
