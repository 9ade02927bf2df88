#pragma once
// Networks of IP addresses (CIDR: 10.0.0.0/8, 2001:db8::/32, or one
// address), to say which peers are trusted proxies and who may read /metrics.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/http.hpp"

namespace gezicht::web {

// An IPv4 address is kept as its IPv4-mapped IPv6 form, so one comparison serves both.
using IpAddress = std::array<std::uint8_t, 16>;
std::optional<IpAddress> parse_ip(std::string_view text);

class AddressNetworks {
 public:
  // Throws std::invalid_argument naming the entry that is not an address or network.
  static AddressNetworks parse(const std::vector<std::string>& entries);
  static AddressNetworks loopback();  // 127.0.0.0/8 and ::1
  bool contains(std::string_view address) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    IpAddress address{};
    int prefix = 128;  // bits, on the 128-bit form
  };
  std::vector<Network> networks_;
};

// Where a request comes from: the peer, or, when the peer is a trusted
// proxy, the client it names in X-Forwarded-For (the nearest address that
// is not itself a trusted proxy, read from the right, as each proxy appends
// the one it saw) and the scheme in X-Forwarded-Proto. From anyone else
// both headers are ignored: they are easily forged.
struct ClientOrigin {
  std::string address;
  std::string scheme = "http";
};
ClientOrigin client_origin(std::string_view peer, std::string_view forwarded_for, std::string_view forwarded_proto,
                           const AddressNetworks& trusted_proxies);
// Sets the request's remote_address and scheme from its peer address and
// headers (every X-Forwarded-For line, in order).
void apply_forwarded(Request& request, const AddressNetworks& trusted_proxies);

}  // namespace gezicht::web
