#include "service/photo_service.hpp"

#include <sodium.h>

#include <vector>

#include "domain/calendar.hpp"
#include "domain/photo_rules.hpp"
#include "domain/validation_error.hpp"
#include "image/photo.hpp"
#include "service/base64.hpp"
#include "service/errors.hpp"
#include "storage/photo_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

const char* problem_key(image::PhotoProblem problem) {
  switch (problem) {
    case image::PhotoProblem::empty: return "photo.empty";
    case image::PhotoProblem::too_large_file: return "photo.too_large";
    case image::PhotoProblem::unknown_type: return "photo.unknown_type";
    case image::PhotoProblem::corrupt: return "photo.corrupt";
    case image::PhotoProblem::too_many_pixels: return "photo.too_many_pixels";
  }
  throw std::logic_error("unknown photo problem");
}

std::string digest_of(std::string_view bytes) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr,
                     0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// The account whose photo changes, and whether the actor may change it.
storage::UserRecord target_of(storage::Connection& connection, const Actor& actor, std::int64_t user_id) {
  const auto user = storage::UserRepository(connection).find_by_id(user_id);
  const auto role = user ? domain::parse_role(user->role) : std::nullopt;
  if (!user || !role || !domain::has_staff_face(*role)) {
    throw NotFound("account.not_found", "no staff account " + std::to_string(user_id));
  }
  if (!domain::may_set_photo(actor.access_role, actor.user_id, *role, user_id)) {
    throw Forbidden("photo.not_allowed", "user " + std::to_string(actor.user_id) + " may not set the photo of user " +
                                             std::to_string(user_id));
  }
  return *user;
}

std::string purpose(const Actor& actor, std::int64_t user_id) {
  return actor.user_id == user_id ? "own photo" : "administrator: photo of user " + std::to_string(user_id);
}

}  // namespace

std::string reencoded_photo(std::string_view upload, const std::string& field) {
  image::PhotoLimits limits;
  limits.max_bytes = domain::photo_max_bytes;
  limits.max_width = domain::photo_max_width;
  limits.max_height = domain::photo_max_height;
  limits.output_side = domain::photo_side;
  limits.jpeg_quality = domain::photo_jpeg_quality;
  try {
    return image::square_photo(upload, limits).jpeg;
  } catch (const image::PhotoError& error) {
    throw domain::ValidationError(field, problem_key(error.problem()));
  }
}

std::string store_photo(storage::Connection& connection, std::int64_t user_id, const std::string& jpeg,
                        const std::string& at, std::optional<std::int64_t> by) {
  std::string digest = digest_of(jpeg);
  storage::PhotoRepository(connection).put(user_id, to_base64(jpeg), digest, at, by);
  return digest;
}

std::string PhotoService::set_photo(storage::Connection& connection, const Actor& actor, std::int64_t user_id,
                                    std::string_view upload) {
  // Decoded before the transaction: a large upload takes a while, and holds no lock meanwhile.
  const std::string jpeg = reencoded_photo(upload, "photo");
  storage::Transaction transaction(connection);
  target_of(connection, actor, user_id);
  std::string digest = store_photo(connection, user_id, jpeg, domain::format_timestamp(clock_.now()), actor.user_id);
  audit_.record_in(connection, actor, {std::nullopt, "photo", "change", "allowed", purpose(actor, user_id)});
  transaction.commit();
  return digest;
}

bool PhotoService::remove_photo(storage::Connection& connection, const Actor& actor, std::int64_t user_id) {
  storage::Transaction transaction(connection);
  target_of(connection, actor, user_id);
  const bool removed = storage::PhotoRepository(connection).remove(user_id);
  if (removed) {
    audit_.record_in(connection, actor, {std::nullopt, "photo", "delete", "allowed", purpose(actor, user_id)});
  }
  transaction.commit();
  return removed;
}

std::optional<Face> PhotoService::face(storage::Connection& connection, std::int64_t user_id) {
  const auto user = storage::UserRepository(connection).find_by_id(user_id);
  const auto role = user ? domain::parse_role(user->role) : std::nullopt;
  // Public: only the faces residents meet, and only while the account is in use.
  if (!user || !user->active || !role || !domain::has_staff_face(*role)) return std::nullopt;
  Face face;
  face.name = user->name;
  if (const auto photo = storage::PhotoRepository(connection).find(user_id)) {
    face.jpeg = from_base64(photo->jpeg_base64);
    if (!face.jpeg) throw std::runtime_error("the stored photo of user " + std::to_string(user_id) + " is not base64");
    face.digest = photo->digest;
  }
  return face;
}

}  // namespace gezicht::service
