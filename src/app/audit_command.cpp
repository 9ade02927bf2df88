// `gezicht audit verify`: checking the audit trail's chain.

#include <cstdio>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "service/audit_trail.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {
namespace {

// Where the chain starts and each move of its start by retention, so that
// a start moved by anything else is seen (compare with what was kept outside).
void print_start(const service::ChainCheck& check) {
  std::printf("chain starts at entry %lld (after hash %s); moved by retention %zu time(s) still in the trail\n",
              static_cast<long long>(check.first_seq), check.first_prev_hash.c_str(), check.anchor_moves.size());
  for (const auto& move : check.anchor_moves) {
    if (move.removed_from == 0) {
      std::printf("  %s (entry %lld): removed entries up to %lld\n", move.at.c_str(),
                  static_cast<long long>(move.entry_seq), static_cast<long long>(move.removed_to));
      continue;
    }
    std::printf("  %s (entry %lld): removed entries %lld to %lld (%lld), up to hash %s\n", move.at.c_str(),
                static_cast<long long>(move.entry_seq), static_cast<long long>(move.removed_from),
                static_cast<long long>(move.removed_to), static_cast<long long>(move.removed_count),
                move.up_to_hash.c_str());
  }
}

}  // namespace

void add_audit_command(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "The audit trail of every access to personal data");
  audit->require_subcommand(1);
  auto db = std::make_shared<std::string>();
  auto* verify = audit->add_subcommand(
      "verify", "Check the hash chain: exit 0 when intact, 1 naming the first entry that was changed or removed");
  verify->add_option("--db", *db, "SQLite file or postgresql:// URL")->required();
  verify->callback([db] {
    auto connection = storage::open_connection(*db);
    const auto check = service::verify_audit_chain(*connection);
    if (!check.intact) {
      std::fprintf(stderr, "audit trail BROKEN at entry %lld: %s\n",
                   static_cast<long long>(check.first_broken_seq.value_or(0)), check.problem.c_str());
      print_start(check);
      throw CLI::RuntimeError(1);
    }
    // The head hash, kept somewhere else (a ticket, the SIEM), shows even a rewritten chain.
    std::printf("audit trail intact: %lld entries, head %s\n", static_cast<long long>(check.entries),
                check.head_hash.c_str());
    print_start(check);
  });
}

}  // namespace gezicht::app
