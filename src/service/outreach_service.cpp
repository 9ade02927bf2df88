#include "service/outreach_service.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "storage/directory_repository.hpp"

namespace gezicht::service {
namespace {

constexpr int overview_limit = 200;

std::int64_t seconds_of(const std::string& timestamp) {
  const auto parsed = domain::parse_timestamp(timestamp);
  if (!parsed) throw std::logic_error("an outreach record with a time that is not one: " + timestamp);
  return *parsed;
}

}  // namespace

storage::OutreachRow OutreachService::record(storage::Connection& connection, const Actor& actor,
                                             const domain::OutreachInput& input) {
  if (!actor.team_id) throw Forbidden("outreach.no_team", "user " + std::to_string(actor.user_id) + " has no team");
  const std::int64_t now = clock_.now();
  const auto valid = domain::validate_outreach(input, now);
  storage::Transaction transaction(connection);
  storage::OutreachRepository outreach(connection);
  const auto id = outreach.insert(*actor.team_id, actor.user_id, valid, domain::format_timestamp(now));
  // The front door lists planned time from the directory's snapshot.
  if (valid.on_front_door) storage::DirectoryRepository(connection).bump_directory_version();
  auto row = outreach.find(id);
  transaction.commit();
  if (valid.on_front_door) directory_.refresh();
  return *row;
}

OutreachOverview OutreachService::overview(storage::Connection& connection, const Actor& actor) {
  const std::int64_t now = clock_.now();
  storage::OutreachRepository outreach(connection);
  OutreachOverview overview;
  const auto rows =
      outreach.of_user(actor.user_id, domain::format_timestamp(now - domain::outreach_record_back_seconds),
                       domain::format_timestamp(now + domain::outreach_plan_ahead_seconds + 86400), overview_limit);
  for (const auto& row : rows) {
    if (seconds_of(row.starts_at) > now) {
      overview.planned.insert(overview.planned.begin(), row);
      continue;
    }
    overview.hours_held += static_cast<double>(seconds_of(row.ends_at) - seconds_of(row.starts_at)) / 3600.0;
    overview.residents_met += row.residents_met.value_or(0);
    overview.held.push_back(row);
  }
  return overview;
}

storage::OutreachRow OutreachService::own(storage::Connection& connection, const Actor& actor, std::int64_t id) {
  auto row = storage::OutreachRepository(connection).find(id);
  if (!row || row->user_id != actor.user_id) {
    throw NotFound("outreach.not_found",
                   "outreach " + std::to_string(id) + " is not user " + std::to_string(actor.user_id) + "'s");
  }
  return *row;
}

storage::OutreachRow OutreachService::set_residents_met(storage::Connection& connection, const Actor& actor,
                                                        std::int64_t id, const std::string& residents_met) {
  // Whose it is first: someone else learns nothing, not even what a wrong number would say.
  storage::Transaction transaction(connection);
  auto row = own(connection, actor, id);
  const auto count = domain::parse_residents_met(residents_met);
  if (!count) throw domain::ValidationError("residents_met", "outreach.residents_met_required");
  domain::check_residents_met_allowed(seconds_of(row.starts_at), clock_.now());
  storage::OutreachRepository(connection).set_residents_met(id, *count);
  row.residents_met = *count;
  transaction.commit();
  return row;
}

void OutreachService::cancel(storage::Connection& connection, const Actor& actor, std::int64_t id) {
  storage::Transaction transaction(connection);
  const auto row = own(connection, actor, id);
  if (!domain::may_cancel_outreach(seconds_of(row.starts_at), clock_.now())) {
    throw Conflict("outreach.already_begun", "outreach " + std::to_string(id) + " has begun");
  }
  storage::OutreachRepository(connection).remove(id);
  if (row.on_front_door) storage::DirectoryRepository(connection).bump_directory_version();
  transaction.commit();
  if (row.on_front_door) directory_.refresh();
}

OutreachService::Presence OutreachService::presence(const std::string& postcode) {
  Presence presence;
  presence.lookup = directory_.find_team(postcode);
  const auto& people = presence.lookup.team->people;
  for (auto& listing :
       domain::coming_week(presence.lookup.snapshot->outreach, presence.lookup.team->id, clock_.now())) {
    const auto person =
        std::find_if(people.begin(), people.end(), [&](const domain::Person& p) { return p.id == listing.person_id; });
    if (person != people.end()) presence.items.push_back({std::move(listing), *person});
  }
  return presence;
}

}  // namespace gezicht::service
