// Where a login form may send the browser afterwards: a page of this site,
// or else the role's home.

#include "web/pages/staff_pages.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gezicht::web {
namespace {

// Where the person lands without a next page: their role's home.
const std::string home = "/mijn-start";

TEST(SafeNext, LocalPathsAreKept) {
  EXPECT_EQ(safe_next("/inbox", home), "/inbox");
  EXPECT_EQ(safe_next("/", home), "/");
  EXPECT_EQ(safe_next("/verzoeken/GZ-7K3M-Q9XD", home), "/verzoeken/GZ-7K3M-Q9XD");
  EXPECT_EQ(safe_next("/inbox?filter=overdue", home), "/inbox?filter=overdue");
}

TEST(SafeNext, EverythingElseGoesHome) {
  for (const char* bad : {"//evil.example", "//evil.example/inbox", "/\\evil", "/\\/evil.example", "https://evil",
                          "http://evil.example/inbox", "", "evil.example", "javascript:alert(1)", " /inbox",
                          "\\\\evil.example", "inbox"}) {
    EXPECT_EQ(safe_next(bad, home), home) << '"' << bad << '"';
  }
}

// Browsers remove tab, CR and LF from a URL before parsing it (WHATWG URL
// standard), so "/<TAB>/evil.example" becomes "//evil.example": a redirect
// to another site. A CR LF in the Location header would also be header
// injection (Boost.Beast 1.81 does not check field values). The value comes
// decoded from the form (next=%2F%09%2Fevil.example), so an attacker
// controls these bytes. Regression test: these used to be passed through.
TEST(SafeNext, ControlCharactersCannotSmuggleASecondSlash) {
  EXPECT_EQ(safe_next("/\t/evil.example", home), home);
  EXPECT_EQ(safe_next("/\n/evil.example", home), home);
  EXPECT_EQ(safe_next("/\r\n/evil.example", home), home);
  EXPECT_EQ(safe_next("/inbox\r\nSet-Cookie: gz_session=x", home), home);
}

}  // namespace
}  // namespace gezicht::web
