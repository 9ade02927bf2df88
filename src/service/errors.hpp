#pragma once
// Errors a service raises for the web layer to turn into a status code.
// The message key is translated for the user; what() is for the log.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace gezicht::service {

class ServiceError : public std::runtime_error {
 public:
  ServiceError(std::string message_key, const std::string& log_detail)
      : std::runtime_error(log_detail), message_key_(std::move(message_key)) {}
  const std::string& message_key() const { return message_key_; }

 private:
  std::string message_key_;
};

// The thing does not exist, or the caller may not know that it exists.
class NotFound : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

// The caller is known but not allowed to do this.
class Forbidden : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

// The request is valid but the state does not allow it (already done).
class Conflict : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

// The municipality is not set up to handle this (for example a team without people).
class Unavailable : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

// Too many requests from one client: answered 429 with Retry-After.
class Throttled : public ServiceError {
 public:
  Throttled(std::string message_key, const std::string& log_detail, std::int64_t retry_after_seconds)
      : ServiceError(std::move(message_key), log_detail), retry_after_seconds_(retry_after_seconds) {}
  std::int64_t retry_after_seconds() const { return retry_after_seconds_; }

 private:
  std::int64_t retry_after_seconds_;
};

}  // namespace gezicht::service
