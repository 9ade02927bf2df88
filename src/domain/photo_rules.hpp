#pragma once
// Faces with photos: who may set whose photo, and what an upload may be.
// Residents have no photo here: the faces are the municipality's people.

#include <cstddef>
#include <cstdint>

#include "domain/access_policy.hpp"

namespace gezicht::domain {

// An upload: at most 2 MB and 4,000 x 4,000 pixels; what is kept is a
// 256 x 256 JPEG the server made (domain rules; src/image does the work).
inline constexpr std::size_t photo_max_bytes = 2 * 1024 * 1024;
inline constexpr int photo_max_width = 4000;
inline constexpr int photo_max_height = 4000;
inline constexpr int photo_side = 256;
inline constexpr int photo_jpeg_quality = 85;

// Whether someone in `role` has a face the municipality shows: the staff
// residents meet, not residents, the administrator or the auditor.
bool has_staff_face(Role role);
// A person sets their own photo; the administrator sets anyone's (someone
// without the skill or the camera, or an account made by the import).
bool may_set_photo(Role actor_role, std::int64_t actor_id, Role target_role, std::int64_t target_id);

}  // namespace gezicht::domain
