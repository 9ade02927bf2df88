#include "web/address_networks.hpp"

#include <arpa/inet.h>

#include <stdexcept>

namespace gezicht::web {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool in(const IpAddress& address, const IpAddress& network, int prefix) {
  for (int bit = 0; bit < prefix; ++bit) {
    const auto byte = static_cast<std::size_t>(bit / 8);
    const auto mask = static_cast<std::uint8_t>(0x80U >> static_cast<unsigned>(bit % 8));
    if ((address[byte] & mask) != (network[byte] & mask)) return false;
  }
  return true;
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  const std::string copy(text);
  IpAddress address{};
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    address[10] = 0xff;
    address[11] = 0xff;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(&v4.s_addr);
    for (std::size_t i = 0; i < 4; ++i) address[12 + i] = bytes[i];
    return address;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    for (std::size_t i = 0; i < 16; ++i) address[i] = v6.s6_addr[i];
    return address;
  }
  return std::nullopt;
}

AddressNetworks AddressNetworks::parse(const std::vector<std::string>& entries) {
  AddressNetworks networks;
  for (const auto& entry : entries) {
    const auto slash = entry.find('/');
    const auto address = parse_ip(entry.substr(0, slash));
    if (!address) throw std::invalid_argument("'" + entry + "' is not an IP address or network (10.0.0.0/8, ::1)");
    const bool v4 = entry.find(':') == std::string::npos;
    int prefix = 128;
    if (slash != std::string::npos) {
      const auto bits = entry.substr(slash + 1);
      std::size_t used = 0;
      int value = -1;
      try {
        value = std::stoi(bits, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      const int most = v4 ? 32 : 128;
      if (bits.empty() || used != bits.size() || value < 0 || value > most) {
        throw std::invalid_argument("'" + entry + "' has no valid prefix length (0 to " + std::to_string(most) + ")");
      }
      prefix = v4 ? 96 + value : value;
    }
    networks.networks_.push_back({*address, prefix});
  }
  return networks;
}

AddressNetworks AddressNetworks::loopback() { return parse({"127.0.0.0/8", "::1"}); }

bool AddressNetworks::contains(std::string_view text) const {
  const auto address = parse_ip(text);
  if (!address) return false;
  for (const auto& network : networks_) {
    if (in(*address, network.address, network.prefix)) return true;
  }
  return false;
}

ClientOrigin client_origin(std::string_view peer, std::string_view forwarded_for, std::string_view forwarded_proto,
                           const AddressNetworks& trusted_proxies) {
  ClientOrigin origin{std::string(peer), "http"};
  if (!trusted_proxies.contains(peer)) return origin;
  // From the right: each trusted proxy appended the address it saw. The
  // first that is not a trusted proxy is the client; an entry that is no
  // address ends the walk (what lies left of it cannot be trusted).
  while (!forwarded_for.empty()) {
    const auto comma = forwarded_for.rfind(',');
    const auto entry = trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    if (!parse_ip(entry)) break;
    origin.address = std::string(entry);
    if (!trusted_proxies.contains(entry)) break;
  }
  const auto proto = trim(forwarded_proto);
  if (proto == "https" || proto == "http") origin.scheme = std::string(proto);
  return origin;
}

void apply_forwarded(Request& request, const AddressNetworks& trusted_proxies) {
  if (trusted_proxies.empty()) return;
  std::string forwarded_for;
  for (const auto& [name, value] : request.headers) {
    if (name != "x-forwarded-for") continue;
    if (!forwarded_for.empty()) forwarded_for += ',';
    forwarded_for += value;
  }
  auto origin =
      client_origin(request.remote_address, forwarded_for, request.header("x-forwarded-proto"), trusted_proxies);
  request.remote_address = std::move(origin.address);
  request.scheme = std::move(origin.scheme);
}

}  // namespace gezicht::web
