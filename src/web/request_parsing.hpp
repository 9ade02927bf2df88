#pragma once
// Reading one HTTP/1.1 request from bytes: the framing rules and limits the
// server applies, apart from the socket code so that the fuzzer and the tests
// run exactly what the server runs. Beast stays in the .cpp files (it costs
// ~20 s per translation unit); beast_request.hpp is for the two that need it.

#include <cstddef>
#include <string>
#include <string_view>

#include "web/http.hpp"
#include "web/http_server.hpp"

namespace gezicht::web {

// More header fields than any browser sends; a flood of tiny fields is refused with 431.
inline constexpr std::size_t max_header_fields = 100;

// The most unparsed bytes a connection buffers. Beast 1.81 limits the header
// but not a chunk's size line with its extensions nor the trailer, so without
// this a client could make the server buffer without end (413 instead).
inline std::size_t read_buffer_limit(const ServerLimits& limits) {
  return limits.max_header_bytes + limits.max_body_bytes;
}

// Uploads (a photo): a POST or PUT to one of the routes that take a photo
// may carry up to max_upload_bytes; every other request max_body_bytes.
bool is_upload_target(std::string_view method, std::string_view target);

// Why a request is not passed on: the status to answer with and a short reason.
struct Refusal {
  int status = 400;  // 400, 413, 431, 501 or 503
  std::string reason;
};

struct ParsedRequest {
  enum class State { complete, incomplete, refused };
  State state = State::incomplete;
  Refusal refusal;  // when refused
  Request request;  // when complete
  bool keep_alive = false;
  std::size_t consumed = 0;  // bytes of the input the complete request used; the rest is the next request
};

// Parses the first request in bytes with the server's limits and framing
// rules. When piece_size is not 0 the bytes are handed to the parser that
// many at a time, as a slow network would deliver them; the outcome must not
// depend on it.
ParsedRequest parse_request(std::string_view bytes, const ServerLimits& limits, std::size_t piece_size = 0);

}  // namespace gezicht::web
