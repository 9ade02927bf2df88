#pragma once
// The Beast side of request parsing, shared by http_server.cpp and
// request_parsing.cpp only: anything else includes request_parsing.hpp.

#include <boost/beast/http.hpp>

#include <optional>
#include <string>

#include "web/request_parsing.hpp"

namespace gezicht::web {

using BeastRequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Applies the header and body limits. The body may be as large as an upload
// until the header tells the target; check_header then holds every other
// request to max_body_bytes.
void configure_parser(BeastRequestParser& parser, const ServerLimits& limits);

// Once the header is read: the framing Beast accepts but this server does not,
// because a proxy in front could read it differently (request smuggling):
// duplicate or non-numeric Content-Length, any Transfer-Encoding other than a
// single "chunked" on HTTP/1.1, both framings at once, too many fields; and
// a body larger than max_body_bytes for anything but an upload (413).
std::optional<Refusal> check_header(BeastRequestParser& parser, const ServerLimits& limits);

// The answer to a read error, or nullopt when the client went away or timed
// out and nothing should be sent.
std::optional<Refusal> refusal_for(boost::beast::error_code error);

Request to_request(const boost::beast::http::request<boost::beast::http::string_body>& message, std::string remote);

}  // namespace gezicht::web
