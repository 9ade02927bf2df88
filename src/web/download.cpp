#include "web/download.hpp"

#include <stdexcept>

namespace gezicht::web {

Response file_download(std::string body, const std::string& format, const std::string& file_name) {
  if (format != "csv" && format != "xlsx") throw std::invalid_argument("file_download: no format " + format);
  Response response;
  response.body = std::move(body);
  response.content_type =
      format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  response.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return response;
}

}  // namespace gezicht::web
