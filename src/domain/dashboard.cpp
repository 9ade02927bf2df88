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

// Units of one figure, counted per group as the split asks.
class ShareTally {
 public:
  explicit ShareTally(Split split) : split_(split) {}
  void add(const Groups& groups, bool yes) {
    auto& count = counts_[split_ == Split::none ? std::string("all") : groups.of(split_)];
    ++count.first;
    if (yes) ++count.second;
  }
  EquityFigure figure(const EquitySettings& settings) const {
    std::vector<ShareCount> list;
    for (const auto& [group, count] : counts_) list.push_back({group, count.first, count.second});
    return strip(share_figure(list, settings));
  }

 private:
  // Without a split, the one group "all" is the whole: no groups are shown.
  EquityFigure strip(EquityFigure figure) const {
    if (split_ == Split::none) figure.groups.clear();
    return figure;
  }
  Split split_;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts_;
};

class MedianTally {
 public:
  explicit MedianTally(Split split) : split_(split) {}
  void add(const Groups& groups, std::int64_t value) {
    ++values_[split_ == Split::none ? std::string("all") : groups.of(split_)][value];
  }
  EquityFigure figure(const EquitySettings& settings) const {
    std::vector<ValueHistogram> list;
    for (const auto& [group, counts] : values_) list.push_back({group, {counts.begin(), counts.end()}});
    auto figure = median_figure(list, settings);
    if (split_ == Split::none) figure.groups.clear();
    return figure;
  }

 private:
  Split split_;
  std::map<std::string, std::map<std::int64_t, std::int64_t>> values_;
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

const std::string& Groups::of(Split split) const {
  switch (split) {
    case Split::neighbourhood: return neighbourhood;
    case Split::language: return language;
    case Split::age_band: return age_band;
    case Split::household_type: return household_type;
    case Split::background: return background;
    case Split::none: break;
  }
  throw std::invalid_argument("Groups::of: no group for the whole population");
}

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

Dashboard build_dashboard(const DashboardFacts& facts, Split split, std::optional<std::int64_t> team,
                          const EquitySettings& settings) {
  Dashboard dashboard;
  dashboard.split = split;
  auto add = [&](const char* theme, std::string metric, FigureKind kind, EquityFigure figure, bool whole_only = false) {
    dashboard.figures.push_back({theme, std::move(metric), kind, whole_only, std::move(figure)});
  };

  // Reach: every request received in the period.
  ShareTally kept(split);
  MedianTally to_contact(split);
  ShareTally through_neighbourhood(split);
  const auto& routes = arrival_routes();
  std::vector<ShareTally> arrived(routes.size(), ShareTally(split));
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
  MedianTally faces(split);
  MedianTally upc(split);
  MedianTally coc(split);
  MedianTally secon(split);
  ShareTally flagged(split);
  ShareTally asked_other(split);
  ShareTally confirmed(split);
  const int window_days = static_cast<int>((facts.period_end - facts.period_start + 86399) / 86400);
  for (const auto& household : facts.households) {
    if (!in_team(team, household.team_id) || household.contacts.empty()) continue;
    const auto indices = continuity_indices(household.contacts, facts.period_end - 1, window_days);
    faces.add(household.groups, indices.distinct_faces);
    if (indices.upc) upc.add(household.groups, thousandths(*indices.upc));
    if (indices.coc) coc.add(household.groups, thousandths(*indices.coc));
    if (indices.secon) secon.add(household.groups, thousandths(*indices.secon));
    flagged.add(household.groups, continuity_flags(indices, household.fixed_contact_changes_in_year).any());
    asked_other.add(household.groups, household.asked_another_contact);
    confirmed.add(household.groups, household.plan_confirmed);
  }
  ShareTally warm(split);
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
  ShareTally granted(split);
  MedianTally to_decision(split);
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
