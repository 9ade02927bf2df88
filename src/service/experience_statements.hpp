#pragma once
// The statement sets of "Hoe ging het contact?" as a municipality keeps
// them (`gezicht experience`). A set never changes once added: a new one is
// the next version, asked from then on; earlier answers keep their version.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/experience.hpp"
#include "storage/database.hpp"
#include "storage/experience_repository.hpp"

namespace gezicht::service {

struct StatementSetInfo {
  domain::StatementSet set;
  std::string created_at;
};

// A stored set with its words (none for version 1: the translations have them).
domain::StatementSet statement_set_of(storage::ExperienceRepository& experience, const storage::StatementSetRow& row);
// Every set, the oldest first.
std::vector<StatementSetInfo> statement_sets(storage::Connection& connection);
// Adds `set` as the next version, worded in each of `languages`, in one
// transaction. ValidationError names the place (domain::validate_new_statement_set).
// now: seconds since the epoch. Returns the version.
int add_statement_set(storage::Connection& connection, domain::StatementSet set,
                      const std::vector<std::string>& languages, std::int64_t now);

}  // namespace gezicht::service
