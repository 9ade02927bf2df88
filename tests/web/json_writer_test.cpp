#include "web/json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>

namespace gezicht::web {
namespace {

std::string as_json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonWriterTest, WritesNestedObjectsAndArraysThatParseBack) {
  JsonWriter out;
  out.begin_object();
  out.key("id").value(std::int64_t{42}).key("name").value("Fatima").key("active").value(true);
  out.key("none").null().key("score").value(0.25);
  out.key("list").begin_array().value(1).value("twee").begin_object().end_object().begin_array().end_array();
  out.end_array();
  out.key("maybe").value(std::optional<std::string>()).key("year").value(std::optional<int>(1984));
  out.end_object();
  const auto text = out.take();
  EXPECT_EQ(text, R"({"id":42,"name":"Fatima","active":true,"none":null,"score":0.25,"list":[1,"twee",{},[]],)"
                  R"("maybe":null,"year":1984})");
  EXPECT_EQ(nlohmann::json::parse(text)["list"][1], "twee");
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(as_json_string("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(as_json_string("regel\nregel\ttab\r\b\f"), R"("regel\nregel\ttab\r\b\f")");
  EXPECT_EQ(as_json_string(std::string("\x01\x1f", 2)), R"("\u0001\u001f")");
  EXPECT_EQ(as_json_string(std::string("nul\0!", 5)), R"("nul\u0000!")");
  EXPECT_EQ(as_json_string("</script>"), R"("</script>")");
}

TEST(JsonWriterTest, KeepsValidUtf8AndReplacesWhatIsNot) {
  EXPECT_EQ(as_json_string("Koç, Ελλάδα, 😀"), "\"Koç, Ελλάδα, 😀\"");
  EXPECT_EQ(as_json_string("a\xff"
                           "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  // A truncated sequence, an overlong form and an encoded surrogate.
  EXPECT_EQ(as_json_string("\xC3"), "\"\xEF\xBF\xBD\"");
  EXPECT_EQ(as_json_string("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(as_json_string("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonWriterTest, AgreesWithNlohmannOnEveryByte) {
  // Every single byte and every pair of a few interesting bytes: the text
  // nlohmann reads back is the text nlohmann itself writes with replacement.
  const std::string interesting = std::string("\x00\x1f \"\\a\x7f\x80\xbf\xc2\xc3\xe0\xed\xef\xf0\xf4\xff", 17);
  std::vector<std::string> inputs;
  for (int b = 0; b < 256; ++b) inputs.emplace_back(1, static_cast<char>(b));
  for (char a : interesting)
    for (char b : interesting) inputs.push_back(std::string{a, b});
  for (const auto& input : inputs) {
    const auto expected = nlohmann::json(input).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    EXPECT_EQ(nlohmann::json::parse(as_json_string(input)), nlohmann::json::parse(expected))
        << "input bytes: "
        << nlohmann::json(nlohmann::json::binary_t(std::vector<std::uint8_t>(input.begin(), input.end())));
  }
}

TEST(JsonWriterTest, NumbersReadBackExactly) {
  for (double number : {0.0, 1.0, 1.0 / 3.0, 2.0 / 3.0, 0.1, 1e-7, 123456.789}) {
    JsonWriter out;
    out.value(number);
    EXPECT_EQ(nlohmann::json::parse(out.take()).get<double>(), number);
  }
  JsonWriter out;
  out.begin_array().value(std::numeric_limits<std::int64_t>::min()).value(std::numeric_limits<std::int64_t>::max());
  out.end_array();
  EXPECT_EQ(out.take(), "[-9223372036854775808,9223372036854775807]");
}

TEST(JsonWriterTest, RefusesWhatIsNotJson) {
  EXPECT_THROW(JsonWriter().value(std::numeric_limits<double>::quiet_NaN()), std::logic_error);
  EXPECT_THROW(JsonWriter().value(std::numeric_limits<double>::infinity()), std::logic_error);
  EXPECT_THROW(JsonWriter().begin_object().value(1), std::logic_error);               // no key
  EXPECT_THROW(JsonWriter().begin_array().key("x"), std::logic_error);                // key in array
  EXPECT_THROW(JsonWriter().begin_object().key("a").key("b"), std::logic_error);      // two keys
  EXPECT_THROW(JsonWriter().begin_object().key("a").end_object(), std::logic_error);  // key without value
  EXPECT_THROW(JsonWriter().begin_object().end_array(), std::logic_error);            // wrong bracket
  EXPECT_THROW(JsonWriter().end_object(), std::logic_error);
  EXPECT_THROW(JsonWriter().value(1).value(2), std::logic_error);  // two top-level values
  EXPECT_THROW(JsonWriter().begin_array().take(), std::logic_error);
  EXPECT_THROW(JsonWriter().take(), std::logic_error);
}

}  // namespace
}  // namespace gezicht::web
