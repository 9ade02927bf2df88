#pragma once
// Searching the audit trail, as the auditor does: by household, by person,
// by kind of access and by period. Pure rules: what each kind means in the
// entry's fields, and how a search's input is checked. The repository turns
// the checked search into SQL; nothing here reads the trail.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gezicht::domain {

// The kinds of access an auditor looks for. `any` is no filter.
enum class AuditKind { any, emergency, shared, refused };
const char* to_string(AuditKind kind);
// "" is any; nullopt for a word that is no kind.
std::optional<AuditKind> parse_audit_kind(std::string_view text);
inline constexpr AuditKind audit_kinds[] = {AuditKind::emergency, AuditKind::shared, AuditKind::refused};

// One way an entry is of a kind: every field given matches (the purpose by
// its beginning). An entry is of a kind when any of the kind's matches fits.
struct AuditFieldMatch {
  std::optional<std::string> action;
  std::optional<std::string> result;
  std::optional<std::string> part;
  std::optional<std::string> purpose_prefix;
};
// emergency: breaking the glass, and every access under it;
// shared: every access through a share, and every decision to share or to withdraw one;
// refused: every refused attempt. `any` has no matches (everything fits).
std::vector<AuditFieldMatch> audit_kind_matches(AuditKind kind);

// What the kinds look at in one entry.
struct AuditEntryFields {
  std::string_view action;
  std::string_view result;
  std::string_view part;
  std::string_view purpose;
};
bool is_of_kind(const AuditEntryFields& entry, AuditKind kind);

// A search as typed (query parameters or JSON): text, unchecked.
struct AuditSearchInput {
  std::string household;  // a household number
  std::string person;     // a user number or a user name; the service resolves a name
  std::string kind;       // emergency, shared, refused or empty
  std::string from;       // YYYY-MM-DD, Amsterdam time, inclusive
  std::string to;         // YYYY-MM-DD, Amsterdam time, inclusive
  std::string before;     // page cursor: entries older than this seq
  std::string limit;      // entries per page
};

// A checked search. Times are UTC timestamps ("YYYY-MM-DDTHH:MM:SSZ").
struct AuditSearch {
  std::optional<std::int64_t> household_id;
  std::optional<std::int64_t> actor_user_id;
  AuditKind kind = AuditKind::any;
  std::optional<std::string> from_at;   // inclusive
  std::optional<std::string> until_at;  // exclusive: the start of the day after `to`
  std::optional<std::int64_t> before_seq;
  int limit = 0;
};

inline constexpr int audit_search_default_limit = 50;
inline constexpr int audit_search_max_limit = 200;
// An export holds at most this many entries; a longer period is exported in parts.
inline constexpr int audit_export_max_entries = 50000;

// Checks the input. Throws ValidationError naming the field (household,
// person, kind, from, to, before, limit). The person is left to the caller
// unless it is a number (actor_user_id is then set).
AuditSearch parse_audit_search(const AuditSearchInput& input);
// Whether `text` is a user number rather than a name.
bool is_user_number(std::string_view text);

}  // namespace gezicht::domain
