#include "storage/outreach_repository.hpp"

#include "domain/calendar.hpp"

namespace gezicht::storage {
namespace {

constexpr const char* columns =
    "id, team_id, user_id, kind, place, address, starts_at, ends_at, residents_met, on_front_door, recorded_at";

OutreachRow read_row(const Statement& row) {
  OutreachRow outreach;
  outreach.id = row.int64(0);
  outreach.team_id = row.int64(1);
  outreach.user_id = row.int64(2);
  outreach.kind = row.text(3);
  outreach.place = row.text(4);
  outreach.address = row.text(5);
  outreach.starts_at = row.text(6);
  outreach.ends_at = row.text(7);
  if (const auto met = row.optional_int64(8)) outreach.residents_met = static_cast<int>(*met);
  outreach.on_front_door = row.int64(9) != 0;
  outreach.recorded_at = row.text(10);
  return outreach;
}

std::int64_t timestamp_of(const std::string& text) {
  const auto parsed = domain::parse_timestamp(text);
  if (!parsed) throw DatabaseError("outreach_activities holds a time that is not one: " + text);
  return *parsed;
}

}  // namespace

std::int64_t OutreachRepository::insert(std::int64_t team_id, std::int64_t user_id,
                                        const domain::ValidOutreach& outreach, const std::string& recorded_at) {
  Value met = nullptr;
  if (outreach.residents_met) met = std::int64_t{*outreach.residents_met};
  auto row = query(connection_,
                   "INSERT INTO outreach_activities (team_id, user_id, kind, place, address, starts_at, ends_at, "
                   "residents_met, on_front_door, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   team_id, user_id, outreach.kind, outreach.place, outreach.address,
                   domain::format_timestamp(outreach.starts_at), domain::format_timestamp(outreach.ends_at), met,
                   std::int64_t{outreach.on_front_door ? 1 : 0}, recorded_at);
  if (!row->step()) throw DatabaseError("INSERT INTO outreach_activities returned no id");
  return row->int64(0);
}

std::optional<OutreachRow> OutreachRepository::find(std::int64_t id) {
  auto row = query(connection_, std::string("SELECT ") + columns + " FROM outreach_activities WHERE id = ?", id);
  if (!row->step()) return std::nullopt;
  return read_row(*row);
}

void OutreachRepository::set_residents_met(std::int64_t id, int residents_met) {
  exec(connection_, "UPDATE outreach_activities SET residents_met = ? WHERE id = ?", std::int64_t{residents_met}, id);
}

void OutreachRepository::remove(std::int64_t id) {
  exec(connection_, "DELETE FROM outreach_activities WHERE id = ?", id);
}

std::vector<OutreachRow> OutreachRepository::of_user(std::int64_t user_id, const std::string& from,
                                                     const std::string& to, int limit) {
  auto rows = query(connection_,
                    std::string("SELECT ") + columns +
                        " FROM outreach_activities WHERE user_id = ? AND starts_at >= ? AND starts_at < ? "
                        "ORDER BY starts_at DESC, id DESC LIMIT ?",
                    user_id, from, to, std::int64_t{limit});
  std::vector<OutreachRow> list;
  while (rows->step()) list.push_back(read_row(*rows));
  return list;
}

std::vector<domain::OutreachListing> OutreachRepository::listed_from(const std::string& now) {
  auto rows = query(connection_,
                    "SELECT id, team_id, user_id, kind, place, address, starts_at, ends_at FROM outreach_activities "
                    "WHERE ends_at > ? AND on_front_door = 1 ORDER BY starts_at, id",
                    now);
  std::vector<domain::OutreachListing> list;
  while (rows->step()) {
    domain::OutreachListing listing;
    listing.id = rows->int64(0);
    listing.team_id = rows->int64(1);
    listing.person_id = rows->int64(2);
    listing.kind = rows->text(3);
    listing.place = rows->text(4);
    listing.address = rows->text(5);
    listing.starts_at = timestamp_of(rows->text(6));
    listing.ends_at = timestamp_of(rows->text(7));
    list.push_back(std::move(listing));
  }
  return list;
}

}  // namespace gezicht::storage
