#include "web/address_networks.hpp"

#include <gtest/gtest.h>

#include "web/request_log.hpp"

namespace gezicht::web {
namespace {

TEST(AddressNetworksTest, NetworksHoldTheirAddressesInBothFamilies) {
  const auto networks = AddressNetworks::parse({"10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1"});
  EXPECT_TRUE(networks.contains("10.200.3.4"));
  EXPECT_FALSE(networks.contains("11.0.0.1"));
  EXPECT_TRUE(networks.contains("192.168.1.7"));
  EXPECT_FALSE(networks.contains("192.168.1.8"));
  EXPECT_TRUE(networks.contains("2001:db8:1::5"));
  EXPECT_FALSE(networks.contains("2001:db9::5"));
  EXPECT_TRUE(networks.contains("::1"));
  EXPECT_FALSE(networks.contains("not an address"));
  EXPECT_FALSE(networks.contains(""));
  // A /0 is everything of its family; an IPv4 /0 is not IPv6 too.
  const auto all_v4 = AddressNetworks::parse({"0.0.0.0/0"});
  EXPECT_TRUE(all_v4.contains("203.0.113.9"));
  EXPECT_FALSE(all_v4.contains("2001:db8::1"));
  EXPECT_TRUE(AddressNetworks::loopback().contains("127.0.0.1"));
  EXPECT_TRUE(AddressNetworks::loopback().contains("127.8.9.10"));
  EXPECT_FALSE(AddressNetworks::loopback().contains("128.0.0.1"));
}

TEST(AddressNetworksTest, AnEntryThatIsNoNetworkIsNamed) {
  for (const char* entry : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8x", "10.0.0", "example.org", "::1/129", "/8"}) {
    try {
      AddressNetworks::parse({"127.0.0.1", entry});
      ADD_FAILURE() << entry << " was accepted";
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find(entry), std::string::npos) << error.what();
    }
  }
}

TEST(ClientOriginTest, ForwardedHeadersCountOnlyFromTrustedProxies) {
  const auto proxies = AddressNetworks::parse({"10.0.0.0/24"});
  // From a trusted proxy: the client it saw, and the scheme it was reached by.
  auto origin = client_origin("10.0.0.2", "203.0.113.9", "https", proxies);
  EXPECT_EQ(origin.address, "203.0.113.9");
  EXPECT_EQ(origin.scheme, "https");
  // Anyone else may write anything: ignored.
  origin = client_origin("198.51.100.4", "203.0.113.9", "https", proxies);
  EXPECT_EQ(origin.address, "198.51.100.4");
  EXPECT_EQ(origin.scheme, "http");
  // What the client sent itself stands left of what the proxy appended: not believed.
  origin = client_origin("10.0.0.2", "1.2.3.4, 203.0.113.9", "https", proxies);
  EXPECT_EQ(origin.address, "203.0.113.9");
  // Two trusted proxies in a row: the nearest address that is not one.
  origin = client_origin("10.0.0.2", "203.0.113.9, 10.0.0.3", "", proxies);
  EXPECT_EQ(origin.address, "203.0.113.9");
  EXPECT_EQ(origin.scheme, "http");
  // Garbage ends the walk at the last address that could be checked.
  origin = client_origin("10.0.0.2", "203.0.113.9, junk, 10.0.0.3", "gopher", proxies);
  EXPECT_EQ(origin.address, "10.0.0.3");
  EXPECT_EQ(origin.scheme, "http");
  // No header: the proxy itself.
  EXPECT_EQ(client_origin("10.0.0.2", "", "", proxies).address, "10.0.0.2");
  // IPv6 through an IPv4 proxy.
  EXPECT_EQ(client_origin("10.0.0.2", " 2001:db8::7 ", "", proxies).address, "2001:db8::7");
}

TEST(ClientOriginTest, EveryForwardedLineIsReadInOrder) {
  Request request;
  request.remote_address = "10.0.0.2";
  request.headers = {
      {"x-forwarded-for", "1.2.3.4"}, {"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-proto", "https"}};
  apply_forwarded(request, AddressNetworks::parse({"10.0.0.2"}));
  EXPECT_EQ(request.remote_address, "203.0.113.9");
  EXPECT_EQ(request.scheme, "https");
  Request direct = request;
  direct.remote_address = "10.0.0.2";
  direct.scheme = "http";
  apply_forwarded(direct, AddressNetworks{});
  EXPECT_EQ(direct.remote_address, "10.0.0.2");
  EXPECT_EQ(direct.scheme, "http");
}

TEST(RequestLogTest, ALineIsOneJsonObjectWithoutWhatSaysWhose) {
  const auto line =
      request_log_line({"abc-123", "GET", "/huishoudens/{id}", 200, 0.0012346, "https", 1764950400123456LL});
  EXPECT_EQ(
      line,
      "{\"time\":\"2025-12-05T16:00:00.123Z\",\"level\":\"info\",\"event\":\"request\",\"request_id\":\"abc-123\","
      "\"method\":\"GET\",\"route\":\"/huishoudens/{id}\",\"status\":200,\"duration_ms\":1.235,"
      "\"scheme\":\"https\"}\n");
}

TEST(RequestLogTest, ACallersRequestIdIsKeptOnlyWhenPlain) {
  EXPECT_EQ(request_id_for("trace-42.a_b:c"), "trace-42.a_b:c");
  const auto made = request_id_for("");
  EXPECT_EQ(made.size(), 32U);
  EXPECT_EQ(made.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(made, request_id_for(""));
  for (const char* forged : {"a\"b", "line\nbreak", "space d", "ü"}) {
    EXPECT_EQ(request_id_for(forged).size(), 32U) << forged;
  }
  EXPECT_EQ(request_id_for(std::string(129, 'a')).size(), 32U);
  EXPECT_EQ(request_id_for(std::string(128, 'a')), std::string(128, 'a'));
}

}  // namespace
}  // namespace gezicht::web
