#pragma once
// An account as the face residents see.

#include "domain/directory.hpp"
#include "storage/language_list.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

inline domain::Person to_person(const storage::UserRecord& user) {
  return {user.id,       user.name, user.role, user.job_title, user.phone, storage::split_languages(user.languages),
          user.photo_url};
}

}  // namespace gezicht::service
