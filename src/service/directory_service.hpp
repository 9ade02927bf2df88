#pragma once
// The municipality's directory, kept in memory: residents look it up on
// every front-door visit, and it changes rarely.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "domain/directory.hpp"
#include "service/clock.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct Municipality {
  std::string name;
  std::string phone;
  std::string website;
  int promise_working_days = 3;
};

struct DirectorySnapshot {
  domain::Directory directory;
  Municipality municipality;
  std::string version;  // the directory_version it was loaded at
};

struct TeamLookup {
  std::shared_ptr<const DirectorySnapshot> snapshot;  // keeps the pointers below alive
  std::string postcode;                               // normalised
  const domain::Neighbourhood* neighbourhood = nullptr;
  const domain::Team* team = nullptr;
};

class DirectoryService {
 public:
  // At most once per check_interval_seconds, one small query asks whether
  // the directory changed (directory_version); only then is it reloaded.
  // It keeps a connection of its own (opened by `open`), used under its lock,
  // so a handler that holds a pooled connection can never wait on the pool here.
  DirectoryService(std::function<std::unique_ptr<storage::Connection>()> open, const Clock& clock,
                   std::int64_t check_interval_seconds = 1);

  std::shared_ptr<const DirectorySnapshot> snapshot();
  // Throws domain::ValidationError (field "postcode") for a malformed
  // postcode and NotFound("postcode.outside") outside the municipality.
  TeamLookup find_team(std::string_view postcode_text);
  // Forces a reload on the next use (after this process changed the directory).
  void invalidate();

 private:
  std::shared_ptr<const DirectorySnapshot> load();

  std::function<std::unique_ptr<storage::Connection>()> open_;
  std::unique_ptr<storage::Connection> connection_;
  const Clock& clock_;
  std::int64_t check_interval_seconds_;
  std::mutex mutex_;
  std::shared_ptr<const DirectorySnapshot> current_;
  std::int64_t checked_at_ = 0;
};

}  // namespace gezicht::service
