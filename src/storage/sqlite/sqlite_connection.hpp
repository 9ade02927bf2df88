#pragma once
// SQLite implementation of the storage interface: the embedded default.

#include <memory>
#include <string>

#include "storage/database.hpp"

namespace gezicht::storage::sqlite {

// Opens (creating if needed) a database file in WAL mode with foreign keys on,
// a busy timeout, and synchronous=FULL so an acknowledged commit survives a
// crash or power loss.
std::unique_ptr<Connection> open_sqlite(const std::string& path);

// Before the process's first SQLite call: no memory statistics. With them
// (SQLite's default) every allocation of every connection takes one
// process-wide mutex, and the workers' reads (the record's JSON lists
// allocate) queue on it.
void configure_sqlite_once();

}  // namespace gezicht::storage::sqlite
