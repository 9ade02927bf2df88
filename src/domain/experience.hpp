#pragma once
// How residents experienced a contact: a few statements on an agreement scale
// and one open question ("Wat kan beter?"), asked after a visit, walk-in,
// phone or video call. Answers are kept apart from the case and nobody sees
// one: the team lead sees per team and quarter the share that agrees, with
// its uncertainty, and nothing at all for a group too small to hide in.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gezicht::domain {

// In words, as the resident reads them; no numbers, so nobody averages an
// ordinal scale. dont_know also stands for "not applicable".
enum class Agreement { completely_disagree, disagree, neutral, agree, completely_agree, dont_know };
const char* to_string(Agreement agreement);
// The exact names to_string gives; nullopt for anything else.
std::optional<Agreement> parse_agreement(std::string_view text);

// The statements asked, by key. A set never changes once added: a new
// wording is a new version, and figures are only ever made from answers
// given on one version.
struct StatementSet {
  int version = 0;
  std::vector<std::string> statements;
  // statement -> language -> the words residents read. Empty for version 1,
  // whose words are in the translations ("experience.statement.<key>");
  // every set a municipality adds carries its own words.
  std::map<std::string, std::map<std::string, std::string>> words = {};
};
// Version 1: the aspects of the Wmo cliëntervaringsonderzoek (knew where to
// go, taken seriously, solutions together, helped quickly, support fits, can
// do more) and two about the fixed contact (same contact, trust).
const StatementSet& default_statement_set();
// Version 1 or more; 1 to 20 statements; unique keys of a-z and "_", 1 to 40
// characters. Throws ValidationError naming "version" or "statements".
void validate_statement_set(const StatementSet& set);
// A set a municipality adds: as above, with each statement's problems named
// by its place ("statements[2].key": statements.invalid_key,
// statements.duplicate), and every statement worded in each of `languages`
// ("statements[2].words.ar": statement_words.required, statement_words.too_long
// above 200 characters, statement_words.one_line for a line break or other
// control character); words in a language not in `languages` are refused
// (statement_words.unknown_language).
void validate_new_statement_set(const StatementSet& set, const std::vector<std::string>& languages);

// The contact channels (contact_log_channels in domain/household.hpp) after
// which a resident is asked: those where they met or spoke to someone. A
// letter or an e-mail is not a contact to rate.
bool is_feedback_channel(std::string_view contact_channel);

struct FeedbackAnswers {
  std::map<std::string, Agreement> answers;  // statements left out were not answered
  std::string comment;                       // trimmed; may be empty
};
// Fields: "answers.<key>" (feedback.unknown_statement,
// feedback.answer_outside_scale; a key that is not even shaped like a
// statement key is reported on "answers", so untrusted text never becomes a
// field name), "answers" (feedback.empty: no answer and no comment),
// "comment" (feedback.comment_invalid, feedback.comment_too_long: more than
// 2000 characters). All errors are reported at once.
FeedbackAnswers validate_feedback(const StatementSet& set, const std::map<std::string, std::string>& raw_answers,
                                  std::string_view comment);

// A share with its 95% Wilson score interval: unlike share +- 1.96 * se it
// stays inside [0, 1] and is honest at 0 of 10 or 10 of 10.
struct Proportion {
  double share = 0;
  double low = 0;
  double high = 0;
};
// Throws std::invalid_argument when n <= 0 or successes is outside 0..n.
Proportion wilson_interval(std::int64_t successes, std::int64_t n, double z = 1.959963984540054);

// The smallest group shown: 10 unless configured, and never below 5 however
// configured (a configured 3 gives 5).
constexpr int default_suppression_threshold = 10;
constexpr int minimum_suppression_threshold = 5;
int suppression_threshold(std::optional<int> configured);

struct StatementFigure {
  std::string statement;
  bool suppressed = true;
  // Answers other than dont_know: the denominator of the share.
  std::int64_t responses = 0;
  // agree + completely_agree over responses. All 0 when suppressed: a page
  // shows only that there were too few answers.
  double agree_share = 0;
  double ci_low = 0;
  double ci_high = 0;
};
// One figure per statement, in the set's order. Every response must be given
// on this set (the caller groups by version): a key outside it, or a
// threshold below the minimum, throws std::invalid_argument.
std::vector<StatementFigure> summarise(const StatementSet& set, const std::vector<FeedbackAnswers>& responses,
                                       int threshold);

// The comments a team lead may read: none unless the group has at least
// `threshold` responses (with or without a comment); otherwise every
// non-empty comment, masked, sorted (so the order says nothing about who
// answered when). Masked: e-mail addresses "[e-mail]", postcodes "[postcode]",
// any run of digits with spaces, dashes, dots, commas, slashes, colons or
// plus signs between (phone numbers, amounts, dates, house numbers)
// "[nummer]", every word of 2 or more letters of a known name, wherever and
// however capitalised or accented, "[naam]" (name particles such as "van",
// "de", "el" are left unless they open the name), and every capitalised word
// that does not open a sentence "[naam]". Conservative: better a masked word
// too many than a resident recognised; a name opening a sentence and not
// known is the one that gets through. Throws std::invalid_argument when the
// threshold is below the minimum.
std::vector<std::string> comments_to_show(const std::vector<FeedbackAnswers>& responses, int threshold,
                                          const std::vector<std::string>& known_names);
// One comment masked as above (the rule itself, for tests and a fuzz target).
std::string mask_comment(std::string_view comment, const std::vector<std::string>& known_names);

// Quarters as "2026-Q4". The date is the calendar day of the contact in
// Amsterdam (amsterdam_date in domain/calendar.hpp), not the UTC day.
// Throws std::invalid_argument for a date that is not "YYYY-MM-DD".
std::string quarter_of(const std::string& yyyy_mm_dd);
// "YYYY-Qn" with n 1 to 4 and a year 1900 to 9998 (so that the next quarter
// still has a four-digit year). Leaves year and quarter untouched on failure.
bool parse_quarter(std::string_view text, int& year, int& quarter);
// The first day of the quarter and the first day of the next one, for a
// half-open range [first, next). Throws std::invalid_argument outside the
// years and quarters parse_quarter accepts.
std::pair<std::string, std::string> quarter_bounds(int year, int quarter);

}  // namespace gezicht::domain
