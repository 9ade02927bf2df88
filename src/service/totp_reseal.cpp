#include "service/totp_reseal.hpp"

#include "storage/user_repository.hpp"

namespace gezicht::service {

ResealCount reseal_totp_secrets(storage::Connection& connection, const TotpSecretBox& box) {
  if (!box.encrypts()) throw TotpKeyError("sealing TOTP secrets needs a key");
  storage::UserRepository users(connection);
  storage::Transaction transaction(connection);
  ResealCount count;
  for (const auto& [user_id, stored] : users.totp_secrets()) {
    if (box.is_current(stored)) {
      ++count.already;
      continue;
    }
    if (!users.replace_totp_secret(user_id, stored, box.seal(box.open(stored)))) {
      throw std::runtime_error("account " + std::to_string(user_id) +
                               " changed its second factor meanwhile: run again");
    }
    ++count.sealed;
  }
  transaction.commit();
  return count;
}

}  // namespace gezicht::service
