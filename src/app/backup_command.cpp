// `gezicht backup` and `gezicht restore`: a copy of the whole database taken
// while the servers run, and its restore into a new, empty database, whose
// audit trail is then checked. See docs/operations.md for what to keep.

#include <cstdio>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "service/audit_trail.hpp"
#include "storage/backup.hpp"
#include "storage/database.hpp"

namespace gezicht::app {
namespace {

const char* format_name(storage::BackupFormat format) {
  return format == storage::BackupFormat::sqlite ? "SQLite database" : "pg_dump custom format";
}

}  // namespace

void add_backup_command(CLI::App& app) {
  struct Options {
    std::string db;
    std::string file;
  };
  auto options = std::make_shared<Options>();
  auto* backup = app.add_subcommand(
      "backup",
      "Copy the whole database to a new file while it is in use (SQLite: online backup; PostgreSQL: pg_dump)");
  backup->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  backup->add_option("--to", options->file, "the backup file to write; it must not exist yet")->required();
  backup->callback([options] {
    const auto written = storage::backup_database(options->db, options->file);
    std::printf("backup written: %s (%s, %lld bytes)\n", options->file.c_str(), format_name(written.format),
                static_cast<long long>(written.bytes));
  });

  auto* restore =
      app.add_subcommand("restore", "Restore a backup into a new, empty database and check its audit trail");
  restore->add_option("--from", options->file, "a file written by `gezicht backup`")->required();
  restore->add_option("--db", options->db, "a SQLite file that does not exist yet, or an empty postgresql:// database")
      ->required();
  restore->callback([options] {
    storage::restore_database(options->file, options->db);
    auto connection = storage::open_connection(options->db);
    const auto check = service::verify_audit_chain(*connection);
    if (!check.intact) {
      std::fprintf(stderr,
                   "gezicht: restored, but the audit trail is BROKEN at entry %lld: %s. Do not serve this copy; "
                   "take an older backup.\n",
                   static_cast<long long>(check.first_broken_seq.value_or(0)), check.problem.c_str());
      throw CLI::RuntimeError(1);
    }
    // Compare the head with the one kept outside the database when the backup was made.
    std::printf("restored %s into the database; audit trail intact: %lld entries, head %s\n", options->file.c_str(),
                static_cast<long long>(check.entries), check.head_hash.c_str());
    std::printf("next: `gezicht migrate --db ...` if this gezicht is newer than the backup, then start the servers\n");
  });
}

}  // namespace gezicht::app
