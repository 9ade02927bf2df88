#include "domain/experience.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <stdexcept>

#include "domain/calendar.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

constexpr std::size_t max_comment_length = 2000;
constexpr std::size_t max_statements = 20;
constexpr std::size_t max_key_length = 40;

bool is_statement_key(std::string_view key) {
  if (key.empty() || key.size() > max_key_length) return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

void check_threshold(int threshold) {
  if (threshold < minimum_suppression_threshold) {
    throw std::invalid_argument("suppression threshold below the minimum: use suppression_threshold()");
  }
}

// Text is read per code point, so a letter of Turkish, Arabic or Cyrillic
// is never cut in half; an invalid byte counts as one separate non-letter.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;
  bool valid = false;
};

CodePoint decode(std::string_view text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) return {byte, 1, true};
  std::size_t length = 0;
  char32_t value = 0;
  if ((byte & 0xE0) == 0xC0) {
    length = 2;
    value = byte & 0x1F;
  } else if ((byte & 0xF0) == 0xE0) {
    length = 3;
    value = byte & 0x0F;
  } else if ((byte & 0xF8) == 0xF0) {
    length = 4;
    value = byte & 0x07;
  } else {
    return {};
  }
  if (at + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xC0) != 0x80) return {};
    value = (value << 6) | (next & 0x3F);
  }
  if ((length == 2 && value < 0x80) || (length == 3 && value < 0x800) || (length == 4 && value < 0x10000) ||
      (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    return {};
  }
  return {value, length, true};
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Arabic-Indic and fullwidth digits too: a phone number typed in Arabic
// script identifies as well as one in Latin digits.
bool is_digit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) ||
         (c >= 0x0966 && c <= 0x096F) || (c >= 0xFF10 && c <= 0xFF19);
}

bool is_combining_mark(char32_t c) { return c >= 0x0300 && c <= 0x036F; }

// Without a Unicode database: ASCII letters, and every code point outside the
// punctuation, symbol and digit blocks. Calling a symbol a letter only ever
// lengthens a word, which is then masked or kept whole.
bool is_letter(const CodePoint& cp) {
  const char32_t c = cp.value;
  if (!cp.valid) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;
  if (is_digit(c)) return false;
  if (c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) || c == 0x06D4) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, currency, arrows, mathematics, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xE000 && c <= 0xF8FF) return false;
  if (c >= 0xFE00 && c <= 0xFE0F) return false;
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF20) return false;
  if ((c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65)) return false;
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;  // emoji
  return true;
}

bool is_upper(char32_t c) {
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x0100 && c <= 0x017F) {
    if (c == 0x0138 || c == 0x0149 || c == 0x017F) return false;
    const bool odd_is_upper = (c >= 0x0139 && c <= 0x0148) || (c >= 0x0179 && c <= 0x017E);
    return (c % 2 == 1) == odd_is_upper;
  }
  if (c >= 0x0218 && c <= 0x021B) return c % 2 == 0;
  if (c == 0x0386 || (c >= 0x0388 && c <= 0x038F) || (c >= 0x0391 && c <= 0x03A9)) return true;
  if (c >= 0x0400 && c <= 0x042F) return true;
  if (c >= 0x0531 && c <= 0x0556) return true;
  if (c >= 0x1E00 && c <= 0x1EFF) return c % 2 == 0;
  return false;
}

