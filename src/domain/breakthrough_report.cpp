#include "domain/breakthrough_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

#include "domain/calendar.hpp"
#include "domain/experience.hpp"
#include "domain/text.hpp"

namespace gezicht::domain {
namespace {

enum class Outcome { open, granted, rejected };

Outcome outcome_of(const std::string& state) {
  if (state == "submitted" || state == "in_review" || state == "withdrawn") return Outcome::open;
  if (state == "granted" || state == "executed") return Outcome::granted;
  if (state == "rejected") return Outcome::rejected;
  throw std::invalid_argument("breakthrough_report: unknown state '" + state + "'");
}

std::int64_t timestamp(const std::string& text, const char* field) {
  const auto seconds = parse_timestamp(text);
  if (!seconds) {
    throw std::invalid_argument(std::string("breakthrough_report: ") + field + " is not a timestamp: '" + text + "'");
  }
  return *seconds;
}

void check_amount(std::int64_t cents, const char* field) {
  if (cents < 0) throw std::invalid_argument(std::string("breakthrough_report: negative ") + field);
}

// One column of a breakdown: which rows are hidden and the value a row is
// ranked by when the second suppression rule picks the smallest.
struct Cell {
  std::string key;
  bool hidden = false;
  std::int64_t value = 0;
  // Follows from other figures shown (a spend with 0 granted is 0), so
  // hiding it would protect nothing.
  bool known = false;
};

// The second suppression rule: one hidden row is a difference of the total
// and the rows shown, so the smallest row shown (ties: first by key) goes too.
void hide_complement(std::vector<Cell>& cells) {
  const auto hidden = std::count_if(cells.begin(), cells.end(), [](const Cell& cell) { return cell.hidden; });
  if (hidden != 1) return;
  Cell* smallest = nullptr;
  for (auto& cell : cells) {
    if (cell.hidden || cell.known) continue;
    if (!smallest || cell.value < smallest->value || (cell.value == smallest->value && cell.key < smallest->key)) {
      smallest = &cell;
    }
  }
  if (smallest) smallest->hidden = true;
}

// Linear between the two nearest ranks (R type 7): rank p * (n - 1), from 0.
double percentile(const std::vector<double>& sorted, double p) {
  const double rank = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(rank));
  const auto above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (rank - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

struct CategoryTally {
  std::int64_t requests = 0;
  std::int64_t granted = 0;
  std::int64_t spend_cents = 0;
};

struct RuleTally {
  std::string spelling;  // the first seen
  std::int64_t requests = 0;
};

std::vector<CategoryFigure> category_rows(const std::map<std::string, CategoryTally>& tallies, int min_group) {
  const std::vector<std::pair<std::string, CategoryTally>> entries(tallies.begin(), tallies.end());
  std::vector<Cell> rows;
  for (const auto& [key, tally] : entries) rows.push_back({key, tally.requests < min_group, tally.requests});
  hide_complement(rows);
  // A hidden row hides its spend as well; a shown row with nothing granted
  // shows a spend of 0, which is then no secret. The spend column gets its
  // own second rule.
  std::vector<Cell> spends;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& tally = entries[i].second;
    const bool hidden = rows[i].hidden || (tally.granted > 0 && tally.granted < min_group);
    spends.push_back({entries[i].first, hidden, tally.spend_cents, !hidden && tally.granted == 0});
  }
  hide_complement(spends);

  std::vector<CategoryFigure> figures;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [key, tally] = entries[i];
    CategoryFigure figure;
    figure.category = key;
    figure.suppressed = rows[i].hidden;
    figure.spend_suppressed = spends[i].hidden;
    if (!figure.suppressed) {
      figure.requests = tally.requests;
      figure.granted = tally.granted;
    }
    if (!figure.spend_suppressed) figure.spend_cents = tally.spend_cents;
    figures.push_back(std::move(figure));
  }
  return figures;
}

std::vector<RuleFigure> rule_rows(const std::map<std::string, RuleTally>& tallies, int min_group) {
  std::vector<Cell> rows;
  for (const auto& [key, tally] : tallies) rows.push_back({key, tally.requests < min_group, tally.requests});
  hide_complement(rows);
  struct Ranked {
    std::string key;
    RuleFigure figure;
  };
  std::vector<Ranked> ranked;
  std::size_t i = 0;
  for (const auto& [key, tally] : tallies) {
    RuleFigure figure;
    figure.rule = tally.spelling;
    figure.suppressed = rows[i++].hidden;
    if (!figure.suppressed) figure.requests = tally.requests;
    ranked.push_back({key, std::move(figure)});
  }
  // Suppressed rows by key only, so their order says nothing about their size.
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.figure.suppressed != b.figure.suppressed) return !a.figure.suppressed;
    if (a.figure.requests != b.figure.requests) return a.figure.requests > b.figure.requests;
    return a.key < b.key;
  });
  if (ranked.size() > breakthrough_report_top_rules) ranked.resize(breakthrough_report_top_rules);
  std::vector<RuleFigure> figures;
  for (auto& entry : ranked) figures.push_back(std::move(entry.figure));
  return figures;
}

