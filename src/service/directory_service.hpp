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
#include "domain/outreach.hpp"
#include "domain/theme.hpp"
#include "service/clock.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct Municipality {
  std::string name;
  std::string phone;
  std::string website;
  int promise_working_days = 3;
  domain::ThemeTokens theme;  // the municipality's own NL Design System tokens
  std::string logo_png;       // the re-encoded logo; empty without one
  int logo_width = 0;
  int logo_height = 0;
};

struct DirectorySnapshot {
  domain::Directory directory;
  Municipality municipality;
  // Time in the neighbourhood on the front door that had not ended when
  // loaded (recording it changes the directory's version).
  std::vector<domain::OutreachListing> outreach;
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
  // It keeps a database connection of its own (opened by `open`), so a
  // handler holding a pooled connection never waits on the pool here.
  explicit DirectoryService(std::function<std::unique_ptr<storage::Connection>()> open,
                            const Clock& clock = system_clock());

  // The current snapshot; loads it on first use and never touches the
  // database after that, so the front door can be served without blocking.
  std::shared_ptr<const DirectorySnapshot> snapshot();
  // Asks whether the directory changed (one small query on directory_version)
  // and reloads it if so. The server calls this every second, so changes
  // made by another process (the CLI) show within a second. Returns whether
  // it reloaded.
  bool refresh();
  // Throws domain::ValidationError (field "postcode") for a malformed
  // postcode and NotFound("postcode.outside") outside the municipality.
  TeamLookup find_team(std::string_view postcode_text);

 private:
  std::shared_ptr<const DirectorySnapshot> load();

  std::function<std::unique_ptr<storage::Connection>()> open_;
  const Clock& clock_;
  std::mutex load_mutex_;  // guards connection_ and loading
  std::unique_ptr<storage::Connection> connection_;
  std::mutex current_mutex_;  // guards current_ only, held for a pointer copy
  std::shared_ptr<const DirectorySnapshot> current_;
};

}  // namespace gezicht::service