// Latin letters with diacritics fold to their base letters, so "Çelik",
// "çelik" and "Celik" are one name.
const char* fold_latin(char32_t c) {
  static constexpr std::array<const char*, 64> latin1{
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // U+00C0
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D0
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // U+00E0
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // U+00F0
  struct Range {
    char32_t first;
    char32_t last;
    const char* base;
  };
  static constexpr Range extended[] = {
      {0x0100, 0x0105, "a"}, {0x0106, 0x010D, "c"},  {0x010E, 0x0111, "d"}, {0x0112, 0x011B, "e"},
      {0x011C, 0x0123, "g"}, {0x0124, 0x0127, "h"},  {0x0128, 0x0131, "i"}, {0x0132, 0x0133, "ij"},
      {0x0134, 0x0135, "j"}, {0x0136, 0x0138, "k"},  {0x0139, 0x0142, "l"}, {0x0143, 0x014B, "n"},
      {0x014C, 0x0151, "o"}, {0x0152, 0x0153, "oe"}, {0x0154, 0x0159, "r"}, {0x015A, 0x0161, "s"},
      {0x0162, 0x0167, "t"}, {0x0168, 0x0173, "u"},  {0x0174, 0x0175, "w"}, {0x0176, 0x0178, "y"},
      {0x0179, 0x017E, "z"}, {0x017F, 0x017F, "s"},  {0x0218, 0x0219, "s"}, {0x021A, 0x021B, "t"}};
  if (c >= 0xC0 && c <= 0xFF) return latin1[c - 0xC0];
  for (const auto& range : extended) {
    if (c >= range.first && c <= range.last) return range.base;
  }
  return nullptr;
}

// A word in the form names are compared in: lower case, no diacritics.
std::string fold_word(std::string_view word) {
  std::string folded;
  for (std::size_t i = 0; i < word.size();) {
    const auto cp = decode(word, i);
    i += cp.length;
    const char32_t c = cp.value;
    if (!cp.valid || is_combining_mark(c)) continue;
    if (c >= 'A' && c <= 'Z') {
      folded.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (const char* base = fold_latin(c)) {
      folded += base;
    } else if ((c >= 0x0391 && c <= 0x03A9) || (c >= 0x0410 && c <= 0x042F)) {
      append_utf8(folded, c + 0x20);
    } else if (c >= 0x0400 && c <= 0x040F) {
      append_utf8(folded, c + 0x50);
    } else if (c >= 0x1E00 && c <= 0x1EFF && c % 2 == 0) {
      append_utf8(folded, c + 1);
    } else {
      append_utf8(folded, c);
    }
  }
  return folded;
}

// The runs of letters in a text, as byte ranges.
std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i < text.size();) {
    const auto cp = decode(text, i);
    const bool letter = is_letter(cp) || (start != std::string_view::npos && is_combining_mark(cp.value));
    if (letter && start == std::string_view::npos) start = i;
    if (!letter && start != std::string_view::npos) {
      words.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    }
    i += cp.length;
  }
  if (start != std::string_view::npos) words.push_back(text.substr(start));
  return words;
}

std::size_t letter_count(std::string_view word) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < word.size();) {
    const auto cp = decode(word, i);
    if (!is_combining_mark(cp.value)) ++count;
    i += cp.length;
  }
  return count;
}

// Particles inside a name are ordinary words too ("de", "van", "al"):
// masking them everywhere hides nothing and makes the comment unreadable.
bool is_name_particle(const std::string& folded) {
  static const std::set<std::string> particles{"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op",
                                               "von", "la", "le",  "du",  "da",  "di",  "del", "el", "al"};
  return particles.count(folded) > 0;
}

std::set<std::string> name_words(const std::vector<std::string>& known_names) {
  std::set<std::string> result;
  for (const auto& name : known_names) {
    bool first = true;
    for (auto word : words_of(name)) {
      const auto folded = fold_word(word);
      if (letter_count(word) >= 2 && (first || !is_name_particle(folded))) result.insert(folded);
      first = false;
    }
  }
  return result;
}

// A full stop after a title or an initial does not end the sentence: "mevr.
// Jansen" and "J. Jansen" must not pass as the opening of a new one.
bool is_abbreviation(const std::string& folded) {
  static const std::set<std::string> abbreviations{
      "dhr", "hr", "mevr", "mvr", "mw",  "mr", "mej", "dr",   "drs", "ir",  "ing", "prof", "ds",  "jhr", "fam",
      "st",  "bv", "bijv", "ca",  "evt", "nl", "zgn", "resp", "jl",  "tel", "nr",  "vs",   "enz", "etc", "wed"};
  return letter_count(folded) == 1 || abbreviations.count(folded) > 0;
}

bool ends_sentence(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == '\n' || c == 0x2026 || c == 0x061F || c == 0x06D4;
}

bool is_number_separator(char32_t c) {
  return c == ' ' || c == '-' || c == '.' || c == ',' || c == '/' || c == ':' || c == '+' || c == 0xA0 || c == 0x2009 ||
         c == 0x202F || c == 0x2013;
}

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

// "1234 AB", "1234AB", "1234ab": four digits (not starting with 0) and two
// letters, standing alone. "1250 en" is not one (and is masked as a number).
std::size_t postcode_length(std::string_view text, std::size_t at) {
  if (at + 6 > text.size() || text[at] < '1' || text[at] > '9') return 0;
  for (std::size_t k = 1; k < 4; ++k) {
    if (text[at + k] < '0' || text[at + k] > '9') return 0;
  }
  std::size_t letters = at + 4;
  const bool spaced = text[letters] == ' ';
  if (spaced) ++letters;
  if (letters + 2 > text.size()) return 0;
  const char a = text[letters];
  const char b = text[letters + 1];
  const bool upper = is_ascii_upper(a) && is_ascii_upper(b);
  const bool lower = !spaced && is_ascii_lower(a) && is_ascii_lower(b);
  if (!upper && !lower) return 0;
  const std::size_t end = letters + 2;
  if (end < text.size()) {
    const auto next = decode(text, end);
    if (is_letter(next) || is_digit(next.value)) return 0;
  }
  return end - at;
}

