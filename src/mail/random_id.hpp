#pragma once
// Random hex for the names of outbox files and Message-IDs: unique across
// threads and processes without any coordination.

#include <cstddef>
#include <string>

namespace gezicht::mail {

// `bytes` random bytes (libsodium) as lower-case hex; bytes 1 to 32.
std::string random_hex(std::size_t bytes);

}  // namespace gezicht::mail
