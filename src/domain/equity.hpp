#pragma once
// The equity monitor: one figure (a share, or a median) for the whole
// population and for each group of a split (neighbourhood, preferred
// language, age band), each with its 95% interval, a flag when a group is
// clearly off the whole, and no figure for a group too small to hide in.
// It audits the organisation on aggregates; nothing here scores a person.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/experience.hpp"

namespace gezicht::domain {

// Every function below checks every setting, so a wrong setting fails where
// it is made and not on the first median. Out of range: std::invalid_argument.
struct EquitySettings {
  // Groups with fewer units are suppressed; at least
  // minimum_suppression_threshold.
  int min_group = default_suppression_threshold;
  // A group is flagged only when its whole interval lies outside
  // [band_low * whole, band_high * whole]: a difference we are not sure of,
  // or a small one, is no finding. 0 < band_low <= 1 <= band_high.
  double band_low = 0.8;
  double band_high = 1.25;
  // Bootstrap resamples for a median's interval; at least 1000, so the 2.5th
  // and 97.5th percentiles rest on more than a handful of resamples.
  int resamples = 1000;
  // Fixed, so the same data gives the same interval every time.
  std::uint64_t seed = 20261205;
};

// Throws std::invalid_argument naming the setting that is out of range.
void check_equity_settings(const EquitySettings& settings);

// below: the interval lies wholly under band_low * whole; above: wholly over
// band_high * whole. When the whole's value is 0 (a share of 0, a median of
// 0) the band collapses to [0, 0]: a group is then above as soon as its
// interval excludes 0, and never below.
enum class EquityFlag { none, below, above };
const char* to_string(EquityFlag flag);  // "none", "below", "above"

struct EquityCell {
  std::string group;  // the group's key; "" for the whole population
  // A suppressed cell carries its key and nothing else, and does not say
  // why: too few units, or hidden so that another hidden group cannot be
  // worked out from the whole and the groups shown (see below).
  bool suppressed = false;
  std::int64_t n = 0;  // units counted
  double value = 0;    // the share (0..1) or the median
  double ci_low = 0;   // its 95% interval
  double ci_high = 0;
  EquityFlag flag = EquityFlag::none;  // always none for the whole
};

struct EquityFigure {
  // Suppressed when it has fewer than min_group units; every group is then
  // suppressed too.
  EquityCell whole;
  // Every group with at least one unit, ordered by key, suppressed ones
  // included: a page shows that they had fewer than min_group.
  std::vector<EquityCell> groups;
};

// Suppression, the same for shares and medians. First, a group with fewer
// than min_group units is hidden. Then, because the whole's n is shown, the
// hidden groups together are the whole minus the groups shown, a figure
// anyone can work out; so, while that leaves a hidden group open, the
// shown group with the fewest units (ties: the first by key) is hidden too:
//   - exactly one group hidden: the difference is that group;
//   - the hidden groups together have fewer than min_group units: the
//     difference is then itself a small group (with, for a share, its yes
//     count), which the first rule would never show;
//   - the hidden groups together have as many units as there are of them:
//     a listed group has at least one unit, so each has exactly one.
// It stops when no group is left to hide. The one case it cannot cover is a
// split of nothing but one-unit groups; the whole is then still shown,
// because it is the same in every split and hiding it here protects nothing.

// Per group: units and successes. The whole is the sum over the groups.
struct ShareCount {
  std::string group;
  std::int64_t n = 0;
  std::int64_t yes = 0;
};
// value = yes / n with its 95% Wilson interval (wilson_interval in
// domain/experience.hpp). Throws std::invalid_argument for an empty or
// repeated key, a negative n, yes outside 0..n, or units that do not fit
// in 64 bits together. A group with n = 0 is checked and left out.
EquityFigure share_figure(const std::vector<ShareCount>& groups, const EquitySettings& settings);

// A group's values as a histogram: value -> count, in a unit the caller
// chooses (hours, thousandths of an index). Any order; a value may repeat
// (its counts are added). Values must be 0 or more: the band is a ratio of
// the whole's value, which only means something on a scale with a true zero.
struct ValueHistogram {
  std::string group;
  std::vector<std::pair<std::int64_t, std::int64_t>> counts;
};
// value = the median, the mean of the two middle values when n is even (R's
// type 7, as in domain/breakthrough_report.hpp). Interval: percentile
// bootstrap, the 2.5th and 97.5th percentiles (type 7) of the medians of
// `resamples` resamples with replacement (bootstrap_medians). Throws
// std::invalid_argument for an empty or repeated key, a negative value or
// count, or units that do not fit in 64 bits together. A group without
// units is checked and left out.
class MedianIntervalMemo;
// With a memo, an interval drawn before for the same input is taken from it.
EquityFigure median_figure(const std::vector<ValueHistogram>& groups, const EquitySettings& settings,
                           MedianIntervalMemo* memo = nullptr);

// Bootstrap intervals already drawn, by their whole input (group key, seed,
// resamples and every value's count), so a group whose units did not change
// since the last read is not drawn again. The draw is a pure function of
// that input: an interval from the memo equals a fresh one. Not
// thread-safe; emptied when it holds `capacity` intervals.
class MedianIntervalMemo {
 public:
  explicit MedianIntervalMemo(std::size_t capacity = 50000) : capacity_(capacity) {}
  const std::pair<double, double>* find(const std::string& input) const;
  void remember(std::string input, std::pair<double, double> interval);
  std::size_t size() const { return intervals_.size(); }

 private:
  std::size_t capacity_;
  std::unordered_map<std::string, std::pair<double, double>> intervals_;
};

// The median (type 7) of a histogram as above. Throws std::invalid_argument
// when it has no units or breaks the rules above.
double histogram_median(const std::vector<std::pair<std::int64_t, std::int64_t>>& counts);

// The medians of `resamples` resamples of size n drawn with replacement,
// in draw order. Never drawn unit by unit: a resample's sorted values are
// the histogram's quantiles of n sorted uniforms, so its middle rank r is
// the quantile of a Beta(r, n - r + 1) draw (two Gamma draws), and for an
// even n the rank above it is the lowest of the n - r uniforms above that
// (one more draw). A few draws per resample, whatever n and the number of
// values: 1000 resamples of a million units take about 0.1 ms.
// The random stream is std::mt19937_64 seeded with SplitMix64(seed ^
// FNV-1a-64(group)): each group has its own stream, and a group's interval
// does not depend on which other groups are in the split. The draws follow
// std::gamma_distribution, so they repeat exactly on one standard library
// and may differ on another. Throws std::invalid_argument when resamples < 1
// or as histogram_median.
std::vector<double> bootstrap_medians(const std::vector<std::pair<std::int64_t, std::int64_t>>& counts, int resamples,
                                      std::uint64_t seed, const std::string& group);

// Builders for tests and small callers, from one entry per unit; ordered
// by key, no checks (the figures check).
std::vector<ShareCount> count_shares(const std::vector<std::pair<std::string, bool>>& units);
std::vector<ValueHistogram> histograms(const std::vector<std::pair<std::string, std::int64_t>>& units);

}  // namespace gezicht::domain
