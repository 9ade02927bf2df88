#include "web/metrics.hpp"

#include <cstdio>
#include <string_view>

namespace gezicht::web {
namespace {

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::string with(const std::string& labels, const std::string& extra) {
  if (labels.empty()) return "{" + extra + "}";
  return "{" + labels + "," + extra + "}";
}

}  // namespace

void Histogram::observe(double seconds) {
  std::size_t index = 0;
  while (index < bounds.size() && seconds > bounds[index]) ++index;
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_microseconds_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Histogram::write(std::string& out, const std::string& name, const std::string& labels) const {
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out +=
        name + "_bucket" + with(labels, "le=\"" + number(bounds[i]) + "\"") + " " + std::to_string(cumulative) + "\n";
  }
  cumulative += buckets_[bounds.size()].load(std::memory_order_relaxed);
  out += name + "_bucket" + with(labels, "le=\"+Inf\"") + " " + std::to_string(cumulative) + "\n";
  const std::string plain = labels.empty() ? "" : "{" + labels + "}";
  out += name + "_sum" + plain + " " + number(sum_microseconds_.load(std::memory_order_relaxed) / 1e6) + "\n";
  out += name + "_count" + plain + " " + std::to_string(count_.load(std::memory_order_relaxed)) + "\n";
}

void Metrics::record_request(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto& metrics = routes_[route];
  metrics.by_status[status].fetch_add(1, std::memory_order_relaxed);
  metrics.latency.observe(seconds);
}

std::string Metrics::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP gezicht_http_requests_total HTTP requests answered, by route pattern and status.\n";
  out += "# TYPE gezicht_http_requests_total counter\n";
  for (const auto& [route, metrics] : routes_) {
    for (const auto& [status, count] : metrics.by_status) {
      out += "gezicht_http_requests_total{route=\"" + route + "\",status=\"" + std::to_string(status) + "\"} " +
             std::to_string(count.load()) + "\n";
    }
  }
  out += "# HELP gezicht_http_request_duration_seconds Time from a parsed request to its response, by route.\n";
  out += "# TYPE gezicht_http_request_duration_seconds histogram\n";
  for (const auto& [route, metrics] : routes_) {
    metrics.latency.write(out, "gezicht_http_request_duration_seconds", "route=\"" + route + "\"");
  }
  out += "# HELP gezicht_database_seconds Time a request held a database connection.\n";
  out += "# TYPE gezicht_database_seconds histogram\n";
  database_seconds_.write(out, "gezicht_database_seconds", "");
  // One series without labels: its help, its type and its value.
  const auto single = [&out](std::string_view name, std::string_view type, std::string_view help, auto value) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
    out.append(name).append(" ").append(std::to_string(value)).append("\n");
  };
  single("gezicht_open_connections", "gauge", "Client connections open now.", open_connections_.load());
  single("gezicht_refused_connections_total", "counter", "Connections closed at once because the cap was reached.",
         refused_connections_.load());
  single("gezicht_mail_sent_total", "counter", "Messages this server handed to the mail server.", mail_sent_.load());
  single("gezicht_mail_failed_total", "counter", "Attempts of this server that the mail server did not take.",
         mail_failed_.load());
  single("gezicht_mail_expired_total", "counter", "Messages this server removed unsent, no longer worth sending.",
         mail_expired_.load());
  single("gezicht_mail_waiting", "gauge", "Messages in the queue (all servers), as last counted.",
         mail_waiting_.load());
  single("gezicht_mail_oldest_waiting_seconds", "gauge", "Age of the oldest message in the queue; 0 when empty.",
         mail_oldest_age_.load());
  return out;
}

}  // namespace gezicht::web
