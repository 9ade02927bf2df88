#pragma once
// Counters and latency histograms in the Prometheus text format.

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace gezicht::web {

class Histogram {
 public:
  static constexpr std::array<double, 12> bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                 0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  void observe(double seconds);
  // Appends the _bucket, _sum and _count lines for `name` with `labels` ("" or 'route="x"').
  void write(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::array<std::atomic<std::uint64_t>, bounds.size() + 1> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_microseconds_{0};
};

class Metrics {
 public:
  // route: the route's pattern ("/api/v1/frontdoor"), never the raw path, so
  // the number of series stays bounded.
  void record_request(const std::string& route, int status, double seconds);
  void record_database(double seconds) { database_seconds_.observe(seconds); }
  void connection_opened() { ++open_connections_; }
  void connection_closed() { --open_connections_; }
  void connection_refused() { ++refused_connections_; }
  // The mail queue as this server's dispatcher saw it last (web/mail_dispatcher.hpp).
  void mail_sent() { ++mail_sent_; }
  void mail_failed() { ++mail_failed_; }
  void mail_expired(std::int64_t count) { mail_expired_ += static_cast<std::uint64_t>(count); }
  void mail_waiting(std::int64_t count, std::int64_t oldest_age_seconds) {
    mail_waiting_ = count;
    mail_oldest_age_ = oldest_age_seconds;
  }
  std::string render() const;

 private:
  struct RouteMetrics {
    std::map<int, std::atomic<std::uint64_t>> by_status;
    Histogram latency;
  };
  mutable std::mutex mutex_;  // guards the maps' shape; values are atomics
  std::map<std::string, RouteMetrics> routes_;
  Histogram database_seconds_;
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> refused_connections_{0};
  std::atomic<std::uint64_t> mail_sent_{0};
  std::atomic<std::uint64_t> mail_failed_{0};
  std::atomic<std::uint64_t> mail_expired_{0};
  std::atomic<std::int64_t> mail_waiting_{0};
  std::atomic<std::int64_t> mail_oldest_age_{0};
};

}  // namespace gezicht::web
