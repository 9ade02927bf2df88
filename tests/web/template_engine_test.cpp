// The Mustache subset: values, sections, inverted sections, escaping,
// standalone lines and the errors a broken template gives.

#include "web/template_engine.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace gezicht::web {
namespace {

std::string render(std::string_view source, const TemplateData& data) { return CompiledTemplate(source).render(data); }

TEST(TemplateEngine, EscapesValuesByDefault) {
  TemplateData data;
  data.set("name", "<b>Tom & \"Jerry\" 's</b>");
  EXPECT_EQ(render("Hi {{name}}!", data), "Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot; &apos;s&lt;/b&gt;!");
  EXPECT_EQ(render("{{{name}}}", data), "<b>Tom & \"Jerry\" 's</b>");
  EXPECT_EQ(render("{{& name}}", data), "<b>Tom & \"Jerry\" 's</b>");
  EXPECT_EQ(render("{{ name }}", data), render("{{name}}", data));
}

TEST(TemplateEngine, MissingValuesAndNonTextsPrintNothing) {
  TemplateData data;
  data.set("flag", true);
  data.set("object", TemplateData());
  data.set("list", TemplateList{TemplateData("a")});
  EXPECT_EQ(render("[{{missing}}{{flag}}{{object}}{{list}}]", data), "[]");
}

TEST(TemplateEngine, SectionsFollowMustacheTruthiness) {
  TemplateData data;
  data.set("yes", true);
  data.set("no", false);
  data.set("empty", TemplateList{});
  data.set("text", "");
  data.set("object", TemplateData());
  EXPECT_EQ(render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#empty}}E{{/empty}}{{#missing}}M{{/missing}}", data), "Y");
  EXPECT_EQ(render("{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^empty}}E{{/empty}}{{^missing}}M{{/missing}}", data), "NEM");
  // An empty text and an empty object are not false (only false and [] are).
  EXPECT_EQ(render("{{#text}}T{{/text}}{{#object}}O{{/object}}", data), "TO");
}

TEST(TemplateEngine, ListsRepeatWithEachItemOnTopOfTheContext) {
  TemplateList people;
  for (const char* name : {"Anna", "Bram", "Chaima"}) {
    TemplateData person;
    person.set("name", name);
    people.push_back(std::move(person));
  }
  TemplateData data;
  data.set("people", std::move(people));
  data.set("team", "Noord");
  EXPECT_EQ(render("{{#people}}{{name}} ({{team}}); {{/people}}", data),
            "Anna (Noord); Bram (Noord); Chaima (Noord); ");
  data.set("letters", TemplateList{TemplateData("x"), TemplateData("<y>")});
  EXPECT_EQ(render("{{#letters}}[{{.}}]{{/letters}}", data), "[x][&lt;y&gt;]");
}

TEST(TemplateEngine, InnerNamesHideOuterOnesInsideASection) {
  TemplateData inner;
  inner.set("name", "inner");
  TemplateData data;
  data.set("name", "outer");
  data.set("child", std::move(inner));
  EXPECT_EQ(render("{{name}}/{{#child}}{{name}}{{/child}}/{{name}}", data), "outer/inner/outer");
}

TEST(TemplateEngine, SetReplacesAnExistingKey) {
  TemplateData data;
  data.set("a", "1");
  data.set("a", "2");
  EXPECT_EQ(render("{{a}}", data), "2");
  ASSERT_NE(data.get("a"), nullptr);
  EXPECT_EQ(data.get("b"), nullptr);
  TemplateData text("t");
  EXPECT_EQ(text.get("a"), nullptr);
  EXPECT_THROW(text.set("a", "x"), std::logic_error);
}

// Objects with many keys (the household page's top object has some sixty):
// every key stays reachable, replacing keeps one entry, and absent keys
// (including ones of a small object inside it) are still absent.
TEST(TemplateEngine, LargeObjectsFindEveryKey) {
  TemplateData data;
  for (int i = 0; i < 300; ++i) data.set("key" + std::to_string(i), TemplateData("value" + std::to_string(i)));
  for (int i = 0; i < 300; ++i) {
    const auto* found = data.get("key" + std::to_string(i));
    ASSERT_NE(found, nullptr) << i;
    EXPECT_EQ(found->text(), "value" + std::to_string(i));
  }
  EXPECT_EQ(data.get("key300"), nullptr);
  EXPECT_EQ(data.get(""), nullptr);
  data.set("key7", TemplateData("seven"));
  EXPECT_EQ(data.get("key7")->text(), "seven");
  TemplateData inner;
  inner.set("own", TemplateData("inner"));
  data.set("inner", inner);
  const CompiledTemplate page("{{key0}} {{key299}} {{#inner}}{{own}} {{key7}}{{/inner}} {{missing}}.");
  EXPECT_EQ(page.render(data), "value0 value299 inner seven .");
  // A copy keeps its table.
  const TemplateData copy = data;
  EXPECT_EQ(copy.get("key150")->text(), "value150");
}

TEST(TemplateEngine, StandaloneBlockTagLinesLeaveNoBlankLines) {
  TemplateData data;
  data.set("show", true);
  const std::string source =
      "<ul>\n"
      "  {{#show}}\n"
      "  <li>a</li>\n"
      "  {{/show}}\n"
      "  {{! a comment }}\n"
      "</ul>\n";
  EXPECT_EQ(render(source, data), "<ul>\n  <li>a</li>\n</ul>\n");
  data.set("show", false);
  EXPECT_EQ(render(source, data), "<ul>\n</ul>\n");
  // A tag sharing its line with content keeps the line's whitespace.
  EXPECT_EQ(render("a\n  {{#show}}x{{/show}}\nb", TemplateData()), "a\n  \nb");
  // Variables are never standalone.
  EXPECT_EQ(render("a\n  {{missing}}\nb", TemplateData()), "a\n  \nb");
}

TEST(TemplateEngine, BrokenTemplatesNameTheLine) {
  auto error_of = [](std::string_view source) -> std::string {
    try {
      CompiledTemplate compiled(source);
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of("a\n{{#x}}\nb"), "template line 2: section {{#x}} is never closed");
  EXPECT_EQ(error_of("{{#x}}\n{{/y}}"), "template line 2: {{/y}} closes {{#x}} of line 1");
  EXPECT_EQ(error_of("{{/x}}"), "template line 1: {{/x}} closes no section");
  EXPECT_EQ(error_of("a {{name"), "template line 1: unclosed tag");
  EXPECT_EQ(error_of("{{{name}}"), "template line 1: unclosed tag");
  EXPECT_EQ(error_of("{{=<% %>=}}"), "template line 1: delimiter changes are not supported");
  EXPECT_EQ(error_of("{{}}"), "template line 1: a tag without a name");
  EXPECT_EQ(error_of("\n\n{{a.b}}"), "template line 3: dotted names are not supported: a.b");
}

TEST(TemplatePartials, RenderWithTheContextWhereTheyStand) {
  const PartialSources partials{{"person", "<b>{{name}}</b> ({{team}})"}};
  TemplateList people;
  for (const char* name : {"Anna", "<Bram>"}) {
    TemplateData person;
    person.set("name", name);
    people.push_back(std::move(person));
  }
  TemplateData data;
  data.set("people", std::move(people));
  data.set("team", "Noord & Oost");
  data.set("name", "top");
  const CompiledTemplate page("{{> person}}|{{#people}}{{> person}};{{/people}}", partials);
  // Escaped as everywhere else: a partial's values are no exception.
  EXPECT_EQ(page.render(data),
            "<b>top</b> (Noord &amp; Oost)|<b>Anna</b> (Noord &amp; Oost);<b>&lt;Bram&gt;</b> (Noord &amp; Oost);");
}

TEST(TemplatePartials, NestAndKeepTheirOwnSections) {
  const PartialSources partials{
      {"list", "<ul>\n{{#items}}\n{{> item}}\n{{/items}}\n</ul>\n"},
      {"item", "<li>{{.}}{{^last}},{{/last}}</li>\n"},
  };
  TemplateData data;
  data.set("items", TemplateList{TemplateData("a"), TemplateData("<b>")});
  // The standalone partial tags leave no blank lines.
  EXPECT_EQ(CompiledTemplate("<nav>\n  {{> list}}\n</nav>\n", partials).render(data),
            "<nav>\n<ul>\n<li>a,</li>\n<li>&lt;b&gt;,</li>\n</ul>\n</nav>\n");
  // Parsed once: the compiled template keeps no reference to the sources.
  const auto compiled = [&] {
    PartialSources temporary = partials;
    return CompiledTemplate("{{> list}}", temporary);
  }();
  EXPECT_EQ(compiled.render(data), "<ul>\n<li>a,</li>\n<li>&lt;b&gt;,</li>\n</ul>\n");
}

TEST(TemplatePartials, AMissingPartialIsRefusedWhenParsed) {
  const PartialSources partials{{"known", "ok {{> missing}}"}};
  const auto error_of = [&](std::string_view source) -> std::string {
    try {
      CompiledTemplate compiled(source, partials);
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of("a\n{{> nowhere}}"), "template line 2: unknown partial {{> nowhere}}");
  EXPECT_EQ(error_of("{{> known}}"), "partial known: template line 1: unknown partial {{> missing}}");
  EXPECT_EQ(error_of("{{#x}}{{> nowhere}}{{/x}}"), "template line 1: unknown partial {{> nowhere}}");
}

TEST(TemplatePartials, ACycleIsRefusedWhenParsed) {
  const auto error_of = [](std::string_view source, const PartialSources& partials) -> std::string {
    try {
      CompiledTemplate compiled(source, partials);
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of("{{> self}}", {{"self", "again {{> self}}"}}),
            "partial self: template line 1: partial cycle: self > self");
  EXPECT_EQ(error_of("{{> a}}", {{"a", "{{> b}}"}, {"b", "\n{{#x}}{{> a}}{{/x}}"}}),
            "partial b: template line 2: partial cycle: a > b > a");
  // The same partial twice side by side is no cycle.
  EXPECT_EQ(error_of("{{> a}}{{> a}}", {{"a", "{{> b}}"}, {"b", "x"}}), "no error");
}

TEST(TemplateEngine, TextWithoutTagsIsCopied) {
  EXPECT_EQ(render("", TemplateData()), "");
  EXPECT_EQ(render("plain } { text", TemplateData()), "plain } { text");
}

TEST(HtmlEscape, EscapesTheFiveCharacters) {
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("plain"), "plain");
  EXPECT_EQ(html_escape("&<>\"'"), "&amp;&lt;&gt;&quot;&apos;");
  EXPECT_EQ(html_escape("a&b"), "a&amp;b");
  EXPECT_EQ(html_escape(std::string_view("x\0y", 3)), std::string("x\0y", 3));
}

}  // namespace
}  // namespace gezicht::web
