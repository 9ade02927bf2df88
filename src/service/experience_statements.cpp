#include "service/experience_statements.hpp"

#include "domain/calendar.hpp"
#include "domain/text.hpp"

namespace gezicht::service {

domain::StatementSet statement_set_of(storage::ExperienceRepository& experience, const storage::StatementSetRow& row) {
  domain::StatementSet set{row.version, {}};
  std::size_t at = 0;
  while (at < row.statements.size()) {
    auto comma = row.statements.find(',', at);
    if (comma == std::string::npos) comma = row.statements.size();
    if (comma > at) set.statements.push_back(row.statements.substr(at, comma - at));
    at = comma + 1;
  }
  for (auto& words : experience.words(row.version)) {
    set.words[words.statement][words.language] = std::move(words.words);
  }
  return set;
}

std::vector<StatementSetInfo> statement_sets(storage::Connection& connection) {
  storage::ExperienceRepository experience(connection);
  std::vector<StatementSetInfo> sets;
  for (const auto& row : experience.sets()) sets.push_back({statement_set_of(experience, row), row.created_at});
  return sets;
}

int add_statement_set(storage::Connection& connection, domain::StatementSet set,
                      const std::vector<std::string>& languages, std::int64_t now) {
  storage::Transaction transaction(connection);
  storage::ExperienceRepository experience(connection);
  const auto newest = experience.newest_set();
  set.version = newest ? newest->version + 1 : 1;
  domain::validate_new_statement_set(set, languages);
  std::string keys;
  for (const auto& key : set.statements) keys += (keys.empty() ? "" : ",") + key;
  experience.add_set(set.version, keys, domain::format_timestamp(now));
  for (const auto& [statement, by_language] : set.words) {
    for (const auto& [language, words] : by_language) {
      experience.add_words(set.version, {statement, language, std::string(domain::trim_view(words))});
    }
  }
  transaction.commit();
  return set.version;
}

}  // namespace gezicht::service
