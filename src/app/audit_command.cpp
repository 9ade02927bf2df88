// `gezicht audit verify` and `gezicht retention run`: checking the audit
// trail's chain, and removing what is kept longer than allowed.

#include <cstdio>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "domain/calendar.hpp"
#include "service/audit_trail.hpp"
#include "service/retention.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {
namespace {

// A clock fixed at --now, so a dry run can show what a later date would remove.
class FixedClock final : public service::Clock {
 public:
  explicit FixedClock(std::int64_t now) : now_(now) {}
  std::int64_t now() const override { return now_; }

 private:
  std::int64_t now_;
};

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

void add_retention_command(CLI::App& app) {
  auto* retention = app.add_subcommand("retention", "Remove records kept longer than the municipality's periods");
  retention->require_subcommand(1);
  struct Options {
    std::string db;
    bool dry_run = false;
    std::string now;
  };
  auto options = std::make_shared<Options>();
  auto* run = retention->add_subcommand("run", "Remove (or, with --dry-run, list) what is due");
  run->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  run->add_flag("--dry-run", options->dry_run, "Only list what would be removed");
  run->add_option("--now", options->now, "Act as if it were this UTC time (2033-01-01T00:00:00Z), to preview");
  run->callback([options] {
    std::int64_t now = service::SystemClock().now();
    if (!options->now.empty()) {
      const auto parsed = domain::parse_timestamp(options->now);
      if (!parsed) throw CLI::ValidationError("--now", "not a UTC time like 2033-01-01T00:00:00Z: " + options->now);
      now = *parsed;
    }
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    const FixedClock clock(now);
    const auto steps = service::run_retention(*connection, clock, options->dry_run);
    const char* verb = options->dry_run ? "would remove" : "removed";
    if (steps.empty()) std::printf("retention: nothing is due\n");
    for (const auto& step : steps) {
      std::printf(
          "retention: %s %lld %s (%s)\n", verb, static_cast<long long>(step.count),
          step.kind == "household" ? "closed household(s) with everything recorded about them" : "audit entries",
          step.detail.c_str());
    }
  });
}

}  // namespace gezicht::app
