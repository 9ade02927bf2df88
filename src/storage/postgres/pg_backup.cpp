// PostgreSQL backups with PostgreSQL's own tools: pg_dump in custom format
// (one consistent snapshot while the servers write) and pg_restore in one
// transaction. The connection's settings go to them through libpq's
// environment variables, never on the command line, where `ps` would show
// the password.

#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "storage/backup.hpp"
#include "storage/database.hpp"

extern char** environ;

namespace gezicht::storage::postgres {
namespace {

struct Settings {
  std::vector<std::string> environment;  // NAME=value, ours after the inherited ones
  std::string dbname;
};

Settings settings_of(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    const std::string message = error ? error : "out of memory";
    PQfreemem(error);
    throw BackupError("the database URL cannot be read: " + message);
  }
  Settings settings;
  for (auto* option = options; option->keyword; ++option) {
    if (!option->val || !*option->val) continue;
    if (std::strcmp(option->keyword, "dbname") == 0) settings.dbname = option->val;
    if (option->envvar) settings.environment.push_back(std::string(option->envvar) + "=" + option->val);
  }
  PQconninfoFree(options);
  if (settings.dbname.empty()) throw BackupError("the database URL names no database");
  return settings;
}

// Runs a program to its end, its output going where ours goes.
void run(const std::vector<std::string>& arguments, const Settings& settings) {
  std::vector<std::string> environment;
  for (char** variable = environ; *variable; ++variable) environment.emplace_back(*variable);
  environment.insert(environment.end(), settings.environment.begin(), settings.environment.end());
  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& variable : environment) envp.push_back(const_cast<char*>(variable.c_str()));
  envp.push_back(nullptr);
  pid_t child = 0;
  const int spawned = posix_spawnp(&child, argv[0], nullptr, nullptr, argv.data(), envp.data());
  if (spawned == ENOENT) {
    throw BackupError(arguments[0] +
                      " was not found: install Debian's postgresql-client (the same major version as the server)");
  }
  if (spawned != 0) throw BackupError("cannot start " + arguments[0] + ": " + std::strerror(spawned));
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) throw BackupError("lost " + arguments[0] + ": " + std::strerror(errno));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  if (WIFEXITED(status)) {
    throw BackupError(arguments[0] + " failed (exit code " + std::to_string(WEXITSTATUS(status)) +
                      "); it said why above");
  }
  throw BackupError(arguments[0] + " was stopped by signal " + std::to_string(WTERMSIG(status)));
}

}  // namespace

void backup_postgres(const std::string& url, const std::string& partial) {
  const auto settings = settings_of(url);
  run({"pg_dump", "--format=custom", "--no-password", "--file=" + partial, "--dbname=" + settings.dbname}, settings);
}

void restore_postgres(const std::string& file, const std::string& url) {
  {
    auto connection = open_connection(url);
    auto rows = query(*connection, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()");
    rows->step();
    if (rows->int64(0) > 0) {
      throw BackupError(
          "the target database has tables already: restore into a new, empty database (nothing is "
          "overwritten)");
    }
  }
  const auto settings = settings_of(url);
  // One transaction, stopped at the first error: a failed restore leaves the database empty.
  run({"pg_restore", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", "--no-password",
       "--dbname=" + settings.dbname, file},
      settings);
}

}  // namespace gezicht::storage::postgres
