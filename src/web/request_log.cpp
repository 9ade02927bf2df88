#include "web/request_log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

#include "web/json_writer.hpp"

namespace gezicht::web {

std::string request_log_line(const RequestLogEntry& entry) {
  const std::time_t seconds = static_cast<std::time_t>(entry.unix_micros / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char time[40];
  std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(entry.unix_micros / 1000 % 1000));
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.3f", entry.seconds * 1000.0);
  std::string line = "{\"time\":\"";
  line += time;
  line += "\",\"level\":\"info\",\"event\":\"request\",\"request_id\":";
  append_json_string(line, entry.request_id);
  line += ",\"method\":";
  append_json_string(line, entry.method);
  line += ",\"route\":";
  append_json_string(line, entry.route);
  line += ",\"status\":" + std::to_string(entry.status);
  line += ",\"duration_ms\":";
  line += duration;
  line += ",\"scheme\":";
  append_json_string(line, entry.scheme);
  line += "}\n";
  return line;
}

long long wall_clock_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void write_request_log(const std::string& line) {
  // One fwrite per line: stdio locks the stream for it, so lines of
  // different threads (and spdlog's) never interleave; flushed so that a
  // pipe to journald sees each at once.
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

std::string request_id_for(std::string_view given) {
  const auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == ':' || c == '-';
  };
  if (!given.empty() && given.size() <= 128) {
    bool all_plain = true;
    for (const char c : given) all_plain = all_plain && plain(c);
    if (all_plain) return std::string(given);
  }
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char hex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (std::size_t half = 0; half < 2; ++half) {
    auto bits = generator();
    for (std::size_t i = 0; i < 16; ++i, bits >>= 4) id[half * 16 + i] = hex[bits & 0xF];
  }
  return id;
}

}  // namespace gezicht::web
