#include "domain/equity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>

namespace gezicht::domain {
namespace {

using Counts = std::vector<std::pair<std::int64_t, std::int64_t>>;

std::int64_t add_units(std::int64_t total, std::int64_t more) {
  if (more > std::numeric_limits<std::int64_t>::max() - total) {
    throw std::invalid_argument("equity: more units than fit in 64 bits");
  }
  return total + more;
}

// The input's keys in order: none empty, none twice.
template <typename Group>
std::vector<const Group*> by_key(const std::vector<Group>& groups) {
  std::vector<const Group*> sorted;
  for (const auto& group : groups) {
    if (group.group.empty()) throw std::invalid_argument("equity: a group without a key (\"\" is the whole)");
    sorted.push_back(&group);
  }
  std::sort(sorted.begin(), sorted.end(), [](const Group* a, const Group* b) { return a->group < b->group; });
  const auto twice = std::adjacent_find(sorted.begin(), sorted.end(),
                                        [](const Group* a, const Group* b) { return a->group == b->group; });
  if (twice != sorted.end()) throw std::invalid_argument("equity: group '" + (*twice)->group + "' appears twice");
  return sorted;
}

// A histogram checked, merged and sorted by value, without empty values.
struct Histogram {
  std::vector<std::int64_t> values;
  std::vector<std::int64_t> below;  // below[k]: units with a value under values[k]; below[K] = n
  std::int64_t n() const { return below.back(); }
};

Histogram normalise(const Counts& counts) {
  std::int64_t total = 0;
  for (const auto& [value, count] : counts) {
    if (value < 0) throw std::invalid_argument("equity: a negative value " + std::to_string(value));
    if (count < 0) throw std::invalid_argument("equity: a negative count for value " + std::to_string(value));
    total = add_units(total, count);
  }
  // Sorted in a vector, not merged in a map: a dashboard normalises about 1,400 of these per read.
  const auto by_value = [](const auto& a, const auto& b) { return a.first < b.first; };
  Counts sorted;
  const Counts* in_order = &counts;
  if (!std::is_sorted(counts.begin(), counts.end(), by_value)) {
    sorted = counts;
    std::sort(sorted.begin(), sorted.end(), by_value);
    in_order = &sorted;
  }
  Histogram histogram;
  histogram.values.reserve(in_order->size());
  histogram.below.reserve(in_order->size() + 1);
  histogram.below.push_back(0);
  for (const auto& [value, count] : *in_order) {
    if (count == 0) continue;
    if (!histogram.values.empty() && histogram.values.back() == value) {
      histogram.below.back() += count;
    } else {
      histogram.values.push_back(value);
      histogram.below.push_back(histogram.below.back() + count);
    }
  }
  return histogram;
}

// The 0-based middle ranks (equal when n is odd); type 7 averages their values.
std::pair<std::int64_t, std::int64_t> middle_ranks(std::int64_t n) { return {(n - 1) / 2, n / 2}; }

double median_of(const Histogram& histogram) {
  const auto [low, high] = middle_ranks(histogram.n());
  const auto at = [&](std::int64_t rank) {
    const auto above = std::upper_bound(histogram.below.begin(), histogram.below.end(), rank);
    return static_cast<double>(histogram.values[static_cast<std::size_t>(above - histogram.below.begin()) - 1]);
  };
  return (at(low) + at(high)) / 2;
}

// Draws resample medians through order statistics (see bootstrap_medians):
// sorting a resample of n units is sorting n uniform draws and reading each
// through the histogram's quantile function (unit floor(u * n) in value
// order), which keeps their order. So the resample's rank-r value is the
// quantile of the rank-r of n uniforms, which is Beta(r, n - r + 1), drawn
// as Ga / (Ga + Gb) from two Gamma draws. For an even n the rank above it
// is the lowest of the n - r uniforms above u: u + (1 - u)(1 - W^(1/(n - r)))
// with W uniform. A few draws per resample, whatever n and the values.
class MedianSampler {
 public:
  MedianSampler(const Histogram& histogram, std::mt19937_64& random)
      : histogram_(histogram),
        random_(random),
        n_(histogram.n()),
        ranks_(middle_ranks(n_)),
        below_(static_cast<double>(ranks_.first + 1)),
        above_(static_cast<double>(n_ - ranks_.first)) {}

  double draw() {
    const double a = below_(random_);
    const double b = above_(random_);
    const double u = a / (a + b);
    const double low = value_at(u);
    if (ranks_.second == ranks_.first) return low;
    // 1 - W^(1/m) without losing digits when m is large.
    const double w = 1.0 - uniform_(random_);  // (0, 1]
    const double m = static_cast<double>(n_ - ranks_.first - 1);
    const double next = u - (1.0 - u) * std::expm1(std::log(w) / m);
    return (low + value_at(next)) / 2;
  }

