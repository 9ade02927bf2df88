#include "service/audit_chain.hpp"

#include <charconv>
#include <stdexcept>
#include <string_view>

#include "service/random.hpp"
#include "storage/audit_repository.hpp"
#include "storage/read_snapshot.hpp"

namespace gezicht::service {
namespace {

// Where the chain starts before retention ever moved it (migration 004).
const std::string origin_prev_hash(64, '0');
constexpr std::string_view start_marker = "; the chain starts at ";

// Format 1: each field with its length, so no two different entries read the same.
void append_field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

std::string optional_number(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string("-");
}

// Format 2: each field's type, then its value (a text with its length).
void typed_text(std::string& out, std::string_view value) {
  out += "text ";
  append_field(out, value);
}

void typed_integer(std::string& out, const std::optional<std::int64_t>& value) {
  out += value ? "integer " + std::to_string(*value) + "\n" : std::string("null\n");
}

bool read_literal(std::string_view text, std::size_t& pos, std::string_view literal) {
  if (text.substr(pos).substr(0, literal.size()) != literal) return false;
  pos += literal.size();
  return true;
}

bool read_number(std::string_view text, std::size_t& pos, std::int64_t& value) {
  const char* begin = text.data() + pos;
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc() || end == begin) return false;
  pos += static_cast<std::size_t>(end - begin);
  return true;
}

bool is_hash(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string audit_hash(const std::string& prev_hash, const storage::AuditRecord& r) {
  std::string text;
  text.reserve(512);
  if (r.hash_format == audit_hash_format_text) {
    append_field(text, prev_hash);
    append_field(text, std::to_string(r.seq));
    append_field(text, r.at);
    append_field(text, optional_number(r.actor_user_id));
    append_field(text, r.actor_name);
    append_field(text, r.actor_role);
    append_field(text, r.organisation);
    append_field(text, r.on_behalf_of);
    append_field(text, optional_number(r.household_id));
    append_field(text, r.part);
    append_field(text, r.action);
    append_field(text, r.result);
    append_field(text, r.client_address);
    append_field(text, r.purpose);
    append_field(text, r.route);
  } else if (r.hash_format == audit_hash_format_typed) {
    // The format first, so an entry read in another format never matches.
    text += "gezicht audit entry, hash format 2\n";
    typed_text(text, prev_hash);
    typed_integer(text, r.hash_format);
    typed_integer(text, r.seq);
    typed_text(text, r.at);
    typed_integer(text, r.actor_user_id);
    typed_text(text, r.actor_name);
    typed_text(text, r.actor_role);
    typed_text(text, r.organisation);
    typed_text(text, r.on_behalf_of);
    typed_integer(text, r.household_id);
    typed_text(text, r.part);
    typed_text(text, r.action);
    typed_text(text, r.result);
    typed_text(text, r.client_address);
    typed_text(text, r.purpose);
    typed_text(text, r.route);
  } else {
    throw std::invalid_argument("unknown audit hash format " + std::to_string(r.hash_format));
  }
  return blake2b_hex(text, 32);
}

void append_to_chain(storage::Connection& connection, std::vector<storage::AuditRecord>& records) {
  storage::AuditRepository audit(connection);
  auto head = audit.lock_head();
  if (records.empty()) return;
  for (auto& record : records) {
    record.seq = ++head.last_seq;
    record.hash_format = current_audit_hash_format;
    record.prev_hash = head.last_hash;
    record.hash = audit_hash(record.prev_hash, record);
    head.last_hash = record.hash;
  }
  audit.insert_all(records);
  audit.set_head(head.last_seq, head.last_hash);
}

std::string anchor_move_purpose(std::int64_t from, std::int64_t to, std::int64_t count, const std::string& reason,
                                const std::string& to_hash) {
  return "removed entries " + std::to_string(from) + " to " + std::to_string(to) + " (" + std::to_string(count) + ") " +
         reason + std::string(start_marker) + std::to_string(to + 1) + " after " + to_hash;
}

std::optional<AnchorMove> read_anchor_move(const storage::AuditRecord& r) {
  if (r.actor_role != "system" || r.part != "audit_log" || r.action != "delete") return std::nullopt;
  AnchorMove move;
  move.entry_seq = r.seq;
  move.at = r.at;
  const std::string_view text = r.purpose;
  std::size_t pos = 0;
  if (r.hash_format == audit_hash_format_text) {
    // Retention before migration 010 moved the start, then wrote this.
    if (read_literal(text, pos, "entries up to ") && read_number(text, pos, move.removed_to)) return move;
    return std::nullopt;
  }
  if (!read_literal(text, pos, "removed entries ") || !read_number(text, pos, move.removed_from) ||
      !read_literal(text, pos, " to ") || !read_number(text, pos, move.removed_to) || !read_literal(text, pos, " (") ||
      !read_number(text, pos, move.removed_count) || !read_literal(text, pos, ") ")) {
    return std::nullopt;
  }
  pos = text.rfind(start_marker);
  std::int64_t start = 0;
  if (pos == std::string_view::npos || !read_literal(text, pos, start_marker) || !read_number(text, pos, start) ||
      !read_literal(text, pos, " after ")) {
    return std::nullopt;
  }
  move.up_to_hash = std::string(text.substr(pos));
  if (start != move.removed_to + 1 || !is_hash(move.up_to_hash)) return std::nullopt;
  return move;
}

ChainCheck verify_audit_chain(storage::Connection& connection) {
  // The head and every entry in one snapshot: the server appends while
  // `gezicht audit verify` runs, and a head read before an append, with the
  // entries read after it, would look like removed entries.
  const storage::ReadSnapshot snapshot(connection);
  storage::AuditRepository audit(connection);
  const auto head = audit.head();
  ChainCheck check;
  check.first_seq = head.first_seq;
  check.first_prev_hash = head.first_prev_hash;
  std::int64_t expected_seq = head.first_seq;
  std::string running = head.first_prev_hash;
  std::int64_t newest_format = 0;
  auto broken = [&](std::int64_t seq, std::string problem) {
    if (!check.intact) return;
    check.intact = false;
    check.first_broken_seq = seq;
    check.problem = std::move(problem);
  };
  audit.each_stored_in_order([&](const storage::StoredAuditEntry& stored) {
    const auto& record = stored.record;
    ++check.entries;
    if (!check.intact) return;
    const std::string entry = "entry " + std::to_string(record.seq);
    if (record.seq != expected_seq) {
      broken(expected_seq,
             "entry " + std::to_string(expected_seq) + " is missing (next is " + std::to_string(record.seq) + ")");
      return;
    }
    if (const auto& wrong = stored.mistyped) {
      broken(record.seq, entry + ": " + wrong->field + " is stored as " + wrong->stored + ", not as " + wrong->column +
                             ", so queries comparing it no longer find the entry");
      return;
    }
    if (record.prev_hash != running) {
      broken(record.seq, entry + " does not follow the entry before it");
      return;
    }
    // Formats only ever go up: a newer entry in an older format was changed.
    if (record.hash_format < audit_hash_format_text || record.hash_format > current_audit_hash_format ||
        record.hash_format < newest_format) {
      broken(record.seq,
             entry + " has hash format " + std::to_string(record.hash_format) +
                 (record.hash_format < newest_format ? " after entries of format " + std::to_string(newest_format)
                                                     : std::string(", which is unknown")));
      return;
    }
    if (audit_hash(record.prev_hash, record) != record.hash) {
      broken(record.seq, entry + " was changed after it was written");
      return;
    }
    if (auto move = read_anchor_move(record)) {
      if (!check.anchor_moves.empty() && move->removed_to <= check.anchor_moves.back().removed_to) {
        broken(record.seq, entry + " says retention moved the chain's start back");
        return;
      }
      check.anchor_moves.push_back(std::move(*move));
    }
    newest_format = record.hash_format;
    running = record.hash;
    ++expected_seq;
  });
  if (check.intact && (expected_seq - 1 != head.last_seq || running != head.last_hash)) {
    broken(expected_seq, "the chain ends at entry " + std::to_string(expected_seq - 1) + " but its head says " +
                             std::to_string(head.last_seq) + ": entries at the end were removed");
  }
  // Only retention moves the start, and its latest entry must name where the
  // start is now; otherwise entries at the start were cut.
  if (check.intact) {
    const std::string start = "the chain starts at entry " + std::to_string(head.first_seq);
    if (check.anchor_moves.empty()) {
      if (head.first_seq != 1 || head.first_prev_hash != origin_prev_hash) {
        broken(head.first_seq, start + ", but no retention entry in it says so: entries before it were removed");
      }
    } else {
      const auto& last = check.anchor_moves.back();
      if (last.removed_to + 1 != head.first_seq ||
          (!last.up_to_hash.empty() && last.up_to_hash != head.first_prev_hash)) {
        broken(head.first_seq, start + " after hash " + head.first_prev_hash + ", but the latest retention (entry " +
                                   std::to_string(last.entry_seq) + ") moved it to entry " +
                                   std::to_string(last.removed_to + 1) +
                                   (last.up_to_hash.empty() ? "" : " after hash " + last.up_to_hash));
      }
    }
  }
  check.head_hash = head.last_hash;
  return check;
}

}  // namespace gezicht::service
