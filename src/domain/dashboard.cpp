#include "domain/dashboard.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <stdexcept>

#include "domain/experience.hpp"
#include "domain/referral.hpp"

namespace gezicht::domain {
namespace {

constexpr std::int64_t hour = 3600;

// The slot a unit is counted in: its group's code, or 0 ("all") without a split.
std::size_t slot_of(const Groups& groups, Split split) { return split == Split::none ? 0 : groups.of(split); }

const std::string& slot_name(const GroupNames& names, Split split, std::size_t slot) {
  static const std::string all = "all";
  return split == Split::none ? all : names.name(split, static_cast<std::uint16_t>(slot));
}

// Units of one figure, counted per group as the split asks.
class ShareTally {
 public:
  ShareTally(Split split, const GroupNames& names) : split_(split), names_(&names) {}
  void add(const Groups& groups, bool yes) {
    const auto slot = slot_of(groups, split_);
    if (slot >= counts_.size()) counts_.resize(slot + 1);
    ++counts_[slot].first;
    if (yes) ++counts_[slot].second;
  }
  EquityFigure figure(const EquitySettings& settings) const {
    std::vector<ShareCount> list;
    for (std::size_t slot = 0; slot < counts_.size(); ++slot) {
      if (counts_[slot].first > 0)
        list.push_back({slot_name(*names_, split_, slot), counts_[slot].first, counts_[slot].second});
    }
    auto figure = share_figure(list, settings);
    // Without a split, the one group "all" is the whole: no groups are shown.
    if (split_ == Split::none) figure.groups.clear();
    return figure;
  }

 private:
  Split split_;
  const GroupNames* names_;
  std::vector<std::pair<std::int64_t, std::int64_t>> counts_;  // per slot: units, yes
};

class MedianTally {
 public:
  MedianTally(Split split, const GroupNames& names, MedianIntervalMemo* memo)
      : split_(split), names_(&names), memo_(memo) {}
  void add(const Groups& groups, std::int64_t value) {
    const auto slot = slot_of(groups, split_);
    if (slot >= slots_.size()) slots_.resize(slot + 1);
    auto& histogram = slots_[slot];
    ++histogram.units;
    // Hours and thousandths are small: counted in an array, the rare large value in a map.
    if (value >= 0 && value < dense_limit) {
      const auto index = static_cast<std::size_t>(value);
      if (index >= histogram.dense.size()) histogram.dense.resize(index + 1);
      ++histogram.dense[index];
    } else {
      ++histogram.sparse[value];
    }
  }
  EquityFigure figure(const EquitySettings& settings) const {
    std::vector<ValueHistogram> list;
    for (std::size_t slot = 0; slot < slots_.size(); ++slot) {
      const auto& histogram = slots_[slot];
      if (histogram.units == 0) continue;
      ValueHistogram entry{slot_name(*names_, split_, slot), {}};
      for (std::size_t value = 0; value < histogram.dense.size(); ++value) {
        if (histogram.dense[value] > 0)
          entry.counts.emplace_back(static_cast<std::int64_t>(value), histogram.dense[value]);
      }
      entry.counts.insert(entry.counts.end(), histogram.sparse.begin(), histogram.sparse.end());
      list.push_back(std::move(entry));
    }
    auto figure = median_figure(list, settings, memo_);
    if (split_ == Split::none) figure.groups.clear();
    return figure;
  }

