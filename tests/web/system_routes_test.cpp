// Generated initials avatars.

#include "web/system_routes.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace gezicht::web {
namespace {

// A small XML well-formedness check, enough for the avatar: tags nest and
// close, attribute values are quoted, and text and attribute values hold no
// raw '<' and only known entities after '&'.
::testing::AssertionResult well_formed_xml(const std::string& xml) {
  auto bad_entity = [](const std::string& text, std::size_t at) {
    static const std::vector<std::string> entities{"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"};
    for (const auto& entity : entities) {
      if (text.compare(at, entity.size(), entity) == 0) return false;
    }
    return true;
  };
  std::vector<std::string> open;
  std::size_t i = 0;
  bool root_seen = false;
  while (i < xml.size()) {
    if (xml[i] == '<') {
      const bool closing = i + 1 < xml.size() && xml[i + 1] == '/';
      std::size_t j = i + (closing ? 2 : 1);
      std::string name;
      while (j < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[j])) || xml[j] == '-' || xml[j] == ':')) {
        name += xml[j++];
      }
      if (name.empty()) return ::testing::AssertionFailure() << "bad tag at " << i;
      bool self_closing = false;
      // Attributes.
      while (j < xml.size() && xml[j] != '>') {
        if (xml[j] == '/' && j + 1 < xml.size() && xml[j + 1] == '>') {
          self_closing = true;
          ++j;
          break;
        }
        if (xml[j] == '"') {
          const auto end = xml.find('"', j + 1);
          if (end == std::string::npos) return ::testing::AssertionFailure() << "unclosed quote at " << j;
          for (std::size_t k = j + 1; k < end; ++k) {
            if (xml[k] == '<') return ::testing::AssertionFailure() << "'<' in attribute at " << k;
            if (xml[k] == '&' && bad_entity(xml, k)) return ::testing::AssertionFailure() << "bad '&' at " << k;
          }
          j = end + 1;
          continue;
        }
        if (xml[j] == '<' || xml[j] == '\'') return ::testing::AssertionFailure() << "unexpected char at " << j;
        ++j;
      }
      if (j >= xml.size()) return ::testing::AssertionFailure() << "unclosed tag at " << i;
      if (closing) {
        if (open.empty() || open.back() != name) return ::testing::AssertionFailure() << "mismatched </" << name << ">";
        open.pop_back();
      } else {
        if (open.empty() && root_seen) return ::testing::AssertionFailure() << "second root element";
        root_seen = true;
        if (!self_closing) open.push_back(name);
      }
      i = j + 1;
    } else {
      if (open.empty()) return ::testing::AssertionFailure() << "text outside the root at " << i;
      if (xml[i] == '>') return ::testing::AssertionFailure() << "raw '>' in text at " << i;
      if (xml[i] == '&' && bad_entity(xml, i)) return ::testing::AssertionFailure() << "bad '&' at " << i;
      ++i;
    }
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "<" << open.back() << "> not closed";
  if (!root_seen) return ::testing::AssertionFailure() << "no element";
  return ::testing::AssertionSuccess();
}

std::string text_content(const std::string& svg) {
  const auto open = svg.find("<text");
  const auto start = svg.find('>', open) + 1;
  const auto end = svg.find("</text>", start);
  return svg.substr(start, end - start);
}

TEST(XmlCheck, CatchesBrokenMarkup) {
  EXPECT_TRUE(well_formed_xml("<svg><text x=\"1\">A&amp;B</text></svg>"));
  EXPECT_FALSE(well_formed_xml("<svg><text>A&B</text></svg>"));
  EXPECT_FALSE(well_formed_xml("<svg><text><B</text></svg>"));
  EXPECT_FALSE(well_formed_xml("<svg><text>AB</svg>"));
  EXPECT_FALSE(well_formed_xml("<svg x=\"<\"></svg>"));
}

TEST(InitialsAvatar, PlainName) {
  const std::string svg = initials_avatar_svg(7, "Jan de Vries");
  EXPECT_TRUE(well_formed_xml(svg)) << svg;
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << svg;
  EXPECT_TRUE(svg.ends_with("</svg>")) << svg;
  EXPECT_EQ(text_content(svg), "JV");
}

TEST(InitialsAvatar, EscapesMarkupInTheName) {
  for (const char* name :
       {"<script>alert(1)</script> Evil", "<b & Co", "& <", "\"quoted\" 'Name'", "<<<", "A&B C<D", "Tom & Jerry"}) {
    const std::string svg = initials_avatar_svg(1, name);
    EXPECT_TRUE(well_formed_xml(svg)) << name << "\n" << svg;
    EXPECT_EQ(svg.find("<script"), std::string::npos) << svg;
  }
  EXPECT_EQ(text_content(initials_avatar_svg(1, "<b & Co")), "&lt;C");
  EXPECT_EQ(text_content(initials_avatar_svg(1, "& <")), "&amp;&lt;");
  EXPECT_EQ(text_content(initials_avatar_svg(1, "\"x\" 'Y'")), "&quot;&apos;");
}

TEST(InitialsAvatar, UnicodeAndEmptyNames) {
  EXPECT_EQ(text_content(initials_avatar_svg(3, "Ümit Öztürk")), "ÜÖ");
  EXPECT_EQ(text_content(initials_avatar_svg(3, "")), "?");
  EXPECT_TRUE(well_formed_xml(initials_avatar_svg(3, "")));
}

TEST(InitialsAvatar, ColourDependsOnIdAndIsStable) {
  std::set<std::string> colours;
  for (std::int64_t id = 0; id < 16; ++id) {
    const std::string svg = initials_avatar_svg(id, "Jan");
    const auto at = svg.find("fill=\"#");
    ASSERT_NE(at, std::string::npos) << svg;
    colours.insert(svg.substr(at + 6, 7));
    EXPECT_EQ(svg, initials_avatar_svg(id, "Jan"));
    EXPECT_EQ(svg, initials_avatar_svg(id + 8, "Jan")) << "eight colours, by id";
  }
  EXPECT_EQ(colours.size(), 8u);
  // A negative id must not index outside the palette.
  EXPECT_TRUE(well_formed_xml(initials_avatar_svg(-1, "Jan")));
}

}  // namespace
}  // namespace gezicht::web
