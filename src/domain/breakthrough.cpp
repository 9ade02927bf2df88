#include "domain/breakthrough.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

constexpr std::size_t max_text = 2000;
constexpr std::size_t max_rule = 200;
constexpr std::int64_t max_amount_cents = 1'000'000'000;  // 10 million euro: a typing error above

constexpr std::array<std::pair<BreakthroughState, const char*>, 6> state_names{{
    {BreakthroughState::submitted, "submitted"},
    {BreakthroughState::in_review, "in_review"},
    {BreakthroughState::granted, "granted"},
    {BreakthroughState::rejected, "rejected"},
    {BreakthroughState::withdrawn, "withdrawn"},
    {BreakthroughState::executed, "executed"},
}};

void check_text(std::vector<FieldError>& errors, const char* field, const std::string& text, std::size_t limit) {
  if (trim_view(text).empty()) {
    errors.push_back({field, std::string(field) + ".required"});
  } else if (utf8_length(text) > limit) {
    errors.push_back({field, std::string(field) + ".too_long"});
  }
}

void check_amount(std::vector<FieldError>& errors, const char* field, const std::optional<std::int64_t>& cents) {
  if (!cents) {
    errors.push_back({field, std::string(field) + ".required"});
  } else if (*cents < 0) {
    errors.push_back({field, std::string(field) + ".negative"});
  } else if (*cents > max_amount_cents) {
    errors.push_back({field, std::string(field) + ".too_large"});
  }
}

}  // namespace

const char* to_string(BreakthroughState state) {
  for (const auto& [value, name] : state_names) {
    if (value == state) return name;
  }
  throw std::logic_error("unknown breakthrough state");
}

