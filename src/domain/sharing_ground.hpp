#pragma once
// On what ground a household's record is shared (AVG article 6): the
// resident's consent, which the resident may withdraw at any time, or a legal
// duty of the municipality, which the resident cannot withdraw but may object
// to (AVG article 21); the objection goes to a person, who answers it.

#include <optional>
#include <string_view>

namespace gezicht::domain {

enum class SharingGround { consent, legal_duty };
const char* to_string(SharingGround ground);
std::optional<SharingGround> parse_sharing_ground(std::string_view text);

bool resident_may_withdraw(SharingGround ground);
bool resident_may_object(SharingGround ground);

}  // namespace gezicht::domain
