#pragma once
// Who is asking: the logged-in account behind a request.

#include <cstdint>
#include <optional>
#include <string>

namespace gezicht::service {

struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  std::string name;
  std::string role;  // professional | teamlead | admin
  std::optional<std::int64_t> team_id;
  std::string team_name;
  std::string csrf_token;
  std::string session_token_hash;
};

}  // namespace gezicht::service
