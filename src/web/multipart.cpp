#include "web/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace gezicht::web {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A parameter of a header value: name="value" (quoted, with \" escapes) or name=token.
std::optional<std::string> parameter(std::string_view value, std::string_view name) {
  std::size_t at = value.find(';');
  while (at != std::string_view::npos) {
    std::string_view rest = trim(value.substr(at + 1));
    const auto eq = rest.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string key = lower(trim(rest.substr(0, eq)));
    rest = trim(rest.substr(eq + 1));
    std::string parsed;
    std::size_t consumed = 0;
    if (!rest.empty() && rest.front() == '"') {
      std::size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        parsed += rest[i];
      }
      if (i >= rest.size()) return std::nullopt;  // no closing quote
      consumed = i + 1;
    } else {
      consumed = std::min(rest.find(';'), rest.size());
      parsed = std::string(trim(rest.substr(0, consumed)));
    }
    if (key == name) return parsed;
    const auto next = rest.find(';', consumed);
    if (next == std::string_view::npos) return std::nullopt;
    at = static_cast<std::size_t>(rest.data() + next - value.data());
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (lower(trim(content_type.substr(0, semicolon))) != "multipart/form-data") return std::nullopt;
  auto boundary = parameter(content_type, "boundary");
  // RFC 2046 5.1.1: 1 to 70 characters of a small set, not ending in a space.
  static constexpr std::string_view allowed =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";
  if (!boundary || boundary->empty() || boundary->size() > 70 || boundary->back() == ' ' ||
      boundary->find_first_not_of(allowed) != std::string::npos) {
    return std::nullopt;
  }
  return boundary;
}

std::optional<MultipartForm> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;
  MultipartForm form;
  // The first delimiter starts the body or a line (a preamble before it is ignored).
  std::size_t at = 0;
  if (!body.starts_with(delimiter)) {
    at = body.find(next_delimiter);
    if (at == std::string_view::npos) return std::nullopt;
    at += 2;
  }
  at += delimiter.size();
  std::size_t parts = 0;
  for (;;) {
    if (body.substr(at, 2) == "--") return form;  // the closing delimiter (an epilogue after it is ignored)
    // Transport padding, then the line break that starts the part.
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    if (++parts > multipart_max_parts) return std::nullopt;
    const auto headers_end = body.find("\r\n\r\n", at);
    const auto content_end = body.find(next_delimiter, at);
    if (content_end == std::string_view::npos) return std::nullopt;
    std::string_view headers;
    std::string_view content;
    if (headers_end != std::string_view::npos && headers_end + 4 <= content_end) {
      headers = body.substr(at, headers_end - at);
      content = body.substr(headers_end + 4, content_end - headers_end - 4);
    } else if (headers_end != std::string_view::npos && headers_end + 2 == content_end) {
      // An empty part: its blank line's CRLF is the delimiter's own.
      headers = body.substr(at, headers_end - at);
    } else if (body.substr(at, 2) == "\r\n") {
      content = body.substr(at + 2, content_end - at - 2);  // no headers at all
    } else {
      return std::nullopt;
    }
    std::optional<std::string> name;
    std::optional<std::string> filename;
    std::string content_type;
    bool form_data = false;
    std::size_t line_start = 0;
    while (line_start <= headers.size() && !headers.empty()) {
      const auto line_end = std::min(headers.find("\r\n", line_start), headers.size());
      const std::string_view line = headers.substr(line_start, line_end - line_start);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      const std::string field = lower(trim(line.substr(0, colon)));
      const std::string_view value = trim(line.substr(colon + 1));
      if (field == "content-disposition") {
        form_data = lower(trim(value.substr(0, value.find(';')))) == "form-data";
        name = parameter(value, "name");
        filename = parameter(value, "filename");
      } else if (field == "content-type") {
        content_type = std::string(value);
      }
      if (line_end == headers.size()) break;
      line_start = line_end + 2;
    }
    if (!form_data || !name || name->empty()) return std::nullopt;
    if (form.fields.contains(*name) || form.files.contains(*name)) return std::nullopt;
    if (filename) {
      // A file field left empty: the browser sends an empty filename and no bytes.
      if (!filename->empty() || !content.empty()) {
        form.files[*name] = UploadedFile{*filename, content_type, std::string(content)};
      }
    } else {
      form.fields[*name] = std::string(content);
    }
    at = content_end + next_delimiter.size();
  }
}

}  // namespace gezicht::web
