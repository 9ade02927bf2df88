#pragma once
// Staff photos (migration 018): the server's own re-encoding, one per account.

#include <cstdint>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace gezicht::storage {

struct StoredPhoto {
  std::string jpeg_base64;
  std::string digest;
  std::string uploaded_at;
};

class PhotoRepository {
 public:
  explicit PhotoRepository(Connection& connection) : connection_(connection) {}

  // Replaces the account's photo, if it had one.
  void put(std::int64_t user_id, const std::string& jpeg_base64, const std::string& digest, const std::string& at,
           std::optional<std::int64_t> by);
  // False when there was none.
  bool remove(std::int64_t user_id);
  std::optional<StoredPhoto> find(std::int64_t user_id);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
