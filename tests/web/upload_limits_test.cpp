// The server reads an upload (a photo) up to max_upload_bytes, and every
// other request body up to max_body_bytes, whether sent with a length or chunked.

#include <gtest/gtest.h>

#include <string>

#include "web/request_parsing.hpp"

namespace gezicht::web {
namespace {

std::string post(const std::string& target, std::size_t bytes, const char* method = "POST") {
  return std::string(method) + " " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n" +
         "Content-Length: " + std::to_string(bytes) + "\r\n\r\n" + std::string(bytes, 'a');
}

std::string chunked(const std::string& target, std::size_t bytes) {
  std::string request = "POST " + target + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (std::size_t sent = 0; sent < bytes; sent += 8192) {
    const std::size_t size = std::min<std::size_t>(8192, bytes - sent);
    char line[32];
    std::snprintf(line, sizeof line, "%zx\r\n", size);
    request += line + std::string(size, 'b') + "\r\n";
  }
  return request + "0\r\n\r\n";
}

TEST(UploadLimits, OnlyAnUploadTargetMayBeLarge) {
  EXPECT_TRUE(is_upload_target("POST", "/account/foto"));
  EXPECT_TRUE(is_upload_target("POST", "/beheer/gebruikers/7/foto?x=1"));
  EXPECT_TRUE(is_upload_target("PUT", "/api/v1/me/photo"));
  EXPECT_FALSE(is_upload_target("GET", "/account/foto"));
  EXPECT_FALSE(is_upload_target("POST", "/account/foto/verwijderen"));
  EXPECT_FALSE(is_upload_target("POST", "/inloggen"));
  EXPECT_FALSE(is_upload_target("POST", "/foto-album"));
  EXPECT_FALSE(is_upload_target("POST", "/x/foto")) << "only the routes that take a photo";
  EXPECT_FALSE(is_upload_target("POST", "/beheer/gebruikers/abc/foto"));
  EXPECT_FALSE(is_upload_target("PUT", "/api/v1/users//photo"));
  EXPECT_TRUE(is_upload_target("PUT", "/api/v1/users/42/photo"));
  EXPECT_FALSE(is_upload_target("POST", "/api/v1/me/photo")) << "the API takes PUT";
}

TEST(UploadLimits, ABodyWithALength) {
  const ServerLimits limits;
  const std::size_t large = limits.max_body_bytes + 1;
  EXPECT_EQ(parse_request(post("/account/foto", large), limits).state, ParsedRequest::State::complete);
  EXPECT_EQ(parse_request(post("/api/v1/me/photo", large, "PUT"), limits, 4096).state, ParsedRequest::State::complete);
  auto refused = parse_request(post("/inloggen", large), limits);
  EXPECT_EQ(refused.state, ParsedRequest::State::refused);
  EXPECT_EQ(refused.refusal.status, 413);
  refused = parse_request(post("/account/foto", limits.max_upload_bytes + 1), limits);
  EXPECT_EQ(refused.state, ParsedRequest::State::refused);
  EXPECT_EQ(refused.refusal.status, 413);
}

TEST(UploadLimits, AChunkedBody) {
  const ServerLimits limits;
  const std::size_t large = limits.max_body_bytes + 1;
  EXPECT_EQ(parse_request(chunked("/account/foto", large), limits).state, ParsedRequest::State::complete);
  const auto refused = parse_request(chunked("/inloggen", large), limits);
  EXPECT_EQ(refused.state, ParsedRequest::State::refused);
  EXPECT_EQ(refused.refusal.status, 413);
  const auto too_large = parse_request(chunked("/account/foto", limits.max_upload_bytes + 1), limits);
  EXPECT_EQ(too_large.state, ParsedRequest::State::refused);
  EXPECT_EQ(too_large.refusal.status, 413);
}

}  // namespace
}  // namespace gezicht::web
