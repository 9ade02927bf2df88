#include "web/multipart.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gezicht::web {
namespace {

std::string body_of(std::initializer_list<std::string> parts, const std::string& boundary = "XyZ") {
  std::string body;
  for (const auto& part : parts) body += "--" + boundary + "\r\n" + part + "\r\n";
  return body + "--" + boundary + "--\r\n";
}

TEST(Multipart, TheBoundaryComesFromTheContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=XyZ"), "XyZ");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\""), "a b:c");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
            "----WebKitFormBoundary7MA4YWxkTrZu0gW");
  EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=a\r\nb"));
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=XyZ"));
}

TEST(Multipart, FieldsAndAFileWithItsBytesAsSent) {
  // Line breaks, a NUL and something like the boundary in another case: bytes, not structure.
  const std::string binary("\xFF\xD8\xFF\r\n--xyz is no delimiter\0\r\n\x01", 30);
  const auto form =
      parse_multipart(body_of({"Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc123",
                               "Content-Disposition: form-data; name=\"photo\"; filename=\"gezicht; mij.jpg\"\r\n"
                               "Content-Type: image/jpeg\r\n\r\n" +
                                   binary}),
                      "XyZ");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->fields.at("csrf_token"), "abc123");
  ASSERT_TRUE(form->files.contains("photo"));
  EXPECT_EQ(form->files.at("photo").filename, "gezicht; mij.jpg");
  EXPECT_EQ(form->files.at("photo").content_type, "image/jpeg");
  EXPECT_EQ(form->files.at("photo").data, binary);
}

TEST(Multipart, AFileFieldLeftEmptyIsNoFile) {
  const auto form = parse_multipart(body_of({"Content-Disposition: form-data; name=\"photo\"; filename=\"\"\r\n"
                                             "Content-Type: application/octet-stream\r\n\r\n"}),
                                    "XyZ");
  ASSERT_TRUE(form);
  EXPECT_TRUE(form->files.empty());
}

TEST(Multipart, AnEmptyFieldIsEmpty) {
  const auto form = parse_multipart(
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--XyZ--\r\n",
      "XyZ");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->fields.at("a"), "") << "not the rest of the body";
  EXPECT_EQ(form->fields.at("b"), "2");
}

TEST(Multipart, APreambleAndAnEpilogueAreIgnored) {
  const auto form = parse_multipart(
      "This is the preamble.\r\n" + body_of({"Content-Disposition: form-data; name=\"a\"\r\n\r\n1"}) + "epilogue",
      "XyZ");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->fields.at("a"), "1");
}

TEST(Multipart, WhatIsNotWellFormedIsRefused) {
  const std::string field = "Content-Disposition: form-data; name=\"a\"\r\n\r\n1";
  EXPECT_FALSE(parse_multipart("--XyZ\r\n" + field + "\r\n", "XyZ")) << "no closing delimiter";
  EXPECT_FALSE(parse_multipart(body_of({field}), "Other")) << "another boundary";
  EXPECT_FALSE(parse_multipart(body_of({field, field}), "XyZ")) << "a name used twice";
  EXPECT_FALSE(parse_multipart(body_of({"Content-Disposition: attachment; name=\"a\"\r\n\r\n1"}), "XyZ"));
  EXPECT_FALSE(parse_multipart(body_of({"Content-Disposition: form-data\r\n\r\n1"}), "XyZ")) << "no name";
  EXPECT_FALSE(parse_multipart(body_of({"Content-Disposition: form-data; name=\"a\r\n\r\n1"}), "XyZ"))
      << "an unclosed quote";
  EXPECT_FALSE(parse_multipart(body_of({"no colon here\r\n\r\n1"}), "XyZ"));
  EXPECT_FALSE(parse_multipart("", "XyZ"));
}

TEST(Multipart, TooManyPartsAreRefused) {
  std::string body;
  for (std::size_t i = 0; i <= multipart_max_parts; ++i) {
    body += "--XyZ\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\nx\r\n";
  }
  body += "--XyZ--\r\n";
  EXPECT_FALSE(parse_multipart(body, "XyZ"));
}

}  // namespace
}  // namespace gezicht::web
