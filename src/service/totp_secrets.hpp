#pragma once
// TOTP secrets encrypted at rest: libsodium's crypto_secretbox
// (XSalsa20-Poly1305, a fresh random nonce each time) under a key kept in a
// file outside the database, so that a copy of the database or a backup
// alone does not hold the second factor. Stored as
//   sb1:<key id>:<base64 of nonce and ciphertext>
// where the key id (the first 8 bytes of the key's BLAKE2b hash, in hex)
// names the key, so a rotation can hold old and new keys at once.
// Without a key (tests, the demo) secrets are stored as they are.

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace gezicht::service {

class TotpKeyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TotpSecretBox {
 public:
  using Key = std::array<unsigned char, 32>;

  TotpSecretBox() = default;  // no key: secrets as they are
  // `current` seals; `previous` keys only open (a rotation in progress).
  TotpSecretBox(Key current, const std::vector<Key>& previous);
  // Reads keys written by write_totp_key_file; throws TotpKeyError naming the file.
  static TotpSecretBox from_files(const std::string& current, const std::vector<std::string>& previous);

  bool encrypts() const { return !keys_.empty(); }
  std::string seal(const std::string& secret) const;
  // A value sealed with a key this box holds, or a value stored before
  // encryption; throws TotpKeyError for a key it does not hold or a value
  // that was changed.
  std::string open(const std::string& stored) const;
  // Sealed with the current key: a rotation has nothing to do for it.
  bool is_current(const std::string& stored) const;

 private:
  struct Entry {
    Key key{};
    std::string id;
  };
  std::vector<Entry> keys_;  // the current first
};

// A new random key in a new file (mode 0600); throws TotpKeyError if the file exists.
void write_totp_key_file(const std::string& path);

}  // namespace gezicht::service
