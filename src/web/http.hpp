#pragma once
// The server's own request and response types, so routes and pages never
// include Boost.Beast (which is slow to compile and stays in http_server.cpp).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gezicht::web {

struct Request {
  std::string method;                                        // "GET", "POST", ...
  std::string path;                                          // without the query, still percent-encoded
  std::string query;                                         // after '?', still percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote_address;   // the client's: behind a trusted proxy, the one it forwarded
  std::string scheme = "http";  // https when a trusted proxy says the client used it

  // The first header with this (lower-case) name, or "".
  std::string_view header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return {};
  }
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

}  // namespace gezicht::web
