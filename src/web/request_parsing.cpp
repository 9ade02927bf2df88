#include "web/request_parsing.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>

#include <algorithm>

#include "web/beast_request.hpp"

namespace gezicht::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim_whitespace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_decimal_number(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool is_upload_target(std::string_view method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  // "/prefix{digits}/suffix": an account's photo, by its number.
  const auto numbered = [&](std::string_view prefix, std::string_view suffix) {
    if (!path.starts_with(prefix) || !path.ends_with(suffix) || path.size() <= prefix.size() + suffix.size()) {
      return false;
    }
    const auto digits = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    return digits.size() <= 18 &&
           std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  // Only the routes that take a photo (web/pages/photo_pages.cpp, web/api/photo_api.cpp).
  if (method == "POST") return path == "/account/foto" || numbered("/beheer/gebruikers/", "/foto");
  if (method == "PUT") return path == "/api/v1/me/photo" || numbered("/api/v1/users/", "/photo");
  return false;
}

void configure_parser(BeastRequestParser& parser, const ServerLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  // Beast checks a Content-Length against this while it reads the header, so
  // it starts at the larger limit; check_header narrows it once the target is known.
  parser.body_limit(std::max(limits.max_body_bytes, limits.max_upload_bytes));
}

namespace {

std::optional<Refusal> framing_refusal(const BeastRequestParser& parser) {
  const auto& message = parser.get();
  std::size_t fields = 0;
  std::size_t lengths = 0;
  std::size_t encodings = 0;
  std::string_view encoding;
  for (const auto& field : message) {
    ++fields;
    if (field.name() == http::field::content_length) {
      ++lengths;
      // Beast takes "5, 5" as 5; a proxy may not. Only plain digits pass.
      if (!is_decimal_number(trim_whitespace(field.value()))) return Refusal{400, "Bad Content-Length"};
    } else if (field.name() == http::field::transfer_encoding) {
      ++encodings;
      encoding = field.value();
    }
  }
  if (fields > max_header_fields) return Refusal{431, "Too many header fields"};
  if (lengths > 1) return Refusal{400, "More than one Content-Length"};
  if (encodings == 0) return std::nullopt;
  if (lengths > 0) return Refusal{400, "Both Content-Length and Transfer-Encoding"};
  // RFC 9112 6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing.
  if (message.version() < 11) return Refusal{400, "Transfer-Encoding on HTTP/1.0"};
  if (encodings > 1) return Refusal{400, "More than one Transfer-Encoding"};
  // Without chunked last the length of the body cannot be known (RFC 9112 6.3);
  // Beast would read no body and take the body for the next request.
  if (!parser.chunked()) return Refusal{400, "Transfer-Encoding without chunked last"};
  if (!equals_ignoring_case(trim_whitespace(encoding), "chunked")) {
    return Refusal{501, "Transfer-Encoding other than chunked"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Refusal> check_header(BeastRequestParser& parser, const ServerLimits& limits) {
  if (auto refusal = framing_refusal(parser)) return refusal;
  const auto& message = parser.get();
  if (!is_upload_target(message.method_string(), message.target())) {
    const auto length = parser.content_length();
    if (length && *length > limits.max_body_bytes) return Refusal{413, "Request body too large"};
    // A chunked body is counted chunk by chunk from here on.
    parser.body_limit(limits.max_body_bytes);
  }
  return std::nullopt;
}

std::optional<Refusal> refusal_for(beast::error_code error) {
  if (error == http::error::end_of_stream || error == asio::error::eof || error == beast::error::timeout ||
      error == asio::error::operation_aborted || error == asio::error::connection_reset) {
    return std::nullopt;
  }
  if (error == http::error::header_limit) return Refusal{431, "Request headers too large"};
  if (error == http::error::body_limit) return Refusal{413, "Request body too large"};
  if (error == http::error::buffer_overflow) return Refusal{413, "Request too large"};
  return Refusal{400, "Bad request: " + error.message()};
}

Request to_request(const http::request<http::string_body>& message, std::string remote) {
  Request request;
  request.method = std::string(message.method_string());
  const std::string_view target = message.target();
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
  for (const auto& field : message)
    request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
  request.body = message.body();
  request.remote_address = std::move(remote);
  return request;
}

ParsedRequest parse_request(std::string_view bytes, const ServerLimits& limits, std::size_t piece_size) {
  ParsedRequest result;
  BeastRequestParser parser;
  configure_parser(parser, limits);
  const auto refuse = [&result](Refusal refusal) {
    result.state = ParsedRequest::State::refused;
    result.refusal = std::move(refusal);
    return result;
  };
  // received: what has arrived so far; consumed: what the parser has taken of
  // it. Like the server's read buffer, the parser never sees more than
  // read_buffer_limit unconsumed bytes at once.
  const std::size_t buffer_limit = read_buffer_limit(limits);
  std::size_t received = piece_size == 0 ? bytes.size() : std::min(piece_size, bytes.size());
  std::size_t consumed = 0;
  bool header_checked = false;
  for (;;) {
    const std::size_t buffered = std::min(received - consumed, buffer_limit);
    std::size_t used = 0;
    if (buffered > 0) {
      beast::error_code error;
      used = parser.put(asio::buffer(bytes.data() + consumed, buffered), error);
      consumed += used;
      if (error == http::error::need_more) error = {};
      if (error) return refuse(refusal_for(error).value_or(Refusal{400, "Bad request: " + error.message()}));
    }
    if (parser.is_header_done() && !header_checked) {
      header_checked = true;
      if (auto refusal = check_header(parser, limits)) return refuse(std::move(*refusal));
    }
    if (parser.is_done()) break;
    if (used == 0) {
      // The buffer is full of bytes the parser cannot use yet (http::error::buffer_overflow in the server).
      if (buffered == buffer_limit) return refuse(Refusal{413, "Request too large"});
      if (received == bytes.size()) return result;  // incomplete: the server would wait for more
      received = std::min(received + (piece_size == 0 ? bytes.size() : piece_size), bytes.size());
    }
  }
  result.state = ParsedRequest::State::complete;
  result.keep_alive = parser.get().keep_alive();
  result.request = to_request(parser.get(), {});
  result.consumed = consumed;
  return result;
}

}  // namespace gezicht::web
