#pragma once
// A professional's time in the neighbourhood: recorded before (planned, for
// the front door) or after (held, with roughly how many residents were met).
// It is the professional's work, not a resident's data, so it is not in the
// audit trail of personal data.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/outreach.hpp"
#include "service/actor.hpp"
#include "service/clock.hpp"
#include "service/directory_service.hpp"
#include "storage/database.hpp"
#include "storage/outreach_repository.hpp"

namespace gezicht::service {

// One person's time, the latest first: planned time to come and what was
// held in the last quarter.
struct OutreachOverview {
  std::vector<storage::OutreachRow> planned;  // not begun yet, the soonest first
  std::vector<storage::OutreachRow> held;     // begun, the latest first
  double hours_held = 0;                      // in the period of `held`
  std::int64_t residents_met = 0;
};

class OutreachService {
 public:
  OutreachService(const Clock& clock, DirectoryService& directory) : clock_(clock), directory_(directory) {}

  // Records `actor`'s own time for their team. Throws ValidationError (see
  // domain::validate_outreach) and Forbidden for an account without a team.
  storage::OutreachRow record(storage::Connection& connection, const Actor& actor, const domain::OutreachInput& input);
  OutreachOverview overview(storage::Connection& connection, const Actor& actor);
  // Roughly how many residents were met, once the time has begun. NotFound
  // for someone else's record (nobody records another's time).
  storage::OutreachRow set_residents_met(storage::Connection& connection, const Actor& actor, std::int64_t id,
                                         const std::string& residents_met);
  // Planned time that will not happen; Conflict once it has begun.
  void cancel(storage::Connection& connection, const Actor& actor, std::int64_t id);

  // Where and when the team of `postcode` can be met in the coming seven
  // days, from the directory's snapshot (no database). Throws as
  // DirectoryService::find_team.
  // Only time of people still in the team's directory: each with a face.
  struct PresenceItem {
    domain::OutreachListing listing;
    domain::Person person;
  };
  struct Presence {
    TeamLookup lookup;
    std::vector<PresenceItem> items;
  };
  Presence presence(const std::string& postcode);

 private:
  storage::OutreachRow own(storage::Connection& connection, const Actor& actor, std::int64_t id);
  void refresh_front_door(storage::Connection& connection);

  const Clock& clock_;
  DirectoryService& directory_;
};

}  // namespace gezicht::service