std::optional<BreakthroughState> parse_breakthrough_state(std::string_view text) {
  for (const auto& [value, name] : state_names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

bool is_open(BreakthroughState state) {
  return state == BreakthroughState::submitted || state == BreakthroughState::in_review;
}

const char* to_string(Urgency urgency) { return urgency == Urgency::urgent ? "urgent" : "normal"; }

std::optional<Urgency> parse_urgency(std::string_view text) {
  if (text == "urgent") return Urgency::urgent;
  if (text == "normal") return Urgency::normal;
  return std::nullopt;
}

void validate_breakthrough(const BreakthroughInput& input, const std::vector<std::string>& categories) {
  std::vector<FieldError> errors;
  check_text(errors, "stuck_resident", input.stuck_resident, max_text);
  check_text(errors, "stuck_professional", input.stuck_professional, max_text);
  if (input.category.empty()) {
    errors.push_back({"category", "category.required"});
  } else if (std::find(categories.begin(), categories.end(), input.category) == categories.end()) {
    errors.push_back({"category", "category.unknown"});
  }
  check_text(errors, "blocking_rule", input.blocking_rule, max_rule);
  check_text(errors, "rule_purpose", input.rule_purpose, max_text);
  check_text(errors, "professional_judgement", input.professional_judgement, max_text);
  check_text(errors, "resident_wish", input.resident_wish, max_text);
  check_text(errors, "proposal", input.proposal, max_text);
  check_amount(errors, "one_off_cents", input.one_off_cents);
  check_amount(errors, "monthly_cents", input.monthly_cents);
  if (!parse_urgency(input.urgency)) errors.push_back({"urgency", "urgency.invalid"});
  if (!input.resident_agreed) errors.push_back({"resident_agreed", "resident_agreed.required"});
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

Date breakthrough_deadline(std::int64_t asked_at, Urgency urgency, const DeadlineRule& rule) {
  const int days = urgency == Urgency::urgent ? rule.urgent_working_days : rule.normal_working_days;
  if (days < 1) throw std::invalid_argument("a breakthrough deadline is at least one working day");
  return add_working_days(amsterdam_date(asked_at), days);
}

bool is_overdue(BreakthroughState state, const Date& deadline, std::int64_t now) {
  return is_open(state) && amsterdam_date(now) > deadline;
}

const char* to_string(Verdict verdict) { return verdict == Verdict::granted ? "granted" : "rejected"; }

std::optional<Verdict> parse_verdict(std::string_view text) {
  if (text == "granted") return Verdict::granted;
  if (text == "rejected") return Verdict::rejected;
  return std::nullopt;
}

void validate_vote(const Vote& vote) {
  std::vector<FieldError> errors;
  check_text(errors, "reasoning", vote.reasoning, max_text);
  if (vote.verdict == Verdict::rejected) {
    check_text(errors, "alternative", vote.alternative, max_text);
  } else {
    check_amount(errors, "amount_cents", vote.amount_cents);
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

std::int64_t proposal_cents(std::int64_t one_off_cents, std::int64_t monthly_cents) {
  return one_off_cents + 12 * monthly_cents;
}

std::optional<Decision> decision_of(const std::vector<Vote>& votes, std::int64_t proposal,
                                    std::int64_t two_member_cents) {
  for (auto verdict : {Verdict::granted, Verdict::rejected}) {
    std::vector<const Vote*> agreeing;
    for (const auto& vote : votes) {
      if (vote.verdict == verdict) agreeing.push_back(&vote);
    }
    if (agreeing.empty()) continue;
    // The size that decides how many must agree: the amount granted, or the proposal refused.
    std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
    for (const auto* vote : agreeing) smallest = std::min(smallest, vote->amount_cents.value_or(0));
    const std::int64_t size = verdict == Verdict::granted ? smallest : proposal;
    const std::size_t needed = size > two_member_cents ? 2 : 1;
    if (agreeing.size() < needed) continue;
    Decision decision;
    decision.verdict = verdict;
    decision.amount_cents = verdict == Verdict::granted ? smallest : 0;
    for (const auto* vote : agreeing) decision.members.push_back(vote->member_id);
    return decision;
  }
  return std::nullopt;
}

void check_may_vote(BreakthroughState state, std::int64_t requester_id, std::int64_t member_id,
                    const std::vector<Vote>& votes) {
  if (member_id == requester_id) throw DecisionRefused("own_request", "nobody decides their own request");
  if (!is_open(state)) throw DecisionRefused("decided", std::string("the request is ") + to_string(state));
  for (const auto& vote : votes) {
    if (vote.member_id == member_id) throw DecisionRefused("voted", "this member decided on the request already");
  }
}

void check_may_withdraw(BreakthroughState state, std::int64_t requester_id, std::int64_t actor_id) {
  if (actor_id != requester_id) throw DecisionRefused("not_requester", "only the requester withdraws a request");
  if (!is_open(state)) throw DecisionRefused("decided", std::string("the request is ") + to_string(state));
}

void check_may_execute(BreakthroughState state) {
  if (state != BreakthroughState::granted) {
    throw DecisionRefused("not_granted",
                          std::string("only a granted request is carried out; this one is ") + to_string(state));
  }
}

const char* to_string(LedgerKind kind) {
  switch (kind) {
    case LedgerKind::commit: return "commit";
    case LedgerKind::release: return "release";
    case LedgerKind::spend: return "spend";
  }
  throw std::logic_error("unknown ledger kind");
}

std::optional<LedgerKind> parse_ledger_kind(std::string_view text) {
  for (auto kind : {LedgerKind::commit, LedgerKind::release, LedgerKind::spend}) {
    if (text == to_string(kind)) return kind;
  }
  return std::nullopt;
}

BudgetPosition budget_position(std::int64_t budget_cents, const std::vector<LedgerEntry>& entries) {
  BudgetPosition position;
  position.budget_cents = budget_cents;
  for (const auto& entry : entries) {
    if (entry.amount_cents < 0) throw std::invalid_argument("a ledger entry is never negative");
    switch (entry.kind) {
      case LedgerKind::commit: position.committed_cents += entry.amount_cents; break;
      case LedgerKind::release: position.committed_cents -= entry.amount_cents; break;
      case LedgerKind::spend: position.spent_cents += entry.amount_cents; break;
    }
  }
  position.balance_cents = budget_cents - position.committed_cents - position.spent_cents;
  return position;
}

bool grant_fits(const BudgetPosition& position, std::int64_t amount_cents, std::optional<std::int64_t> mandate_cents) {
  if (amount_cents <= position.balance_cents) return true;
  return mandate_cents && *mandate_cents >= amount_cents;
}

MuddlingCost muddling_cost(const std::vector<std::string>& active_domains,
                           const std::map<std::string, std::int64_t>& yearly_cents_by_domain) {
  MuddlingCost cost;
  for (const auto& domain : active_domains) {
    const auto found = yearly_cents_by_domain.find(domain);
    if (found != yearly_cents_by_domain.end()) {
      cost.yearly_cents += found->second;
    } else if (std::find(cost.domains_without_cost.begin(), cost.domains_without_cost.end(), domain) ==
               cost.domains_without_cost.end()) {
      cost.domains_without_cost.push_back(domain);
    }
  }
  return cost;
}

void validate_category(const std::string& key, const std::string& name) {
  std::vector<FieldError> errors;
  const bool key_ok = !key.empty() && key.size() <= 40 &&
                      std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  if (!key_ok) errors.push_back({"key", "category_key.invalid"});
  if (trim_view(name).empty()) {
    errors.push_back({"name", "category_name.required"});
  } else if (utf8_length(name) > 100) {
    errors.push_back({"name", "category_name.too_long"});
  } else if (std::any_of(name.begin(), name.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    errors.push_back({"name", "category_name.one_line"});
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

std::optional<std::int64_t> parse_euro_amount(std::string_view text) {
  std::string digits;
  auto trimmed = trim_view(text);
  if (trimmed.starts_with("\xE2\x82\xAC")) trimmed = trim_view(trimmed.substr(3));  // the euro sign
  // The last separator followed by one or two digits is the decimal one;
  // other dots (Dutch) or commas (English) group thousands.
  std::size_t decimal_at = std::string_view::npos;
  for (std::size_t i = trimmed.size(); i-- > 0;) {
    if (trimmed[i] == ',' || trimmed[i] == '.') {
      const auto after = trimmed.size() - i - 1;
      if (after == 1 || after == 2) decimal_at = i;
      break;
    }
  }
  std::int64_t euros = 0;
  std::int64_t cents = 0;
  bool any_digit = false;
  const auto whole = trimmed.substr(0, decimal_at);
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c >= '0' && c <= '9') {
      if (euros > max_amount_cents) return std::nullopt;
      euros = euros * 10 + (c - '0');
      any_digit = true;
    } else if ((c == '.' || c == ',') && any_digit && i + 4 <= whole.size()) {
      // A thousands separator stands before exactly three digits.
      for (std::size_t j = 1; j <= 3; ++j) {
        if (whole[i + j] < '0' || whole[i + j] > '9') return std::nullopt;
      }
      if (i + 4 < whole.size() && whole[i + 4] != '.' && whole[i + 4] != ',') return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit) return std::nullopt;
  if (decimal_at != std::string_view::npos) {
    const auto fraction = trimmed.substr(decimal_at + 1);
    for (const char c : fraction) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    cents = std::stoll(std::string(fraction)) * (fraction.size() == 1 ? 10 : 1);
  }
  return euros * 100 + cents;
}

std::string format_euro(std::int64_t cents) {
  const bool negative = cents < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  std::string whole = std::to_string(magnitude / 100);
  for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3) whole.insert(static_cast<std::size_t>(at), ".");
  const auto fraction = magnitude % 100;
  return std::string(negative ? "- " : "") + "\xE2\x82\xAC " + whole + "," + (fraction < 10 ? "0" : "") +
         std::to_string(fraction);
}

}  // namespace gezicht::domain
