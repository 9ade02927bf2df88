#pragma once
// The municipality's directory, kept in memory: residents look it up on
// every front-door visit, and it changes rarely.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "domain/directory.hpp"
#include "service/clock.hpp"
#include "storage/connection_pool.hpp"

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
  std::int64_t loaded_at = 0;
};

struct TeamLookup {
  std::shared_ptr<const DirectorySnapshot> snapshot;  // keeps the pointers below alive
  std::string postcode;                               // normalised
  const domain::Neighbourhood* neighbourhood = nullptr;
  const domain::Team* team = nullptr;
};

class DirectoryService {
 public:
  // A snapshot older than max_age_seconds is reloaded on the next use, so
  // changes made by another process (the CLI) show within that time.
  DirectoryService(storage::ConnectionPool& pool, const Clock& clock, std::int64_t max_age_seconds = 30);

  std::shared_ptr<const DirectorySnapshot> snapshot();
  // Throws domain::ValidationError (field "postcode") for a malformed
  // postcode and NotFound("postcode.outside") outside the municipality.
  TeamLookup find_team(std::string_view postcode_text);
  // Forces a reload on the next use (after this process changed the directory).
  void invalidate();

 private:
  std::shared_ptr<const DirectorySnapshot> load();

  storage::ConnectionPool& pool_;
  const Clock& clock_;
  std::int64_t max_age_seconds_;
  std::mutex mutex_;
  std::shared_ptr<const DirectorySnapshot> current_;
};

}  // namespace gezicht::service