 private:
  static constexpr std::int64_t dense_limit = 1 << 16;
  struct Histogram {
    std::int64_t units = 0;
    std::vector<std::int64_t> dense;
    std::map<std::int64_t, std::int64_t> sparse;
  };
  Split split_;
  const GroupNames* names_;
  MedianIntervalMemo* memo_;
  std::vector<Histogram> slots_;
};

std::int64_t thousandths(double index) { return std::llround(index * 1000.0); }

// A figure about staff: the whole only, not suppressed.
EquityFigure staff_share(std::int64_t n, std::int64_t yes) {
  EquityFigure figure;
  figure.whole.n = n;
  if (n == 0) return figure;
  figure.whole.suppressed = false;
  const auto share = wilson_interval(yes, n);
  figure.whole.value = share.share;
  figure.whole.ci_low = share.low;
  figure.whole.ci_high = share.high;
  return figure;
}

EquityFigure total(std::int64_t n, double sum, bool suppressed) {
  EquityFigure figure;
  figure.whole.suppressed = suppressed;
  if (suppressed) return figure;
  figure.whole.n = n;
  figure.whole.value = figure.whole.ci_low = figure.whole.ci_high = sum;
  return figure;
}

bool in_team(std::optional<std::int64_t> team, std::int64_t team_id) { return !team || *team == team_id; }

}  // namespace

const std::vector<Split>& all_splits() {
  static const std::vector<Split> splits{Split::neighbourhood, Split::language, Split::age_band, Split::household_type,
                                         Split::background};
  return splits;
}

const char* to_string(Split split) {
  switch (split) {
    case Split::none: return "none";
    case Split::neighbourhood: return "neighbourhood";
    case Split::language: return "language";
    case Split::age_band: return "age_band";
    case Split::household_type: return "household_type";
    case Split::background: return "background";
  }
  return "none";
}

std::optional<Split> parse_split(std::string_view text) {
  if (text == "none") return Split::none;
  for (auto split : all_splits()) {
    if (text == to_string(split)) return split;
  }
  return std::nullopt;
}

namespace {
std::size_t split_index(Split split) {
  if (split == Split::none) throw std::invalid_argument("no group for the whole population");
  return static_cast<std::size_t>(split) - 1;
}
}  // namespace

std::uint16_t Groups::of(Split split) const { return codes[split_index(split)]; }

GroupNames::GroupNames() {
  for (auto split : all_splits()) code(split, "unknown");
}

std::uint16_t GroupNames::code(Split split, std::string_view name) {
  const auto index = split_index(split);
  auto& codes = codes_[index];
  const auto found = codes.find(name);
  if (found != codes.end()) return found->second;
  auto& names = names_[index];
  if (names.size() > 0xFFFF) throw std::length_error("more than 65,535 groups in one split");
  const auto next = static_cast<std::uint16_t>(names.size());
  names.emplace_back(name);
  codes.emplace(std::string(name), next);
  return next;
}

Groups GroupNames::intern(const GroupLabels& labels) {
  Groups groups;
  groups.codes[split_index(Split::neighbourhood)] = code(Split::neighbourhood, labels.neighbourhood);
  groups.codes[split_index(Split::language)] = code(Split::language, labels.language);
  groups.codes[split_index(Split::age_band)] = code(Split::age_band, labels.age_band);
  groups.codes[split_index(Split::household_type)] = code(Split::household_type, labels.household_type);
  groups.codes[split_index(Split::background)] = code(Split::background, labels.background);
  return groups;
}

const std::string& GroupNames::name(Split split, std::uint16_t code) const {
  const auto& names = names_[split_index(split)];
  if (code >= names.size()) throw std::out_of_range("a group code without a name");
  return names[code];
}

std::size_t GroupNames::size(Split split) const { return names_[split_index(split)].size(); }

std::string age_band(std::optional<int> birth_year, int year) {
  if (!birth_year || *birth_year > year) return "unknown";
  const int age = year - *birth_year;
  if (age < 27) return "under_27";
  if (age < 45) return "27_44";
  if (age < 67) return "45_66";
  return "67_plus";
}

std::string household_type(int adults, int children) {
  if (adults <= 0) return "unknown";
  if (adults == 1) return children > 0 ? "single_parent" : "single";
  return children > 0 ? "family" : "adults";
}

const char* to_string(FigureKind kind) {
  switch (kind) {
    case FigureKind::share: return "share";
    case FigureKind::median: return "median";
    case FigureKind::total: return "total";
  }
  return "share";
}

DashboardContinuity dashboard_continuity(std::span<const Contact> contacts, std::int64_t period_start,
                                         std::int64_t period_end) {
  const int window_days = static_cast<int>((period_end - period_start + 86399) / 86400);
  const auto indices = continuity_indices(contacts, period_end - 1, window_days);
  const auto in_thousandths = [](const std::optional<double>& index) {
    return index ? static_cast<std::int32_t>(thousandths(*index)) : -1;
  };
  return {indices.contacts,
          indices.distinct_faces,
          indices.distinct_faces_90d,
          in_thousandths(indices.upc),
          in_thousandths(indices.coc),
          in_thousandths(indices.secon)};
}

Dashboard build_dashboard(const DashboardFacts& facts, Split split, std::optional<std::int64_t> team,
                          const EquitySettings& settings, MedianIntervalMemo* memo) {
  Dashboard dashboard;
  dashboard.split = split;
  auto add = [&](const char* theme, std::string metric, FigureKind kind, EquityFigure figure, bool whole_only = false) {
    dashboard.figures.push_back({theme, std::move(metric), kind, whole_only, std::move(figure)});
  };

  // Reach: every request received in the period.
  ShareTally kept(split, facts.names);
  MedianTally to_contact(split, facts.names, memo);
  ShareTally through_neighbourhood(split, facts.names);
  const auto& routes = arrival_routes();
  std::vector<ShareTally> arrived(routes.size(), ShareTally(split, facts.names));
  for (const auto& referral : facts.referrals) {
    if (!in_team(team, referral.team_id)) continue;
    if (referral.first_contact_at) {
      const auto day = referral.first_contact_day.value_or("");
      kept.add(referral.groups, day <= referral.promised_by);
      to_contact.add(referral.groups,
                     std::max<std::int64_t>(0, *referral.first_contact_at - referral.created_at) / hour);
      through_neighbourhood.add(referral.groups,
                                referral.arrived_via == "outreach" || referral.arrived_via == "walk_in");
    } else if (referral.promised_by < facts.today) {
      kept.add(referral.groups, false);  // the day passed without a contact
    }
    for (std::size_t i = 0; i < routes.size(); ++i) arrived[i].add(referral.groups, referral.arrived_via == routes[i]);
  }
  add("reach", "promise_kept", FigureKind::share, kept.figure(settings));
  add("reach", "hours_to_first_contact", FigureKind::median, to_contact.figure(settings));
  for (std::size_t i = 0; i < routes.size(); ++i) {
    add("reach", "arrived_" + routes[i], FigureKind::share, arrived[i].figure(settings));
  }

  // One face and plans: every household with a contact in the period.
  MedianTally faces(split, facts.names, memo);
  MedianTally upc(split, facts.names, memo);
  MedianTally coc(split, facts.names, memo);
  MedianTally secon(split, facts.names, memo);
  ShareTally flagged(split, facts.names);
  ShareTally asked_other(split, facts.names);
  ShareTally confirmed(split, facts.names);
  for (const auto& household : facts.households) {
    if (!in_team(team, household.team_id) || household.continuity.contacts == 0) continue;
    const auto& continuity = household.continuity;
    faces.add(household.groups, continuity.distinct_faces);
    if (continuity.upc >= 0) upc.add(household.groups, continuity.upc);
    if (continuity.coc >= 0) coc.add(household.groups, continuity.coc);
    if (continuity.secon >= 0) secon.add(household.groups, continuity.secon);
    ContinuityIndices for_flags;
    for_flags.distinct_faces_90d = continuity.distinct_faces_90d;
    flagged.add(household.groups, continuity_flags(for_flags, household.fixed_contact_changes_in_year).any());
    asked_other.add(household.groups, household.asked_another_contact);
    confirmed.add(household.groups, household.plan_confirmed);
  }
  ShareTally warm(split, facts.names);
  for (const auto& handover : facts.handovers) {
    if (in_team(team, handover.team_id) && handover.from_user_id != 0) warm.add(handover.groups, handover.warm);
  }
  add("one_face", "distinct_faces", FigureKind::median, faces.figure(settings));
  add("one_face", "upc", FigureKind::median, upc.figure(settings));
  add("one_face", "coc", FigureKind::median, coc.figure(settings));
  add("one_face", "secon", FigureKind::median, secon.figure(settings));
  add("one_face", "continuity_flagged", FigureKind::share, flagged.figure(settings));
  add("one_face", "warm_handover", FigureKind::share, warm.figure(settings));
  add("one_face", "asked_another_contact", FigureKind::share, asked_other.figure(settings));
  add("plans", "plan_confirmed", FigureKind::share, confirmed.figure(settings));

  // Getting things done: breakthroughs asked in the period.
  ShareTally granted(split, facts.names);
  MedianTally to_decision(split, facts.names, memo);
  std::int64_t granted_count = 0;
  std::int64_t spend = 0;
  for (const auto& request : facts.breakthroughs) {
    if (!in_team(team, request.team_id) || !request.decided_at) continue;
    granted.add(request.groups, request.granted);
    to_decision.add(request.groups, std::max<std::int64_t>(0, *request.decided_at - request.asked_at) / hour);
    if (request.granted) {
      ++granted_count;
      spend += request.spend_cents;
    }
  }
  add("getting_done", "breakthrough_granted", FigureKind::share, granted.figure(settings));
  add("getting_done", "hours_to_decision", FigureKind::median, to_decision.figure(settings));
  // One household's amount is never shown: no spend under min_group grants.
  add("getting_done", "spend_euro", FigureKind::total,
      total(granted_count, static_cast<double>(spend) / 100.0, granted_count < settings.min_group), true);

  // Trust: per statement, the share (completely) agreeing of those who had an opinion.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> statements;
  for (const auto& response : facts.experience) {
    if (team && response.team_id != team) continue;
    for (const auto& [statement, answer] : response.answers) {
      const auto agreement = parse_agreement(answer);
      if (!agreement || *agreement == Agreement::dont_know) continue;
      auto& count = statements[statement];
      ++count.first;
      if (*agreement == Agreement::agree || *agreement == Agreement::completely_agree) ++count.second;
    }
  }
  for (const auto& [statement, count] : statements) {
    add("trust", "agree_" + statement, FigureKind::share, share_figure({{"all", count.first, count.second}}, settings),
        true);
    dashboard.figures.back().figure.groups.clear();
  }

  // Human scale and outreach: about staff, the whole only.
  std::int64_t professionals = 0;
  std::int64_t over_cap = 0;
  std::map<std::int64_t, std::int64_t> caseload_counts;
  for (const auto& caseload : facts.caseloads) {
    if (!in_team(team, caseload.team_id)) continue;
    ++professionals;
    if (caseload.households > caseload.cap) ++over_cap;
    ++caseload_counts[caseload.households];
  }
  add("human_scale", "over_cap", FigureKind::share, staff_share(professionals, over_cap), true);
  EquityFigure caseload;
  if (professionals > 0) {
    caseload.whole.suppressed = false;
    caseload.whole.n = professionals;
    caseload.whole.value = caseload.whole.ci_low = caseload.whole.ci_high =
        histogram_median({caseload_counts.begin(), caseload_counts.end()});
  }
  add("human_scale", "caseload", FigureKind::median, caseload, true);
  std::int64_t activities = 0;
  std::int64_t seconds = 0;
  std::int64_t met = 0;
  for (const auto& outreach : facts.outreach) {
    if (!in_team(team, outreach.team_id)) continue;
    ++activities;
    seconds += outreach.seconds;
    met += outreach.residents_met;
  }
  add("outreach", "outreach_hours", FigureKind::total,
      total(activities, static_cast<double>(seconds) / static_cast<double>(hour), false), true);
  add("outreach", "outreach_residents_met", FigureKind::total, total(activities, static_cast<double>(met), false),
      true);
  add("outreach", "first_contact_in_neighbourhood", FigureKind::share, through_neighbourhood.figure(settings));
  return dashboard;
}

}  // namespace gezicht::domain
