#include "web/static_files.hpp"

#include <zlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "embedded/embedded_files.hpp"
#include "service/random.hpp"

namespace gezicht::web {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path + "; run `npm ci` in the project folder, or pass --assets");
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string gzip(const std::string& input) {
  z_stream stream{};
  if (deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, input.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
  out.resize(stream.total_out);
  return out;
}

std::string etag_of(const std::string& body) { return "\"" + service::blake2b_hex(body, 16) + "\""; }

}  // namespace

StaticFiles StaticFiles::load(const std::string& node_modules_dir) {
  StaticFiles files;
  files.add("utrecht.css", "text/css; charset=utf-8",
            read_file(node_modules_dir + "/@utrecht/component-library-css/dist/index.css"));
  files.add("theme.css", "text/css; charset=utf-8",
            read_file(node_modules_dir + "/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css"));
  for (const auto& [path, content] : embedded::files()) {
    if (path.starts_with("static/")) files.add(path.substr(7), "text/css; charset=utf-8", std::string(content));
  }
  return files;
}

void StaticFiles::add(const std::string& name, std::string content_type, std::string body) {
  StaticFile file;
  file.content_type = std::move(content_type);
  file.etag = etag_of(body);
  if (body.size() > 1024) file.gzip_body = gzip(body);
  file.body = std::move(body);
  files_[name] = std::move(file);
}

const StaticFile* StaticFiles::find(std::string_view name) const {
  auto found = files_.find(name);
  return found == files_.end() ? nullptr : &found->second;
}

}  // namespace gezicht::web
