#pragma once
// What each read model is (read_models.hpp keeps them): its table, the
// triggers that keep it, the SQL that removes both, and the set-based fill,
// per dialect. Internal to storage.

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

struct ReadModel {
  std::string name;
  std::vector<std::string> sources;  // the tables it is made from
  std::int64_t format_version = 0;   // raise it whenever create or fill changes
  std::string create;                // the table and the triggers that keep it
  std::string drop;                  // removes both; stored with the model when built
  std::string fill;                  // fills the empty table from the base tables
};

// In the order they are built: a model may be made from the ones before it.
std::vector<ReadModel> read_model_definitions(Dialect dialect);

}  // namespace gezicht::storage
