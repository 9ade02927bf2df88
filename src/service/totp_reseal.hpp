#pragma once
// Seals every stored TOTP secret with the box's current key: the first
// encryption of secrets stored before, and every key rotation. One
// transaction: all secrets move to the new key, or none.

#include <cstdint>

#include "service/totp_secrets.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct ResealCount {
  std::int64_t sealed = 0;   // sealed again with the current key
  std::int64_t already = 0;  // were sealed with it already
};

// Throws TotpKeyError when a secret is sealed with a key the box does not hold.
ResealCount reseal_totp_secrets(storage::Connection& connection, const TotpSecretBox& box);

}  // namespace gezicht::service
