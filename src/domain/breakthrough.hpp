#pragma once
// Breakthrough (doorbraak): a professional asks a mandated team to cut
// through a rule or a silo for a household; the team decides within a
// deadline, with a budget for tailor-made solutions (maatwerkbudget). Pure
// rules: what a request needs, how its state moves, when it is due, who may
// decide it, and what the budget allows. Amounts are integer cents.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"

namespace gezicht::domain {

// ingediend -> in behandeling -> toegekend | afgewezen; ingetrokken by the
// requester before a decision; toegekend -> uitgevoerd with the actual cost.
enum class BreakthroughState { submitted, in_review, granted, rejected, withdrawn, executed };
const char* to_string(BreakthroughState state);
std::optional<BreakthroughState> parse_breakthrough_state(std::string_view text);
// Still waiting for a decision (counts against the deadline).
bool is_open(BreakthroughState state);

enum class Urgency { urgent, normal };
const char* to_string(Urgency urgency);
std::optional<Urgency> parse_urgency(std::string_view text);

// What the professional asks. Texts are trimmed by the caller's parser.
struct BreakthroughInput {
  std::string stuck_resident;          // what is stuck, in the resident's words
  std::string stuck_professional;      // and in the professional's
  std::string category;                // a key of the municipality's list of blockages
  std::string blocking_rule;           // the rule, scheme or organisation named
  std::string rule_purpose;            // what the rule is meant to achieve
  std::string professional_judgement;  // what the professional judges necessary
  std::string resident_wish;           // what the resident wants
  std::string proposal;
  std::optional<std::int64_t> one_off_cents;
  std::optional<std::int64_t> monthly_cents;
  std::string urgency;           // "urgent" or "normal"
  bool resident_agreed = false;  // the resident agrees that the request is made
};
// Every field named on its own: *.required, *.too_long (2,000 characters;
// blocking_rule 200), category.unknown (not in `categories`), urgency.invalid,
// one_off_cents/monthly_cents .required or .negative or .too_large (above
// 10,000,000 euro), resident_agreed.required. Throws ValidationError.
void validate_breakthrough(const BreakthroughInput& input, const std::vector<std::string>& categories);

struct DeadlineRule {
  int urgent_working_days = 1;
  int normal_working_days = 5;
};
// The last working day on which the decision is due: counted in Dutch
// working days from the day it was asked (Amsterdam), that day not counting.
Date breakthrough_deadline(std::int64_t asked_at, Urgency urgency, const DeadlineRule& rule);
// Open and past the end of its deadline day in Amsterdam.
bool is_overdue(BreakthroughState state, const Date& deadline, std::int64_t now);

// A member's vote. A decision needs a reasoning; a refusal also says what
// else can be done; a grant names its amount (not negative).
enum class Verdict { granted, rejected };
const char* to_string(Verdict verdict);
std::optional<Verdict> parse_verdict(std::string_view text);
struct Vote {
  std::int64_t member_id = 0;
  Verdict verdict = Verdict::rejected;
  std::string reasoning;
  std::string alternative;                   // a refusal: what else can be done
  std::optional<std::int64_t> amount_cents;  // a grant: may be 0 (a rule set aside costs nothing)
};
// Fields: decision.invalid (given as text to parse_verdict by the caller),
// reasoning.required, alternative.required, amount_cents.required (a grant
// without an amount), amount_cents.negative, *.too_long.
void validate_vote(const Vote& vote);

// Who may vote on a request: a member who is not the requester, once, while
// it is open. Throws DecisionRefused with a rule key.
class DecisionRefused : public std::runtime_error {
 public:
  DecisionRefused(std::string rule, const std::string& message) : std::runtime_error(message), rule_(std::move(rule)) {}
  const std::string& rule() const { return rule_; }

 private:
  std::string rule_;
};

// The decision that the votes so far make: one vote decides at or below
// `two_member_cents`; above it (a grant of more, or a refusal of a proposal
// of more; a proposal's size is its one-off cost plus twelve months), two
// members must agree on the verdict; the lower of their amounts is granted.
// nullopt: not decided yet.
struct Decision {
  Verdict verdict = Verdict::rejected;
  std::int64_t amount_cents = 0;
  std::vector<std::int64_t> members;  // who decided
};
std::int64_t proposal_cents(std::int64_t one_off_cents, std::int64_t monthly_cents);
std::optional<Decision> decision_of(const std::vector<Vote>& votes, std::int64_t proposal_cents,
                                    std::int64_t two_member_cents);
// Throws DecisionRefused: "own_request" (the requester votes), "decided"
// (not open), "voted" (the member voted already).
void check_may_vote(BreakthroughState state, std::int64_t requester_id, std::int64_t member_id,
                    const std::vector<Vote>& votes);
// The requester withdraws before a decision: "decided" otherwise; "not_requester" for anyone else.
void check_may_withdraw(BreakthroughState state, std::int64_t requester_id, std::int64_t actor_id);
// Execution follows a grant; the actual cost is not negative. "not_granted" otherwise.
void check_may_execute(BreakthroughState state);

// The budget: an amount per year (for the municipality, or for one team),
// and an append-only ledger. A grant commits its amount; execution releases
// the commitment and spends the actual cost. Balance = budget - committed - spent.
enum class LedgerKind { commit, release, spend };
const char* to_string(LedgerKind kind);
std::optional<LedgerKind> parse_ledger_kind(std::string_view text);
struct LedgerEntry {
  LedgerKind kind = LedgerKind::commit;
  std::int64_t amount_cents = 0;  // positive
};
struct BudgetPosition {
  std::int64_t budget_cents = 0;
  std::int64_t committed_cents = 0;
  std::int64_t spent_cents = 0;
  std::int64_t balance_cents = 0;
};
BudgetPosition budget_position(std::int64_t budget_cents, const std::vector<LedgerEntry>& entries);
// A grant fits when it leaves the balance at zero or more, or when a mandate
// (an escalation, recorded) covers at least this amount.
bool grant_fits(const BudgetPosition& position, std::int64_t amount_cents, std::optional<std::int64_t> mandate_cents);

// What muddling through costs a year now: each active involvement's yearly
// cost by its domain (the municipality's table; a domain missing from it
// costs nothing that is known, and is listed so the page can say so).
struct MuddlingCost {
  std::int64_t yearly_cents = 0;
  std::vector<std::string> domains_without_cost;
};
MuddlingCost muddling_cost(const std::vector<std::string>& active_domains,
                           const std::map<std::string, std::int64_t>& yearly_cents_by_domain);

// A blockage category the municipality keeps: a key of 1 to 40 letters a-z
// and "_" and a name of 1 to 100 characters on one line. Fields "key"
// (category_key.invalid) and "name" (category_name.required,
// category_name.too_long, category_name.one_line). Throws ValidationError.
void validate_category(const std::string& key, const std::string& name);

// Euro amounts as people type them ("1.250,50", "1250.50", "€ 300", "300")
// to cents; nullopt for anything else (more than two decimals, letters).
std::optional<std::int64_t> parse_euro_amount(std::string_view text);
// "€ 1.250,50" as Dutch readers write it.
std::string format_euro(std::int64_t cents);

}  // namespace gezicht::domain
