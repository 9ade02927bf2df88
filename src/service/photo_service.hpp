#pragma once
// Faces with photos: a staff member (or the administrator for them) sets a
// photo, which the server decodes and re-encodes (src/image) before keeping
// it; the face is served as that JPEG, or as the initials without one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

// What /gezichten/{id} shows.
struct Face {
  std::string name;                 // for the initials
  std::optional<std::string> jpeg;  // the photo's bytes, when there is one
  std::string digest;               // the photo's ETag
};

// An upload as the server keeps it: decoded and re-encoded to a square JPEG
// (domain/photo_rules.hpp). Throws domain::ValidationError naming `field`
// (photo.empty, photo.too_large, photo.unknown_type, photo.corrupt, photo.too_many_pixels).
std::string reencoded_photo(std::string_view upload, const std::string& field);
// Keeps a re-encoded photo for an account inside the caller's transaction; returns its digest.
// `by`: the account that set it; none for the directory import.
std::string store_photo(storage::Connection& connection, std::int64_t user_id, const std::string& jpeg,
                        const std::string& at, std::optional<std::int64_t> by);

class PhotoService {
 public:
  PhotoService(const Clock& clock, AuditTrail& audit) : clock_(clock), audit_(audit) {}

  // Throws domain::ValidationError naming "photo" (photo.empty,
  // photo.too_large, photo.unknown_type, photo.corrupt, photo.too_many_pixels);
  // Forbidden when the actor may not set this account's photo; NotFound for
  // no such account (or a resident's). Returns the new photo's digest.
  std::string set_photo(storage::Connection& connection, const Actor& actor, std::int64_t user_id,
                        std::string_view upload);
  // Back to the initials. Returns false when there was no photo.
  bool remove_photo(storage::Connection& connection, const Actor& actor, std::int64_t user_id);
  // The face of an active staff account residents meet; nullopt otherwise
  // (none, a resident's, the administrator's or auditor's, a deactivated one).
  std::optional<Face> face(storage::Connection& connection, std::int64_t user_id);

 private:
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace gezicht::service
