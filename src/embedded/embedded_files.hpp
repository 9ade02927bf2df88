#pragma once
// Files compiled into the binary at build time (cmake/embed_run.cmake):
// templates/, translations/, migrations/ and static/ of the source tree.

#include <map>
#include <string>
#include <string_view>

namespace gezicht::embedded {

// Path relative to the source root ("templates/layout.mustache") to content.
const std::map<std::string, std::string_view, std::less<>>& files();

}  // namespace gezicht::embedded