DecisionFigures decision_figures(std::vector<double> hours, std::int64_t granted, int min_group) {
  DecisionFigures figures;
  const auto decided = static_cast<std::int64_t>(hours.size());
  if (decided < min_group) return figures;
  figures.suppressed = false;
  figures.decided = decided;
  const auto proportion = wilson_interval(granted, decided);
  figures.granted_share = proportion.share;
  figures.granted_ci_low = proportion.low;
  figures.granted_ci_high = proportion.high;
  std::sort(hours.begin(), hours.end());
  figures.median_hours = percentile(hours, 0.5);
  figures.p90_hours = percentile(hours, 0.9);
  return figures;
}

}  // namespace

std::string blocking_rule_key(const std::string& rule) {
  std::string key = collapse_spaces(rule);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

BreakthroughReport breakthrough_report(const std::vector<BreakthroughFact>& facts, int min_group) {
  if (min_group < minimum_suppression_threshold) {
    throw std::invalid_argument("breakthrough_report: min_group " + std::to_string(min_group) +
                                " is below the minimum " + std::to_string(minimum_suppression_threshold));
  }
  std::map<std::string, CategoryTally> categories;
  std::map<std::string, RuleTally> rules;
  std::vector<double> decision_hours;
  std::int64_t granted = 0;
  std::int64_t spend = 0;
  std::int64_t muddling = 0;
  // Every fact is checked, even when the report ends up suppressed: a broken
  // fact is a bug upstream, not a small group.
  for (const auto& fact : facts) {
    if (fact.category.empty()) throw std::invalid_argument("breakthrough_report: a request without a category");
    const auto outcome = outcome_of(fact.state);
    const auto asked = timestamp(fact.asked_at, "asked_at");
    check_amount(fact.granted_cents, "granted_cents");
    check_amount(fact.spent_cents, "spent_cents");
    check_amount(fact.muddling_yearly_cents, "muddling_yearly_cents");

    auto& category = categories[fact.category];
    ++category.requests;
    const auto rule_key = blocking_rule_key(fact.blocking_rule);
    if (!rule_key.empty()) {
      auto& rule = rules[rule_key];
      if (rule.requests++ == 0) rule.spelling = collapse_spaces(fact.blocking_rule);
    }
    if (outcome == Outcome::open) continue;

    if (!fact.decided_at) {
      throw std::invalid_argument("breakthrough_report: a " + fact.state + " request without decided_at");
    }
    const auto decided = timestamp(*fact.decided_at, "decided_at");
    if (decided < asked) {
      throw std::invalid_argument("breakthrough_report: decided_at " + *fact.decided_at + " before asked_at " +
                                  fact.asked_at);
    }
    decision_hours.push_back(static_cast<double>(decided - asked) / 3600.0);
    if (outcome == Outcome::rejected) continue;

    const auto cost = fact.state == "executed" ? fact.spent_cents : fact.granted_cents;
    ++granted;
    ++category.granted;
    category.spend_cents += cost;
    spend += cost;
    muddling += fact.muddling_yearly_cents;
  }

  BreakthroughReport report;
  const auto requests = static_cast<std::int64_t>(facts.size());
  if (requests < min_group) return report;
  report.suppressed = false;
  report.requests = requests;

  report.categories_by_count = category_rows(categories, min_group);
  report.categories_by_cost = report.categories_by_count;
  std::sort(report.categories_by_count.begin(), report.categories_by_count.end(),
            [](const CategoryFigure& a, const CategoryFigure& b) {
              if (a.suppressed != b.suppressed) return !a.suppressed;
              if (a.requests != b.requests) return a.requests > b.requests;
              return a.category < b.category;
            });
  std::sort(report.categories_by_cost.begin(), report.categories_by_cost.end(),
            [](const CategoryFigure& a, const CategoryFigure& b) {
              if (a.spend_suppressed != b.spend_suppressed) return !a.spend_suppressed;
              if (a.spend_cents != b.spend_cents) return a.spend_cents > b.spend_cents;
              return a.category < b.category;
            });
  report.top_rules = rule_rows(rules, min_group);
  report.decisions = decision_figures(std::move(decision_hours), granted, min_group);

  if (granted >= min_group) {
    report.money_suppressed = false;
    report.granted = granted;
    report.spend_cents = spend;
    report.muddling_avoided_yearly_cents = muddling;
  }
  return report;
}

}  // namespace gezicht::domain
