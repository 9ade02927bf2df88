#pragma once
// Binary values kept as text (values travel as text in both databases): base64 via libsodium.

#include <optional>
#include <string>
#include <string_view>

namespace gezicht::service {

std::string to_base64(std::string_view bytes);
// nullopt for text that is not base64.
std::optional<std::string> from_base64(std::string_view text);

}  // namespace gezicht::service
