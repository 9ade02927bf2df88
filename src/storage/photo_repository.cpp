#include "storage/photo_repository.hpp"

namespace gezicht::storage {

void PhotoRepository::put(std::int64_t user_id, const std::string& jpeg_base64, const std::string& digest,
                          const std::string& at, std::optional<std::int64_t> by) {
  // Both databases know this upsert (SQLite 3.24+, PostgreSQL 9.5+).
  exec(connection_,
       "INSERT INTO user_photos (user_id, jpeg_base64, digest, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?) "
       "ON CONFLICT (user_id) DO UPDATE SET jpeg_base64 = excluded.jpeg_base64, digest = excluded.digest, "
       "uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by",
       user_id, jpeg_base64, digest, at, by ? Value(*by) : Value(nullptr));
}

bool PhotoRepository::remove(std::int64_t user_id) {
  return exec(connection_, "DELETE FROM user_photos WHERE user_id = ?", user_id) > 0;
}

std::optional<StoredPhoto> PhotoRepository::find(std::int64_t user_id) {
  auto row = query(connection_, "SELECT jpeg_base64, digest, uploaded_at FROM user_photos WHERE user_id = ?", user_id);
  if (!row->step()) return std::nullopt;
  return StoredPhoto{row->text(0), row->text(1), row->text(2)};
}

}  // namespace gezicht::storage
