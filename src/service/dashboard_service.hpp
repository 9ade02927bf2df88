#pragma once
// The dashboard and equity monitor (team leads for their team, policy staff
// for the municipality) and each professional's private mirror, computed on
// each request by the pure rules of domain/dashboard from the base tables,
// through the in-memory copy that service/dashboard_store keeps up to date. Every read is in the audit trail with its
// purpose; no figure names or scores a resident.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/dashboard.hpp"
#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "service/directory_service.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

// As typed in the query: days in Amsterdam (YYYY-MM-DD, both inclusive),
// a team id ("" for all) and a split ("" for none).
struct DashboardQuery {
  std::string from;
  std::string to;
  std::string team;
  std::string split;
};

struct DashboardTeam {
  std::int64_t id = 0;
  std::string name;
};

struct DashboardView {
  std::string from;
  std::string to;
  std::optional<DashboardTeam> team;  // none: the whole municipality
  std::vector<DashboardTeam> teams;   // those the reader may choose (a team lead: their own)
  bool may_see_all = false;           // the whole municipality (policy staff)
  domain::EquitySettings settings;
  domain::Dashboard dashboard;
};

// The mirror: the professional's own figures beside their team's, same period.
struct MirrorView {
  std::string from;
  std::string to;
  domain::EquitySettings settings;
  domain::Dashboard own;   // split by the resident's preferred language
  domain::Dashboard team;  // the same figures for the whole team
};

class DashboardStore;

class DashboardService {
 public:
  DashboardService(const Clock& clock, AuditTrail& audit, DirectoryService& directory);
  ~DashboardService();
  DashboardService(const DashboardService&) = delete;
  DashboardService& operator=(const DashboardService&) = delete;

  // Throws ValidationError naming from, to, team or split; Forbidden when a
  // team lead asks for another team or for all of them.
  DashboardView dashboard(storage::Connection& connection, const Actor& actor, const DashboardQuery& query);
  // Only the actor's own figures: there is no way to ask for someone else's.
  MirrorView mirror(storage::Connection& connection, const Actor& actor, const std::string& from,
                    const std::string& to);
  // Loads the in-memory copy now (server start), so the first reader does not wait for it.
  void warm(storage::Connection& connection);
  struct StoreSize {
    std::int64_t households = 0;
    std::int64_t contacts = 0;
    std::int64_t referrals = 0;
  };
  StoreSize store_size();

 private:
  domain::Dashboard build(storage::Connection& connection, std::int64_t start, std::int64_t end,
                          std::optional<std::int64_t> only_contact, domain::Split split,
                          std::optional<std::int64_t> team, const domain::EquitySettings& settings);

  const Clock& clock_;
  AuditTrail& audit_;
  DirectoryService& directory_;
  std::unique_ptr<DashboardStore> store_;  // its own header keeps the web layer from rebuilding with it
  // Used only inside the store's lock (DashboardStore::with_facts).
  domain::MedianIntervalMemo intervals_;
};

}  // namespace gezicht::service
