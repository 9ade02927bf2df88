#pragma once
// multipart/form-data (RFC 7578), as a browser sends a form with a file: the
// text fields and the files, read from a body the server has already limited
// in size. Nothing of a file is interpreted here; its bytes go to whoever
// asked for them (a photo to src/image, which decodes and re-encodes it).

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gezicht::web {

struct UploadedFile {
  std::string filename;      // as the browser named it: shown, never used as a path
  std::string content_type;  // as declared: never trusted (the decoder reads the bytes)
  std::string data;
};

struct MultipartForm {
  std::map<std::string, std::string> fields;
  std::map<std::string, UploadedFile> files;  // by field name; a file field left empty is absent
};

// At most this many parts; a form here has a handful.
inline constexpr std::size_t multipart_max_parts = 32;

// The boundary of a "multipart/form-data; boundary=..." content type;
// nullopt for another type or a boundary RFC 2046 does not allow.
std::optional<std::string> multipart_boundary(std::string_view content_type);
// nullopt when the body is not well-formed multipart with this boundary
// (no closing delimiter, a part without Content-Disposition form-data and a
// name, too many parts, a field name used twice).
std::optional<MultipartForm> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace gezicht::web
