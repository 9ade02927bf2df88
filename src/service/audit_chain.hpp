#pragma once
// The audit trail's hash chain: how an entry is hashed, appending, the entry
// by which retention alone may move the chain's start, and verification.
//
// audit_chain holds the head (last_seq, last_hash) and the start, or anchor
// (first_seq, first_prev_hash). Database triggers (migration 010) let the
// head move only forward to an appended entry, and the start only to right
// after an entry that is there, when the newest entry is retention's naming
// that start exactly. Verification checks the same from the entries, for a
// database whose triggers were dropped.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

// The hash formats an entry can record (audit_log.hash_format). New entries
// get the newest; older entries keep verifying in theirs.
//   1: every field as text (entries written before migration 010);
//   2: every field with its type, so that a value stored as another type (a
//      household id as a BLOB, which `household_id = ?` no longer finds)
//      cannot keep the entry's hash.
inline constexpr std::int64_t audit_hash_format_text = 1;
inline constexpr std::int64_t audit_hash_format_typed = 2;
inline constexpr std::int64_t current_audit_hash_format = audit_hash_format_typed;

// BLAKE2b-256 over the previous hash and every field of the entry, in the
// entry's hash_format. Throws std::invalid_argument for an unknown format.
std::string audit_hash(const std::string& prev_hash, const storage::AuditRecord& record);

// Appends to the chain: must run inside a transaction. Fills in seq,
// hash_format, prev_hash and hash of each record.
void append_to_chain(storage::Connection& connection, std::vector<storage::AuditRecord>& records);

// A move of the chain's start by retention, as its entry in the trail records it.
struct AnchorMove {
  std::int64_t entry_seq = 0;     // retention's entry
  std::string at;                 // when
  std::int64_t removed_from = 0;  // the entries removed; 0: not recorded (format-1 entries)
  std::int64_t removed_to = 0;    // the chain then starts at removed_to + 1
  std::int64_t removed_count = 0;
  std::string up_to_hash;  // the hash of entry removed_to, the start's prev hash; empty in format 1
};

// The purpose of retention's entry about removing entries `from`..`to` (the
// chain's start then follows `to`, whose hash is `to_hash`); `reason` says
// why, in words. The database accepts the move of the start only when the
// newest entry says this (migration 010 matches its end).
std::string anchor_move_purpose(std::int64_t from, std::int64_t to, std::int64_t count, const std::string& reason,
                                const std::string& to_hash);
// The move an entry records, if it is retention's entry about removing entries.
std::optional<AnchorMove> read_anchor_move(const storage::AuditRecord& record);

struct ChainCheck {
  bool intact = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_broken_seq;  // the first entry that does not fit
  std::string problem;
  std::string head_hash;       // to keep outside the database, so even a rewritten chain shows
  std::int64_t first_seq = 1;  // where the chain starts
  std::string first_prev_hash;
  std::vector<AnchorMove> anchor_moves;  // retention's moves of the start still in the trail, oldest first
};
ChainCheck verify_audit_chain(storage::Connection& connection);

}  // namespace gezicht::service
