#include "domain/outreach.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

std::optional<std::int64_t> parse_time(const std::string& text) {
  if (!text.empty() && text.back() == 'Z') return parse_timestamp(text);
  return parse_amsterdam_local(text);
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

const std::vector<std::string>& outreach_kinds() {
  static const std::vector<std::string> kinds{"walk_in", "outreach_round", "community_activity"};
  return kinds;
}

std::optional<int> parse_residents_met(const std::string& text) {
  const std::string trimmed(trim_view(text));
  if (trimmed.empty()) return std::nullopt;
  if (trimmed.size() > 4 || !std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw ValidationError("residents_met", "outreach.residents_met_invalid");
  }
  const int count = std::stoi(trimmed);
  if (count > max_residents_met) throw ValidationError("residents_met", "outreach.residents_met_invalid");
  return count;
}

void check_residents_met_allowed(std::int64_t starts_at, std::int64_t now) {
  if (starts_at > now) throw ValidationError("residents_met", "outreach.residents_met_future");
}

bool may_cancel_outreach(std::int64_t starts_at, std::int64_t now) { return starts_at > now; }

ValidOutreach validate_outreach(const OutreachInput& input, std::int64_t now) {
  std::vector<FieldError> errors;
  ValidOutreach valid;
  valid.kind = input.kind;
  if (input.kind.empty()) {
    errors.push_back({"kind", "outreach.kind_required"});
  } else if (!contains(outreach_kinds(), input.kind)) {
    errors.push_back({"kind", "outreach.kind_invalid"});
  }
  valid.place = collapse_spaces(input.place);
  if (valid.place.empty()) {
    errors.push_back({"place", "outreach.place_required"});
  } else if (!is_clean_line(valid.place) || utf8_length(valid.place) > max_outreach_place_length) {
    errors.push_back({"place", "outreach.place_invalid"});
  }
  valid.address = collapse_spaces(input.address);
  if (!is_clean_line(valid.address) || utf8_length(valid.address) > max_outreach_place_length) {
    errors.push_back({"address", "outreach.address_invalid"});
  }

  const auto starts = parse_time(std::string(trim_view(input.starts_at)));
  const auto ends = parse_time(std::string(trim_view(input.ends_at)));
  if (!starts) {
    errors.push_back({"starts_at", input.starts_at.empty() ? "outreach.starts_required" : "outreach.time_invalid"});
  } else if (*starts < now - outreach_record_back_seconds) {
    errors.push_back({"starts_at", "outreach.too_long_ago"});
  } else if (*starts > now + outreach_plan_ahead_seconds) {
    errors.push_back({"starts_at", "outreach.too_far_ahead"});
  }
  if (!ends) {
    errors.push_back({"ends_at", input.ends_at.empty() ? "outreach.ends_required" : "outreach.time_invalid"});
  } else if (starts && *ends <= *starts) {
    errors.push_back({"ends_at", "outreach.ends_before_start"});
  } else if (starts && *ends - *starts > max_outreach_seconds) {
    errors.push_back({"ends_at", "outreach.too_long"});
  }
  try {
    valid.residents_met = parse_residents_met(input.residents_met);
    if (valid.residents_met && starts) check_residents_met_allowed(*starts, now);
  } catch (const ValidationError& error) {
    errors.insert(errors.end(), error.errors().begin(), error.errors().end());
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  valid.starts_at = *starts;
  valid.ends_at = *ends;
  valid.on_front_door = input.on_front_door;
  return valid;
}

std::vector<OutreachListing> coming_week(const std::vector<OutreachListing>& listings, std::int64_t team_id,
                                         std::int64_t now) {
  std::vector<OutreachListing> coming;
  const std::int64_t horizon = now + std::int64_t{presence_days} * 86400;
  for (const auto& listing : listings) {
    if (listing.team_id == team_id && listing.ends_at > now && listing.starts_at < horizon) coming.push_back(listing);
  }
  std::sort(coming.begin(), coming.end(), [](const OutreachListing& a, const OutreachListing& b) {
    return a.starts_at != b.starts_at ? a.starts_at < b.starts_at : a.id < b.id;
  });
  return coming;
}

}  // namespace gezicht::domain