// Byte ranges of e-mail addresses: text without spaces on both sides of an
// "@", without the sentence's closing punctuation.
std::vector<std::pair<std::size_t, std::size_t>> email_spans(std::string_view text) {
  const auto stops = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
           std::string_view("<>()[]{},;:\"'`").find(c) != std::string_view::npos;
  };
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (!spans.empty() && at < spans.back().second) continue;
    std::size_t begin = at;
    while (begin > 0 && !stops(text[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < text.size() && !stops(text[end])) ++end;
    while (end > at + 1 && std::string_view(".!?").find(text[end - 1]) != std::string_view::npos) --end;
    // "user@x@y": the whole token is one address; never an empty side.
    const auto first_at = text.find('@', begin);
    if (first_at > begin && end > text.rfind('@', end - 1) + 1) spans.emplace_back(begin, end);
  }
  return spans;
}

class Masker {
 public:
  explicit Masker(const std::vector<std::string>& known_names) : names_(name_words(known_names)) {}

  std::string mask(std::string_view text) {
    out_.clear();
    sentence_start_ = true;
    word_before_.reset();
    std::size_t done = 0;
    for (const auto& [begin, end] : email_spans(text)) {
      scan(text.substr(done, begin - done));
      emit_placeholder("[e-mail]");
      done = end;
    }
    scan(text.substr(done));
    return out_;
  }

 private:
  void emit_placeholder(const char* placeholder) {
    out_ += placeholder;
    sentence_start_ = false;
    word_before_.reset();
  }

  void scan(std::string_view text) {
    std::size_t i = 0;
    bool after_letter_or_digit = false;
    while (i < text.size()) {
      const auto cp = decode(text, i);
      if (is_digit(cp.value) || (cp.value == '+' && i + 1 < text.size() && is_digit(decode(text, i + 1).value))) {
        const std::size_t postcode = after_letter_or_digit ? 0 : postcode_length(text, i);
        if (postcode > 0) {
          emit_placeholder("[postcode]");
          i += postcode;
        } else {
          emit_placeholder("[nummer]");
          i = number_end(text, i);
        }
        after_letter_or_digit = true;
        continue;
      }
      if (is_letter(cp)) {
        std::size_t end = i;
        while (end < text.size()) {
          const auto next = decode(text, end);
          if (!is_letter(next) && !is_combining_mark(next.value)) break;
          end += next.length;
        }
        word(text.substr(i, end - i), cp.value);
        i = end;
        after_letter_or_digit = true;
        continue;
      }
      if (cp.valid && ends_sentence(cp.value) && !(cp.value == '.' && word_before_ && is_abbreviation(*word_before_))) {
        sentence_start_ = true;
      }
      word_before_.reset();
      out_.append(text.substr(i, cp.length));
      i += cp.length;
      after_letter_or_digit = false;
    }
  }

  // Digits, and separators only where more digits follow: "06-12345678",
  // "1.250,00", "12/03/2026", "+31 6 1234 5678".
  static std::size_t number_end(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end < text.size()) {
      const auto cp = decode(text, end);
      if (is_digit(cp.value) || (end == at && cp.value == '+')) {
        end += cp.length;
        continue;
      }
      std::size_t next = end;
      int separators = 0;
      while (next < text.size() && separators < 3) {
        const auto separator = decode(text, next);
        if (!is_number_separator(separator.value)) break;
        next += separator.length;
        ++separators;
      }
      if (separators == 0 || next >= text.size() || !is_digit(decode(text, next).value)) break;
      end = next;
    }
    return end;
  }

  void word(std::string_view text, char32_t first) {
    const auto folded = fold_word(text);
    const bool known = letter_count(text) >= 2 && names_.count(folded) > 0;
    if (known || (is_upper(first) && !sentence_start_)) {
      out_ += "[naam]";
    } else {
      out_.append(text);
    }
    sentence_start_ = false;
    word_before_ = folded;
  }

  std::set<std::string> names_;
  std::string out_;
  bool sentence_start_ = true;
  // The word right before the current character, to tell "mevr." from an
  // ending sentence.
  std::optional<std::string> word_before_;
};

}  // namespace

