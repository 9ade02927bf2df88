#include "storage/experience_repository.hpp"

namespace gezicht::storage {
namespace {

constexpr const char* contact_columns =
    "SELECT c.id, c.at, c.channel, i.name, i.user_id, u.team_id, "
    "CASE WHEN a.contact_id IS NULL THEN 0 ELSE 1 END "
    "FROM contacts c JOIN involved i ON i.id = c.involved_id LEFT JOIN users u ON u.id = i.user_id "
    "LEFT JOIN experience_answered a ON a.contact_id = c.id ";

FeedbackContactRow read_contact(const Statement& row) {
  return {row.int64(0),          row.text(1),           row.text(2),      row.text(3),
          row.optional_int64(4), row.optional_int64(5), row.int64(6) != 0};
}

}  // namespace

std::optional<StatementSetRow> ExperienceRepository::newest_set() {
  auto row = query(connection_,
                   "SELECT version, statements, created_at FROM experience_statement_sets "
                   "ORDER BY version DESC LIMIT 1");
  if (!row->step()) return std::nullopt;
  return StatementSetRow{static_cast<int>(row->int64(0)), row->text(1), row->text(2)};
}

std::optional<StatementSetRow> ExperienceRepository::set(int version) {
  auto row =
      query(connection_, "SELECT version, statements, created_at FROM experience_statement_sets WHERE version = ?",
            std::int64_t{version});
  if (!row->step()) return std::nullopt;
  return StatementSetRow{static_cast<int>(row->int64(0)), row->text(1), row->text(2)};
}

std::vector<StatementSetRow> ExperienceRepository::sets() {
  auto rows =
      query(connection_, "SELECT version, statements, created_at FROM experience_statement_sets ORDER BY version");
  std::vector<StatementSetRow> sets;
  while (rows->step()) sets.push_back({static_cast<int>(rows->int64(0)), rows->text(1), rows->text(2)});
  return sets;
}

void ExperienceRepository::add_words(int version, const StatementWordsRow& words) {
  exec(connection_,
       "INSERT INTO experience_statement_words (set_version, statement, language, words) VALUES (?, ?, ?, ?)",
       std::int64_t{version}, words.statement, words.language, words.words);
}

std::vector<StatementWordsRow> ExperienceRepository::words(int version) {
  auto rows = query(connection_,
                    "SELECT statement, language, words FROM experience_statement_words WHERE set_version = ? "
                    "ORDER BY statement, language",
                    std::int64_t{version});
  std::vector<StatementWordsRow> words;
  while (rows->step()) words.push_back({rows->text(0), rows->text(1), rows->text(2)});
  return words;
}

void ExperienceRepository::add_set(int version, const std::string& statements, const std::string& at) {
  exec(connection_, "INSERT INTO experience_statement_sets (version, statements, created_at) VALUES (?, ?, ?)",
       std::int64_t{version}, statements, at);
}

std::vector<FeedbackContactRow> ExperienceRepository::contacts_since(std::int64_t household_id,
                                                                     const std::string& since,
                                                                     const std::vector<std::string>& channels) {
  std::string sql = std::string(contact_columns) + "WHERE c.household_id = ? AND c.at >= ? AND c.channel IN (";
  for (std::size_t i = 0; i < channels.size(); ++i) sql += i == 0 ? "?" : ", ?";
  sql += ") ORDER BY c.at DESC, c.id DESC LIMIT 50";
  auto rows = connection_.prepare(sql);
  int index = 1;
  rows->bind(index++, household_id);
  rows->bind(index++, since);
  for (const auto& channel : channels) rows->bind(index++, channel);
  std::vector<FeedbackContactRow> contacts;
  while (rows->step()) contacts.push_back(read_contact(*rows));
  return contacts;
}

std::optional<FeedbackContactRow> ExperienceRepository::contact(std::int64_t household_id, std::int64_t contact_id) {
  auto row = query(connection_, std::string(contact_columns) + "WHERE c.household_id = ? AND c.id = ?", household_id,
                   contact_id);
  if (!row->step()) return std::nullopt;
  return read_contact(*row);
}

bool ExperienceRepository::mark_answered(std::int64_t contact_id, std::int64_t household_id, const std::string& on) {
  return exec(connection_,
              "INSERT INTO experience_answered (contact_id, household_id, answered_on) VALUES (?, ?, ?) "
              "ON CONFLICT (contact_id) DO NOTHING",
              contact_id, household_id, on) == 1;
}

void ExperienceRepository::add_response(std::int64_t id, std::optional<std::int64_t> team_id,
                                        const std::string& quarter, int set_version, const std::string& answers,
                                        const std::string& comment) {
  exec(connection_,
       "INSERT INTO experience_responses (id, team_id, quarter, set_version, answers, comment) "
       "VALUES (?, ?, ?, ?, ?, ?)",
       id, team_id ? Value(*team_id) : Value(nullptr), quarter, std::int64_t{set_version}, answers, comment);
}

std::vector<ResponseRow> ExperienceRepository::responses(std::int64_t team_id, const std::string& quarter) {
  auto rows = query(connection_,
                    "SELECT set_version, answers, comment FROM experience_responses WHERE team_id = ? AND quarter = ? "
                    "ORDER BY id",
                    team_id, quarter);
  std::vector<ResponseRow> responses;
  while (rows->step()) responses.push_back({static_cast<int>(rows->int64(0)), rows->text(1), rows->text(2)});
  return responses;
}

}  // namespace gezicht::storage
