#pragma once
// The breakthrough (doorbraak) policy report, "signals to policy": which
// blockages professionals had to break through, which rules they named, how
// quickly the team decided, what it cost and what muddling through would
// have cost. Made from one fact per request without household or name, and
// with no figure for a group too small to hide in.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gezicht::domain {

struct BreakthroughFact {
  std::string category;                    // the blockage category's key, e.g. "scheme_rule"; never empty
  std::string blocking_rule;               // the rule, scheme or organisation named (free text); may be empty
  std::string asked_at;                    // UTC timestamp "2026-12-04T10:00:00Z"
  std::optional<std::string> decided_at;   // UTC timestamp of the decision (granted or rejected)
  std::string state;                       // "submitted", "in_review", "granted", "rejected", "withdrawn", "executed"
  std::int64_t granted_cents = 0;          // the amount granted (granted or executed)
  std::int64_t spent_cents = 0;            // the actual cost (executed only)
  std::int64_t muddling_yearly_cents = 0;  // what muddling through cost a year when it was asked
};

// A category as a row of the report. A suppressed row carries its key and
// nothing else (all numbers 0), and does not say why it is suppressed: too
// few requests, or hidden so that another suppressed row cannot be worked
// out from the total and the rows shown.
struct CategoryFigure {
  std::string category;
  bool suppressed = true;
  std::int64_t requests = 0;
  std::int64_t granted = 0;  // granted or executed
  // The cost of its granted requests: granted_cents, or spent_cents once
  // executed. Withheld (0, spend_suppressed) when 1 to min_group - 1
  // requests were granted, so one household's amount is never shown, or to
  // protect another withheld spend in the same way as a row; with none
  // granted it is a plain 0.
  bool spend_suppressed = true;
  std::int64_t spend_cents = 0;
};

// A blocking rule as a row: its first spelling (trimmed, white space
// collapsed) and how many requests named it; suppressed rows as above.
struct RuleFigure {
  std::string rule;
  bool suppressed = true;
  std::int64_t requests = 0;
};

// Over the decided requests (granted, executed or rejected). Suppressed, all
// 0, when fewer than min_group requests were decided.
struct DecisionFigures {
  bool suppressed = true;
  std::int64_t decided = 0;
  // (granted + executed) / decided with its 95% Wilson interval.
  double granted_share = 0;
  double granted_ci_low = 0;
  double granted_ci_high = 0;
  // Hours from asked_at to decided_at; percentiles interpolated linearly
  // between the two nearest ranks (Excel's PERCENTILE.INC, R's type 7), so
  // the median of 2, 4, 6, 8 hours is 5.
  double median_hours = 0;
  double p90_hours = 0;
};

struct BreakthroughReport {
  // The whole period had fewer than min_group requests: nothing else is set.
  bool suppressed = true;
  std::int64_t requests = 0;
  // Shown rows most requests first, then suppressed rows; ties and
  // suppressed rows by key.
  std::vector<CategoryFigure> categories_by_count;
  // The same rows, those with a spend shown highest spend first, then the
  // others; ties and the others by key.
  std::vector<CategoryFigure> categories_by_cost;
  // At most 10: shown rules most named first, then suppressed ones, ties and
  // suppressed ones by the rule's normalised text. A request naming no rule
  // counts everywhere but here.
  std::vector<RuleFigure> top_rules;
  DecisionFigures decisions;
  // Over the granted and executed requests; withheld (0) when fewer than
  // min_group were granted. spend_cents is the sum of the categories' spend.
  bool money_suppressed = true;
  std::int64_t granted = 0;
  std::int64_t spend_cents = 0;
  // The yearly muddling-through cost of the granted requests.
  std::int64_t muddling_avoided_yearly_cents = 0;
};

inline constexpr std::size_t breakthrough_report_top_rules = 10;

// The report over `facts`. Small groups: see the figures above. The second
// suppression rule, applied per breakdown (categories, rules) and per column
// of it (requests, spend): when exactly one row is hidden, the smallest row
// still shown (ties: the first by key; not a spend of 0 with 0 granted,
// which hides nothing) is hidden too, so no hidden row is a difference of
// shown figures. The report's totals themselves stay shown.
// Throws std::invalid_argument when min_group is below
// minimum_suppression_threshold (domain/experience.hpp), and for a fact that
// breaks the contract: an empty category, an unknown state, a timestamp that
// is not one, a decided state (granted, executed, rejected) without
// decided_at or decided before it was asked, or a negative amount.
// decided_at on a request that is not decided is ignored.
BreakthroughReport breakthrough_report(const std::vector<BreakthroughFact>& facts, int min_group);

// The key rules are grouped by: trimmed, runs of white space made one space,
// ASCII letters lower case ("  Wet  SCHULDHULP " -> "wet schuldhulp"); other
// letters are left as they are, so "É" and "é" stay two spellings.
std::string blocking_rule_key(const std::string& rule);

}  // namespace gezicht::domain