const char* to_string(Agreement agreement) {
  switch (agreement) {
    case Agreement::completely_disagree: return "completely_disagree";
    case Agreement::disagree: return "disagree";
    case Agreement::neutral: return "neutral";
    case Agreement::agree: return "agree";
    case Agreement::completely_agree: return "completely_agree";
    case Agreement::dont_know: return "dont_know";
  }
  throw std::logic_error("unknown agreement");
}

std::optional<Agreement> parse_agreement(std::string_view text) {
  for (auto agreement : {Agreement::completely_disagree, Agreement::disagree, Agreement::neutral, Agreement::agree,
                         Agreement::completely_agree, Agreement::dont_know}) {
    if (text == to_string(agreement)) return agreement;
  }
  return std::nullopt;
}

const StatementSet& default_statement_set() {
  static const StatementSet set{1,
                                {"knew_where_to_go", "taken_seriously", "solutions_together", "helped_quickly",
                                 "support_fits", "can_do_more", "same_contact", "trust_contact"}};
  return set;
}

void validate_statement_set(const StatementSet& set) {
  std::vector<FieldError> errors;
  if (set.version < 1) errors.push_back({"version", "version.invalid"});
  if (set.statements.empty() || set.statements.size() > max_statements) {
    errors.push_back({"statements", "statements.count"});
  }
  std::set<std::string_view> seen;
  for (const auto& key : set.statements) {
    if (!is_statement_key(key)) {
      errors.push_back({"statements", "statements.invalid_key"});
      break;
    }
    if (!seen.insert(key).second) {
      errors.push_back({"statements", "statements.duplicate"});
      break;
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

void validate_new_statement_set(const StatementSet& set, const std::vector<std::string>& languages) {
  constexpr std::size_t max_words = 200;
  std::vector<FieldError> errors;
  if (set.version < 1) errors.push_back({"version", "version.invalid"});
  if (set.statements.empty() || set.statements.size() > max_statements) {
    errors.push_back({"statements", "statements.count"});
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < set.statements.size(); ++i) {
    const auto& key = set.statements[i];
    const std::string at = "statements[" + std::to_string(i) + "]";
    if (!is_statement_key(key)) {
      errors.push_back({at + ".key", "statements.invalid_key"});
      continue;
    }
    if (!seen.insert(key).second) errors.push_back({at + ".key", "statements.duplicate"});
    const auto worded = set.words.find(key);
    const std::string words_at = at + ".words.";
    for (const auto& language : languages) {
      const std::string field = words_at + language;
      const std::string* words = nullptr;
      if (worded != set.words.end()) {
        const auto found = worded->second.find(language);
        if (found != worded->second.end()) words = &found->second;
      }
      if (!words || trim_view(*words).empty()) {
        errors.push_back({field, "statement_words.required"});
      } else if (utf8_length(*words) > max_words) {
        errors.push_back({field, "statement_words.too_long"});
      } else if (std::any_of(words->begin(), words->end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        errors.push_back({field, "statement_words.one_line"});
      }
    }
    if (worded != set.words.end()) {
      for (const auto& [language, words] : worded->second) {
        if (std::find(languages.begin(), languages.end(), language) == languages.end()) {
          errors.push_back({words_at + language, "statement_words.unknown_language"});
        }
      }
    }
  }
  for (const auto& [key, words] : set.words) {
    if (std::find(set.statements.begin(), set.statements.end(), key) == set.statements.end()) {
      errors.push_back({"words." + key, "statement_words.unknown_statement"});
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

bool is_feedback_channel(std::string_view contact_channel) {
  return contact_channel == "home_visit" || contact_channel == "walk_in" || contact_channel == "phone" ||
         contact_channel == "video";
}

FeedbackAnswers validate_feedback(const StatementSet& set, const std::map<std::string, std::string>& raw_answers,
                                  std::string_view comment) {
  std::vector<FieldError> errors;
  FeedbackAnswers valid;
  bool malformed_key = false;
  for (const auto& [key, value] : raw_answers) {
    if (!is_statement_key(key)) {
      malformed_key = true;
      continue;
    }
    if (std::find(set.statements.begin(), set.statements.end(), key) == set.statements.end()) {
      errors.push_back({"answers." + key, "feedback.unknown_statement"});
      continue;
    }
    const auto agreement = parse_agreement(value);
    if (!agreement) {
      errors.push_back({"answers." + key, "feedback.answer_outside_scale"});
      continue;
    }
    valid.answers.emplace(key, *agreement);
  }
  if (malformed_key) errors.push_back({"answers", "feedback.unknown_statement"});

  const auto trimmed = trim_view(comment);
  if (!is_clean_text(trimmed))
    errors.push_back({"comment", "feedback.comment_invalid"});
  else if (utf8_length(trimmed) > max_comment_length)
    errors.push_back({"comment", "feedback.comment_too_long"});
  valid.comment = std::string(trimmed);

  if (raw_answers.empty() && trimmed.empty()) errors.push_back({"answers", "feedback.empty"});
  if (!errors.empty()) throw ValidationError(std::move(errors));
  return valid;
}

Proportion wilson_interval(std::int64_t successes, std::int64_t n, double z) {
  if (n <= 0) throw std::invalid_argument("wilson_interval: n must be positive");
  if (successes < 0 || successes > n) throw std::invalid_argument("wilson_interval: successes outside 0..n");
  const double count = static_cast<double>(n);
  const double share = static_cast<double>(successes) / count;
  const double z2 = z * z;
  const double denominator = 1 + z2 / count;
  const double centre = (share + z2 / (2 * count)) / denominator;
  const double half = z * std::sqrt(share * (1 - share) / count + z2 / (4 * count * count)) / denominator;
  // At 0 or n the bound is exactly 0 or 1; rounding must not push it past.
  const double low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  const double high = successes == n ? 1.0 : std::min(1.0, centre + half);
  return {share, low, high};
}

int suppression_threshold(std::optional<int> configured) {
  return std::max(minimum_suppression_threshold, configured.value_or(default_suppression_threshold));
}

std::vector<StatementFigure> summarise(const StatementSet& set, const std::vector<FeedbackAnswers>& responses,
                                       int threshold) {
  check_threshold(threshold);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts;  // statement -> (agree, answered)
  for (const auto& key : set.statements) counts[key];
  for (const auto& response : responses) {
    for (const auto& [key, agreement] : response.answers) {
      const auto found = counts.find(key);
      if (found == counts.end()) throw std::invalid_argument("summarise: answer outside the statement set: " + key);
      if (agreement == Agreement::dont_know) continue;
      ++found->second.second;
      if (agreement == Agreement::agree || agreement == Agreement::completely_agree) ++found->second.first;
    }
  }
  std::vector<StatementFigure> figures;
  for (const auto& key : set.statements) {
    const auto [agree, answered] = counts.at(key);
    StatementFigure figure;
    figure.statement = key;
    figure.responses = answered;
    figure.suppressed = answered < threshold;
    if (!figure.suppressed) {
      const auto proportion = wilson_interval(agree, answered);
      figure.agree_share = proportion.share;
      figure.ci_low = proportion.low;
      figure.ci_high = proportion.high;
    }
    figures.push_back(std::move(figure));
  }
  return figures;
}

std::string mask_comment(std::string_view comment, const std::vector<std::string>& known_names) {
  return Masker(known_names).mask(comment);
}

std::vector<std::string> comments_to_show(const std::vector<FeedbackAnswers>& responses, int threshold,
                                          const std::vector<std::string>& known_names) {
  check_threshold(threshold);
  std::vector<std::string> comments;
  if (responses.size() < static_cast<std::size_t>(threshold)) return comments;
  Masker masker(known_names);
  for (const auto& response : responses) {
    const auto text = trim_view(response.comment);
    if (!text.empty()) comments.push_back(masker.mask(text));
  }
  // Sorted after masking: an order by the original text would hint at what
  // was masked.
  std::sort(comments.begin(), comments.end());
  return comments;
}

std::string quarter_of(const std::string& yyyy_mm_dd) {
  const auto date = parse_date(yyyy_mm_dd);
  if (!date) throw std::invalid_argument("quarter_of: not a date: " + yyyy_mm_dd);
  // parse_date gives years 1900 to 9999: always four digits.
  return std::to_string(date->year) + "-Q" + std::to_string((date->month - 1) / 3 + 1);
}

bool parse_quarter(std::string_view text, int& year, int& quarter) {
  if (text.size() != 7 || text[4] != '-' || text[5] != 'Q') return false;
  int parsed_year = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    parsed_year = parsed_year * 10 + (text[i] - '0');
  }
  if (text[6] < '1' || text[6] > '4' || parsed_year < 1900 || parsed_year > 9998) return false;
  year = parsed_year;
  quarter = text[6] - '0';
  return true;
}

std::pair<std::string, std::string> quarter_bounds(int year, int quarter) {
  if (year < 1900 || year > 9998 || quarter < 1 || quarter > 4) {
    throw std::invalid_argument("quarter_bounds: no such quarter");
  }
  const Date first{year, (quarter - 1) * 3 + 1, 1};
  const Date next = quarter == 4 ? Date{year + 1, 1, 1} : Date{year, quarter * 3 + 1, 1};
  return {format_date(first), format_date(next)};
}

}  // namespace gezicht::domain
