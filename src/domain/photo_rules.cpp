#include "domain/photo_rules.hpp"

namespace gezicht::domain {

bool has_staff_face(Role role) { return role_has(role, Permission::own_photo); }

bool may_set_photo(Role actor_role, std::int64_t actor_id, Role target_role, std::int64_t target_id) {
  if (!has_staff_face(target_role)) return false;
  if (actor_id == target_id) return has_staff_face(actor_role);
  return role_has(actor_role, Permission::manage_accounts);
}

}  // namespace gezicht::domain
