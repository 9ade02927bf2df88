#pragma once
// One JSON line per answered request, for the operator: request id, route
// pattern, status, duration. Never the path, the query, an address or a
// household id: the pattern ("/huishoudens/{id}") says which page without
// saying whose.

#include <string>
#include <string_view>

namespace gezicht::web {

struct RequestLogEntry {
  std::string_view request_id;
  std::string_view method;
  std::string_view route;  // the pattern, or "(unmatched)"
  int status = 0;
  double seconds = 0;
  std::string_view scheme;  // as the client used it: from a trusted proxy's X-Forwarded-Proto
  long long unix_micros = 0;
};

std::string request_log_line(const RequestLogEntry& entry);  // with its newline
long long wall_clock_micros();                    // the machine's clock, as logs want it (not the domain's Clock)
void write_request_log(const std::string& line);  // to standard output, at once

// The caller's X-Request-Id when it is a plain token (1 to 128 of A-Z a-z
// 0-9 . _ : -, so it cannot forge a log line), otherwise a new random one.
std::string request_id_for(std::string_view given);

}  // namespace gezicht::web