 private:
  double value_at(double u) const {
    const auto unit = std::clamp<std::int64_t>(static_cast<std::int64_t>(u * static_cast<double>(n_)), 0, n_ - 1);
    const auto& below = histogram_.below;
    const auto above = std::upper_bound(below.begin(), below.end(), unit);
    return static_cast<double>(histogram_.values[static_cast<std::size_t>(above - below.begin()) - 1]);
  }

  const Histogram& histogram_;
  std::mt19937_64& random_;
  std::int64_t n_;
  std::pair<std::int64_t, std::int64_t> ranks_;  // 0-based, as middle_ranks
  std::gamma_distribution<double> below_;        // shape r (the lower middle rank, from 1)
  std::gamma_distribution<double> above_;        // shape n - r + 1
  std::uniform_real_distribution<double> uniform_;
};

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// SplitMix64's finaliser: nearby seeds and keys give unrelated streams.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

std::vector<double> resample_medians(const Histogram& histogram, int resamples, std::uint64_t seed,
                                     const std::string& group) {
  std::mt19937_64 random(mix(seed ^ fnv1a(group)));
  MedianSampler sampler(histogram, random);
  std::vector<double> medians;
  medians.reserve(static_cast<std::size_t>(resamples));
  for (int i = 0; i < resamples; ++i) medians.push_back(sampler.draw());
  return medians;
}

// Linear between the two nearest ranks (R type 7): rank p * (n - 1), from 0.
double percentile(const std::vector<double>& sorted, double p) {
  const double rank = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(rank));
  const auto above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (rank - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

struct Estimate {
  double value = 0;
  double low = 0;
  double high = 0;
};

// The rule in the header: hide groups until no hidden one is open to a
// difference of the whole and the groups shown.
std::vector<bool> hidden_groups(const std::vector<std::int64_t>& sizes, int min_group) {
  std::vector<bool> hidden;
  for (const auto size : sizes) hidden.push_back(size < min_group);
  for (;;) {
    std::int64_t count = 0;
    std::int64_t units = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      if (!hidden[i]) continue;
      ++count;
      units += sizes[i];
    }
    if (count == 0 || (count >= 2 && units >= min_group && units > count)) return hidden;
    std::size_t smallest = sizes.size();
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      if (hidden[i]) continue;
      // Ties: keys are sorted, so the first seen is the first by key.
      if (smallest == sizes.size() || sizes[i] < sizes[smallest]) smallest = i;
    }
    if (smallest == sizes.size()) return hidden;
    hidden[smallest] = true;
  }
}

EquityFlag flag_of(const EquityCell& cell, double whole, const EquitySettings& settings) {
  if (cell.ci_high < settings.band_low * whole) return EquityFlag::below;
  if (cell.ci_low > settings.band_high * whole) return EquityFlag::above;
  return EquityFlag::none;
}

// The figure for groups sorted by key, each with at least one unit;
// estimate(i) gives group i's figure and estimate(keys.size()) the whole's.
template <typename EstimateOf>
EquityFigure build_figure(const std::vector<std::string>& keys, const std::vector<std::int64_t>& sizes,
                          const EquitySettings& settings, EstimateOf estimate) {
  EquityFigure figure;
  std::int64_t total = 0;
  for (const auto size : sizes) total = add_units(total, size);
  const bool whole_hidden = total < settings.min_group;
  const auto hidden = hidden_groups(sizes, settings.min_group);
  const auto fill = [&](EquityCell& cell, std::size_t index, std::int64_t n) {
    const auto found = estimate(index);
    cell.n = n;
    cell.value = found.value;
    cell.ci_low = found.low;
    cell.ci_high = found.high;
  };
  figure.whole.suppressed = whole_hidden;
  if (!whole_hidden) fill(figure.whole, keys.size(), total);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EquityCell cell;
    cell.group = keys[i];
    cell.suppressed = hidden[i];  // all of them when the whole is: each is below min_group then
    if (!cell.suppressed) {
      fill(cell, i, sizes[i]);
      cell.flag = flag_of(cell, figure.whole.value, settings);
    }
    figure.groups.push_back(std::move(cell));
  }
  return figure;
}

}  // namespace

void check_equity_settings(const EquitySettings& settings) {
  if (settings.min_group < minimum_suppression_threshold) {
    throw std::invalid_argument("equity: min_group " + std::to_string(settings.min_group) + " is below the minimum " +
                                std::to_string(minimum_suppression_threshold));
  }
  // Written so that NaN fails too.
  if (!(settings.band_low > 0 && settings.band_low <= 1 && settings.band_high >= 1)) {
    throw std::invalid_argument("equity: the band must satisfy 0 < band_low <= 1 <= band_high");
  }
  if (settings.resamples < 1000) throw std::invalid_argument("equity: resamples must be at least 1000");
}

const char* to_string(EquityFlag flag) {
  switch (flag) {
    case EquityFlag::none: return "none";
    case EquityFlag::below: return "below";
    case EquityFlag::above: return "above";
  }
  return "none";
}

