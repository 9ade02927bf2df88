#include "storage/backup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "storage/database.hpp"

namespace gezicht::storage {
namespace {

namespace fs = std::filesystem;

// The file's data, then its name in the folder, on disk: a rename alone may
// reach the disk before the data it names.
void sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw BackupError("cannot open " + path + " to sync it: " + std::strerror(errno));
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) throw BackupError("cannot sync " + path + " to disk: " + std::strerror(error));
}

void sync_file_and_folder(const std::string& file) {
  sync_path(file, O_RDONLY);
  const auto folder = fs::absolute(fs::path(file)).parent_path();
  sync_path(folder.string(), O_RDONLY | O_DIRECTORY);
}

// Puts the finished `partial` in place as `file`, refusing to replace
// one that appeared meanwhile (link fails where rename would overwrite).
void move_into_place(const std::string& partial, const std::string& file) {
  sync_path(partial, O_RDONLY);
  if (::link(partial.c_str(), file.c_str()) != 0) {
    const int error = errno;
    fs::remove(partial);
    throw BackupError("cannot put the finished copy at " + file + ": " + std::strerror(error));
  }
  fs::remove(partial);
  sync_file_and_folder(file);
}

void refuse_existing(const std::string& file, const char* what) {
  std::error_code error;
  if (fs::exists(file, error)) {
    throw BackupError(std::string(what) + " " + file + " exists already: choose a new name (nothing is overwritten)");
  }
}

// Writes `file` through `file`.partial (a partial file of an earlier run
// that was cut short is ours to remove), which is removed when `write` throws.
template <typename Write>
void write_through_partial(const std::string& file, Write write) {
  const auto partial = file + ".partial";
  std::error_code error;
  fs::remove(partial, error);
  try {
    write(partial);
  } catch (...) {
    fs::remove(partial, error);
    throw;
  }
  move_into_place(partial, file);
}

}  // namespace

BackupFormat backup_format_of(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw BackupError("cannot read the backup " + file + ": " + std::strerror(errno));
  std::array<char, 16> head{};
  in.read(head.data(), head.size());
  const std::string start(head.data(), static_cast<std::size_t>(in.gcount()));
  if (start == std::string("SQLite format 3\0", 16)) return BackupFormat::sqlite;
  if (start.starts_with("PGDMP")) return BackupFormat::postgres_custom;
  throw BackupError(file + " is not a gezicht backup: neither a SQLite database nor a pg_dump custom-format file");
}

BackupWritten backup_database(const std::string& location, const std::string& file) {
  refuse_existing(file, "the backup file");
  BackupWritten written;
  write_through_partial(file, [&](const std::string& partial) {
    if (is_postgres_location(location)) {
      written.format = BackupFormat::postgres_custom;
      postgres::backup_postgres(location, partial);
    } else {
      written.format = BackupFormat::sqlite;
      sqlite::backup_sqlite(location, partial);
    }
  });
  written.bytes = static_cast<std::int64_t>(fs::file_size(file));
  return written;
}

void restore_database(const std::string& file, const std::string& location) {
  const auto format = backup_format_of(file);
  if (is_postgres_location(location)) {
    if (format != BackupFormat::postgres_custom) {
      throw BackupError(file + " is a SQLite backup: restore it into a SQLite file, not into PostgreSQL");
    }
    postgres::restore_postgres(file, location);
    return;
  }
  if (format != BackupFormat::sqlite) {
    throw BackupError(file + " is a PostgreSQL backup (pg_dump): restore it into a postgresql:// database");
  }
  refuse_existing(location, "the database");
  write_through_partial(location, [&](const std::string& partial) { sqlite::restore_sqlite(file, partial); });
}

}  // namespace gezicht::storage
