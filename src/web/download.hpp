#pragma once
// A table offered as a file: CSV or XLSX, with the name it is saved under.

#include <string>

#include "web/http.hpp"

namespace gezicht::web {

// `format` is "csv" or "xlsx" (anything else is a programming error).
Response file_download(std::string body, const std::string& format, const std::string& file_name);

}  // namespace gezicht::web
