#pragma once
// The current time, injectable so tests control it.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace gezicht::service {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// The one system clock, for those that take a Clock& but are rarely tested with another.
inline const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t now) : now_(now) {}
  std::int64_t now() const override { return now_.load(); }
  void set(std::int64_t now) { now_.store(now); }
  void advance(std::int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace gezicht::service