EquityFigure share_figure(const std::vector<ShareCount>& groups, const EquitySettings& settings) {
  check_equity_settings(settings);
  std::vector<std::string> keys;
  std::vector<std::int64_t> sizes;
  std::vector<std::int64_t> yes;
  std::int64_t total = 0;
  std::int64_t total_yes = 0;
  for (const auto* group : by_key(groups)) {
    if (group->n < 0) throw std::invalid_argument("equity: group '" + group->group + "' has a negative n");
    if (group->yes < 0 || group->yes > group->n) {
      throw std::invalid_argument("equity: group '" + group->group + "' has yes outside 0..n");
    }
    if (group->n == 0) continue;
    keys.push_back(group->group);
    sizes.push_back(group->n);
    yes.push_back(group->yes);
    total = add_units(total, group->n);
    total_yes += group->yes;  // yes <= n, so no overflow once the n's fit
  }
  return build_figure(keys, sizes, settings, [&](std::size_t i) {
    const auto share = i < keys.size() ? wilson_interval(yes[i], sizes[i]) : wilson_interval(total_yes, total);
    return Estimate{share.share, share.low, share.high};
  });
}

namespace {
// Everything the draw depends on, as bytes.
std::string interval_input(const Histogram& histogram, const EquitySettings& settings, const std::string& key) {
  std::string input = key;
  input.push_back('\0');
  const auto append = [&](std::int64_t number) { input.append(reinterpret_cast<const char*>(&number), sizeof number); };
  append(static_cast<std::int64_t>(settings.seed));
  append(settings.resamples);
  for (std::size_t k = 0; k < histogram.values.size(); ++k) {
    append(histogram.values[k]);
    append(histogram.below[k + 1] - histogram.below[k]);
  }
  return input;
}
}  // namespace

const std::pair<double, double>* MedianIntervalMemo::find(const std::string& input) const {
  const auto found = intervals_.find(input);
  return found == intervals_.end() ? nullptr : &found->second;
}

void MedianIntervalMemo::remember(std::string input, std::pair<double, double> interval) {
  if (intervals_.size() >= capacity_) intervals_.clear();
  intervals_.emplace(std::move(input), interval);
}

EquityFigure median_figure(const std::vector<ValueHistogram>& groups, const EquitySettings& settings,
                           MedianIntervalMemo* memo) {
  check_equity_settings(settings);
  std::vector<std::string> keys;
  std::vector<std::int64_t> sizes;
  std::vector<Histogram> parts;
  Counts all;
  for (const auto* group : by_key(groups)) {
    auto histogram = normalise(group->counts);
    if (histogram.n() == 0) continue;
    keys.push_back(group->group);
    sizes.push_back(histogram.n());
    parts.push_back(std::move(histogram));
    all.insert(all.end(), group->counts.begin(), group->counts.end());
  }
  const auto whole = normalise(all);
  const std::string whole_key;
  return build_figure(keys, sizes, settings, [&](std::size_t i) {
    const auto& histogram = i < keys.size() ? parts[i] : whole;
    const auto& key = i < keys.size() ? keys[i] : whole_key;
    std::string input;
    if (memo) {
      input = interval_input(histogram, settings, key);
      if (const auto* known = memo->find(input)) return Estimate{median_of(histogram), known->first, known->second};
    }
    auto medians = resample_medians(histogram, settings.resamples, settings.seed, key);
    std::sort(medians.begin(), medians.end());
    const Estimate estimate{median_of(histogram), percentile(medians, 0.025), percentile(medians, 0.975)};
    if (memo) memo->remember(std::move(input), {estimate.low, estimate.high});
    return estimate;
  });
}

double histogram_median(const Counts& counts) {
  const auto histogram = normalise(counts);
  if (histogram.n() == 0) throw std::invalid_argument("equity: the median of no units");
  return median_of(histogram);
}

std::vector<double> bootstrap_medians(const Counts& counts, int resamples, std::uint64_t seed,
                                      const std::string& group) {
  if (resamples < 1) throw std::invalid_argument("equity: resamples must be at least 1");
  const auto histogram = normalise(counts);
  if (histogram.n() == 0) throw std::invalid_argument("equity: a bootstrap of no units");
  return resample_medians(histogram, resamples, seed, group);
}

std::vector<ShareCount> count_shares(const std::vector<std::pair<std::string, bool>>& units) {
  std::map<std::string, ShareCount> groups;
  for (const auto& [key, yes] : units) {
    auto& group = groups[key];
    group.group = key;
    ++group.n;
    if (yes) ++group.yes;
  }
  std::vector<ShareCount> list;
  for (auto& entry : groups) list.push_back(std::move(entry.second));
  return list;
}

std::vector<ValueHistogram> histograms(const std::vector<std::pair<std::string, std::int64_t>>& units) {
  std::map<std::string, std::map<std::int64_t, std::int64_t>> groups;
  for (const auto& [key, value] : units) ++groups[key][value];
  std::vector<ValueHistogram> list;
  for (const auto& [key, counts] : groups) list.push_back({key, Counts(counts.begin(), counts.end())});
  return list;
}

}  // namespace gezicht::domain
