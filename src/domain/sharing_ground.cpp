#include "domain/sharing_ground.hpp"

namespace gezicht::domain {

const char* to_string(SharingGround ground) { return ground == SharingGround::consent ? "consent" : "legal_duty"; }

std::optional<SharingGround> parse_sharing_ground(std::string_view text) {
  if (text == "consent") return SharingGround::consent;
  if (text == "legal_duty") return SharingGround::legal_duty;
  return std::nullopt;
}

bool resident_may_withdraw(SharingGround ground) { return ground == SharingGround::consent; }

bool resident_may_object(SharingGround ground) { return ground == SharingGround::legal_duty; }

}  // namespace gezicht::domain
