// Templates: texts filled in escaped, every template compiles, values escaped.

#include "web/templates.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "embedded/embedded_files.hpp"

namespace gezicht::web {
namespace {

using Texts = std::map<std::string, std::string, std::less<>>;

const Translations& translations() {
  static const Translations loaded = Translations::load_embedded();
  return loaded;
}

const Templates& templates() {
  static const Templates compiled(translations());
  return compiled;
}

std::set<std::string> template_names() {
  std::set<std::string> names;
  for (const auto& [path, content] : embedded::files()) {
    // Partials are parts of pages, not pages: they are checked where they are included.
    if (path.starts_with("templates/") && !path.starts_with("templates/partials/") && path.ends_with(".mustache")) {
      names.insert(path.substr(10, path.size() - 10 - 9));
    }
  }
  return names;
}

TEST(FillTexts, ReplacesMarkers) {
  const Texts texts{{"a", "Hallo"}, {"b.c", "wereld"}};
  EXPECT_EQ(fill_texts("[[a]], [[b.c]]!", texts, "t.mustache"), "Hallo, wereld!");
  EXPECT_EQ(fill_texts("[[a]][[a]]", texts, "t.mustache"), "HalloHallo");
  EXPECT_EQ(fill_texts("no markers {{x}}", texts, "t.mustache"), "no markers {{x}}");
  EXPECT_EQ(fill_texts("", texts, "t.mustache"), "");
}

TEST(FillTexts, EscapesHtmlInTexts) {
  const Texts texts{{"k", "<b>Tom & Jerry's \"show\"</b>"}};
  EXPECT_EQ(fill_texts("<p>[[k]]</p>", texts, "t.mustache"),
            "<p>&lt;b&gt;Tom &amp; Jerry&apos;s &quot;show&quot;&lt;/b&gt;</p>");
}

TEST(FillTexts, UnknownKeyThrowsNamingFileAndKey) {
  const Texts texts{{"a", "x"}};
  try {
    fill_texts("ok [[a]] then [[missing.key]]", texts, "templates/page.mustache");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("templates/page.mustache"), std::string::npos) << what;
    EXPECT_NE(what.find("missing.key"), std::string::npos) << what;
  }
  EXPECT_THROW(fill_texts("[[]]", texts, "t"), std::runtime_error);
  EXPECT_THROW(fill_texts("[[A]]", texts, "t"), std::runtime_error);  // keys are case sensitive
}

TEST(FillTexts, UnclosedMarkerThrows) {
  const Texts texts{{"a", "x"}};
  EXPECT_THROW(fill_texts("[[a", texts, "t"), std::runtime_error);
  EXPECT_THROW(fill_texts("[[a]] [[a", texts, "t"), std::runtime_error);
}

TEST(Templates, AllEmbeddedTemplatesCompileForEveryLanguage) {
  ASSERT_NO_THROW({ Templates check(translations()); });
  const auto names = template_names();
  ASSERT_FALSE(names.empty());
  EXPECT_TRUE(names.contains("error"));
  EXPECT_TRUE(names.contains("layout"));
  for (const auto& language : translations().languages()) {
    for (const auto& name : names) {
      // A residents' language has the residents' pages (Templates::is_resident_page) and no others.
      if (!translations().is_complete(language) && !Templates::is_resident_page(name)) {
        EXPECT_THROW(templates().render(name, language, TemplateData{}), std::out_of_range) << language << "/" << name;
        continue;
      }
      std::string html;
      ASSERT_NO_THROW(html = templates().render(name, language, TemplateData{})) << language << "/" << name;
      EXPECT_FALSE(html.empty()) << language << "/" << name;
      EXPECT_EQ(html.find("[["), std::string::npos) << language << "/" << name << ": a text marker was left";
      EXPECT_EQ(html.find("{{"), std::string::npos) << language << "/" << name << ": a mustache tag was left";
    }
  }
}

TEST(Templates, PartialsAreIncludedNotRendered) {
  EXPECT_TRUE(template_names().contains("household/overview"));
  EXPECT_THROW(templates().render("partials/form_field", "nl", TemplateData{}), std::out_of_range);
  // The form field partial is in the household pages, escaping what it shows.
  TemplateData field;
  field.set("id", "x-name");
  field.set("name", "name");
  field.set("label", "Naam <b>");
  field.set("value", "\"><script>");
  field.set("is_text", true);
  field.set("type", "text");
  TemplateData data;
  data.set("field", std::move(field));
  const CompiledTemplate page(
      "{{#field}}{{> form_field}}{{/field}}",
      {{"form_field", std::string(embedded::files().at("templates/partials/form_field.mustache"))}});
  const std::string html = page.render(data);
  EXPECT_NE(html.find("<label class=\"utrecht-form-label\" for=\"x-name\">Naam &lt;b&gt;</label>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("value=\"&quot;&gt;&lt;script&gt;\""), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
}

TEST(Templates, ErrorPageEscapesTheMessage) {
  TemplateData data;
  data.set("message", "<script>alert(1)</script>");
  for (const auto& language : translations().languages()) {
    const std::string html = templates().render("error", language, data);
    EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << html;
  }
}

TEST(Templates, ErrorPageEscapesQuotesAndAmpersands) {
  TemplateData data;
  data.set("message", "a & b \"c\" 'd'");
  const std::string html = templates().render("error", "nl", data);
  EXPECT_NE(html.find("a &amp; b &quot;c&quot; &apos;d&apos;"), std::string::npos) << html;
}

TEST(Templates, ErrorPageIsInTheRequestedLanguage) {
  TemplateData data;
  data.set("message", "x");
  const std::string nl = templates().render("error", "nl", data);
  const std::string en = templates().render("error", "en", data);
  // The translated texts are filled in escaped, as fill_texts would.
  EXPECT_NE(nl.find(html_escape(translations().text("nl", "error.title"))), std::string::npos) << nl;
  EXPECT_NE(en.find(html_escape(translations().text("en", "error.title"))), std::string::npos) << en;
  EXPECT_NE(nl, en);
}

TEST(Templates, UnknownTemplateOrLanguageThrows) {
  EXPECT_THROW(templates().render("no_such_template", "nl", TemplateData{}), std::out_of_range);
  EXPECT_THROW(templates().render("error", "de", TemplateData{}), std::out_of_range);
}

}  // namespace
}  // namespace gezicht::web
