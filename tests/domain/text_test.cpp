// Text rules shared by the validators.

#include "domain/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gezicht::domain {
namespace {

using namespace std::string_literals;

TEST(Text, TrimView) {
  EXPECT_EQ(trim_view("  a b  "), "a b");
  EXPECT_EQ(trim_view("\t\r\n a \v\f"), "a");
  EXPECT_EQ(trim_view("   "), "");
  EXPECT_EQ(trim_view(""), "");
  EXPECT_EQ(trim_view("x"), "x");
}

TEST(Text, CollapseSpaces) {
  EXPECT_EQ(collapse_spaces("  Jan   de\tVries \n"), "Jan de Vries");
  EXPECT_EQ(collapse_spaces("a \t\n\r b"), "a b");
  EXPECT_EQ(collapse_spaces("a\n\nb\n\nc"), "a b c");
  EXPECT_EQ(collapse_spaces(""), "");
  EXPECT_EQ(collapse_spaces(" \t\n "), "");
  EXPECT_EQ(collapse_spaces("één"), "één");
  EXPECT_EQ(collapse_spaces("Koç  Ümit"), "Koç Ümit");
  // Only white space is folded: control characters stay for the validators.
  EXPECT_EQ(collapse_spaces("a\x01 b"), "a\x01 b");
}

TEST(Text, ValidUtf8) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("Koç"));
  EXPECT_TRUE(is_valid_utf8("€"));
  EXPECT_TRUE(is_valid_utf8("😀"));
  EXPECT_TRUE(is_valid_utf8("مرحبا"));
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));          // U+0080, smallest two-byte
  EXPECT_TRUE(is_valid_utf8("\xE0\xA0\x80"));      // U+0800, smallest three-byte
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000, smallest four-byte
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(is_valid_utf8("a\0b"s));             // NUL is valid UTF-8 (a control character)
}

TEST(Text, InvalidUtf8Overlong) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // "modified UTF-8" NUL
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(Text, InvalidUtf8Surrogates) {
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair for an emoji
}

TEST(Text, InvalidUtf8TruncatedAndStray) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));
  EXPECT_FALSE(is_valid_utf8("a\xE2\x82"));
  EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));
  EXPECT_FALSE(is_valid_utf8("\xE2\x82 a"));  // continuation replaced by a space
  EXPECT_FALSE(is_valid_utf8("\x80"));        // stray continuation byte
  EXPECT_FALSE(is_valid_utf8("ab\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xFE\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // five-byte form
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF7\xBF\xBF\xBF"));
}

TEST(Text, Utf8Length) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("Koç"), 3u);
  EXPECT_EQ(utf8_length("€"), 1u);
  EXPECT_EQ(utf8_length("😀"), 1u);
  EXPECT_EQ(utf8_length("één"), 3u);
  EXPECT_EQ(utf8_length("Ümit 😀 €"), 8u);
  EXPECT_EQ(utf8_length("مرحبا"), 5u);
}

TEST(Text, CleanLine) {
  EXPECT_TRUE(is_clean_line("Jan de Vries"));
  EXPECT_TRUE(is_clean_line("Elif Koç"));
  EXPECT_TRUE(is_clean_line(""));
  EXPECT_FALSE(is_clean_line("a\nb"));
  EXPECT_FALSE(is_clean_line("a\tb"));
  EXPECT_FALSE(is_clean_line("a\rb"));
  EXPECT_FALSE(is_clean_line("a\x01"));
  EXPECT_FALSE(is_clean_line("a\x1f"));
  EXPECT_FALSE(is_clean_line("a\x7f"));
  EXPECT_FALSE(is_clean_line("a\0b"s));
  EXPECT_FALSE(is_clean_line("a\xC3"));
}

TEST(Text, CleanText) {
  EXPECT_TRUE(is_clean_text("regel 1\nregel 2\r\n\tregel 3"));
  EXPECT_TRUE(is_clean_text("Koç"));
  EXPECT_FALSE(is_clean_text("a\x07"));
  EXPECT_FALSE(is_clean_text("a\x0b"));  // vertical tab
  EXPECT_FALSE(is_clean_text("a\x0c"));  // form feed
  EXPECT_FALSE(is_clean_text("a\x1b[2J"));
  EXPECT_FALSE(is_clean_text("a\x7f"));
  EXPECT_FALSE(is_clean_text("a\0b"s));
  EXPECT_FALSE(is_clean_text("\xED\xA0\x80"));
}

// "No control characters at all" includes the C1 controls U+0080..U+009F
// (for example U+0085 NEXT LINE, U+009B CONTROL SEQUENCE INTRODUCER).
// Regression test: only the C0 range and DEL used to be refused.
TEST(Text, C1ControlCharactersAreControlCharacters) {
  EXPECT_FALSE(is_clean_line("Jan\xC2\x85Vries"));  // U+0085 NEL
  EXPECT_FALSE(
      is_clean_line("Jan\xC2\x9B"
                    "31mVries"));                    // U+009B CSI
  EXPECT_FALSE(is_clean_text("Hulp\xC2\x80nodig"));  // U+0080
}

}  // namespace
}  // namespace gezicht::domain

namespace gezicht::domain {
namespace {

TEST(Text, AReasonEndsItsSentenceWithOneFullStop) {
  EXPECT_EQ(as_sentence_end("Kind in gevaar"), "Kind in gevaar.");
  EXPECT_EQ(as_sentence_end("Kind in gevaar."), "Kind in gevaar.");
  EXPECT_EQ(as_sentence_end("Is het veilig? "), "Is het veilig?");
  EXPECT_EQ(as_sentence_end("Nu!"), "Nu!");
  EXPECT_EQ(as_sentence_end("en toen\u2026"), "en toen\u2026");
  EXPECT_EQ(as_sentence_end(""), "");
}

}  // namespace
}  // namespace gezicht::domain
