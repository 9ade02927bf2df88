#include "web/outreach_presenter.hpp"

#include <cstdio>

#include "domain/calendar.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

std::int64_t seconds_of(const std::string& timestamp) {
  const auto parsed = domain::parse_timestamp(timestamp);
  if (!parsed) throw std::logic_error("a stored time that is not one: " + timestamp);
  return *parsed;
}

// "10:00" in Amsterdam.
std::string clock_text(std::int64_t at) { return domain::format_amsterdam(at).substr(11); }

std::string long_date_without_year(const RequestContext& context, std::int64_t at) {
  std::string text = long_date(context, domain::format_date(domain::amsterdam_date(at)));
  // The coming days need no year; the date written in full keeps it.
  if (text.size() > 5 && text[text.size() - 5] == ' ') text.resize(text.size() - 5);
  return text;
}

}  // namespace

std::string time_span_text(const RequestContext& context, std::int64_t starts_at, std::int64_t ends_at) {
  return long_date_without_year(context, starts_at) + ", " + clock_text(starts_at) + " - " + clock_text(ends_at);
}

TemplateData outreach_row_data(const RequestContext& context, const storage::OutreachRow& row) {
  const auto starts = seconds_of(row.starts_at);
  const auto ends = seconds_of(row.ends_at);
  TemplateData data;
  data.set("id", std::to_string(row.id));
  data.set("kind_text", context.text("outreach.kind." + row.kind));
  data.set("place", row.place);
  data.set("address", row.address);
  data.set("when_text",
           domain::format_amsterdam(starts).substr(0, 10) + ", " + clock_text(starts) + " - " + clock_text(ends));
  char hours[16];
  std::snprintf(hours, sizeof hours, "%.1f", static_cast<double>(ends - starts) / 3600.0);
  data.set("hours_text", hours);
  data.set("on_front_door", row.on_front_door);
  data.set("has_residents_met", row.residents_met.has_value());
  data.set("residents_met", row.residents_met ? std::to_string(*row.residents_met) : std::string());
  return data;
}

Json outreach_row_json(const storage::OutreachRow& row) {
  return {{"id", row.id},
          {"kind", row.kind},
          {"place", row.place},
          {"address", row.address},
          {"starts_at", row.starts_at},
          {"ends_at", row.ends_at},
          {"residents_met", row.residents_met ? Json(*row.residents_met) : Json(nullptr)},
          {"on_front_door", row.on_front_door},
          {"recorded_at", row.recorded_at}};
}

TemplateList presence_data(const RequestContext& context,
                           const std::vector<service::OutreachService::PresenceItem>& items) {
  TemplateList list;
  for (const auto& [listing, person] : items) {
    TemplateData row = person_data(context, person);
    row.set("kind_text", context.text("frontdoor.presence.kind." + listing.kind));
    row.set("place", listing.place);
    row.set("address", listing.address);
    row.set("when_text", time_span_text(context, listing.starts_at, listing.ends_at));
    list.push_back(std::move(row));
  }
  return list;
}

Json presence_json(const std::vector<service::OutreachService::PresenceItem>& items) {
  Json list = Json::array();
  for (const auto& [listing, person] : items) {
    list.push_back({{"kind", listing.kind},
                    {"place", listing.place},
                    {"address", listing.address},
                    {"starts_at", domain::format_timestamp(listing.starts_at)},
                    {"ends_at", domain::format_timestamp(listing.ends_at)},
                    {"person", person_json(person)}});
  }
  return list;
}

}  // namespace gezicht::web
