#pragma once
// The bodies of the fuzz targets, one per input the server reads from the
// network. Each runs one input through the real code and throws
// fuzz::Violation when a promise of that code is broken; the inputs the code
// is meant to refuse (broken JSON, unclosed tags) return normally. Compiled
// into the libFuzzer executables and into the regression test.

#include <stdexcept>
#include <string>
#include <string_view>

namespace gezicht::fuzz {

class Violation : public std::logic_error {
 public:
  explicit Violation(const std::string& what) : std::logic_error(what) {}
};

// Bytes from a client socket: parse_request with the server's limits and with
// small ones, whole and in pieces, and every pipelined request after the first.
void http_request(std::string_view input);
// A query string, form body, cookie header or path: percent_decode,
// percent_encode, parse_form, parse_cookies.
void url_encoding(std::string_view input);
// An API request body: parse_json_object, then fields read as the API does.
void json_body(std::string_view input);
// A template source: compiles or throws std::runtime_error, and renders;
// html_escape of the input escapes everything.
void template_source(std::string_view input);
// A form body with a file: its first line is the Content-Type's boundary
// parameter, the rest the body; every field and file is a piece of the body.
void multipart(std::string_view input);
// An uploaded photo: refused with a PhotoError, or a square JPEG of the size asked.
void photo(std::string_view input);

}  // namespace gezicht::fuzz
