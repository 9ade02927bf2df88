#pragma once
// Backups that restore: a copy of the whole database taken while the
// servers keep writing, and a restore into a new, empty database.
// SQLite through its online backup API (one consistent snapshot; writers
// carry on, as the database is in WAL mode); PostgreSQL through pg_dump in
// custom format (one consistent snapshot) and pg_restore in one transaction.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace gezicht::storage {

// A backup or restore that cannot be done, with what to do about it.
class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class BackupFormat { sqlite, postgres_custom };

struct BackupWritten {
  BackupFormat format = BackupFormat::sqlite;
  std::int64_t bytes = 0;
};

// Writes `file` (never over an existing one) from the database at
// `location`: first as `file`.partial, renamed into place once complete and
// on disk, so a backup cut short leaves nothing that looks whole.
BackupWritten backup_database(const std::string& location, const std::string& file);

// Restores `file` into `location`, which must be empty: a SQLite file that
// does not exist yet, or a PostgreSQL database without tables. All or
// nothing: a failed restore leaves the target as it was.
void restore_database(const std::string& file, const std::string& location);

// What a backup file holds, by its first bytes; throws BackupError when neither.
BackupFormat backup_format_of(const std::string& file);

namespace sqlite {
void backup_sqlite(const std::string& path, const std::string& partial);
void restore_sqlite(const std::string& file, const std::string& partial);
}  // namespace sqlite

namespace postgres {
void backup_postgres(const std::string& url, const std::string& partial);
void restore_postgres(const std::string& file, const std::string& url);
}  // namespace postgres

}  // namespace gezicht::storage
