#pragma once
// Client experience (migration 019): the statement sets, which contacts a
// household answered about, and the answers, kept apart from the household.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

struct StatementSetRow {
  int version = 0;
  std::string statements;  // comma-separated keys
  std::string created_at;
};

struct StatementWordsRow {
  std::string statement;
  std::string language;
  std::string words;
};

// A contact a resident may say something about.
struct FeedbackContactRow {
  std::int64_t contact_id = 0;
  std::string at;
  std::string channel;
  std::string who;
  std::optional<std::int64_t> professional_id;  // the involved person's account, if any
  std::optional<std::int64_t> team_id;          // that account's team
  bool answered = false;
};

struct ResponseRow {
  int set_version = 0;
  std::string answers;  // statement=agreement, comma-separated
  std::string comment;
};

class ExperienceRepository {
 public:
  explicit ExperienceRepository(Connection& connection) : connection_(connection) {}

  std::optional<StatementSetRow> newest_set();
  std::optional<StatementSetRow> set(int version);
  void add_set(int version, const std::string& statements, const std::string& at);
  // Every set, the oldest first.
  std::vector<StatementSetRow> sets();
  void add_words(int version, const StatementWordsRow& words);
  std::vector<StatementWordsRow> words(int version);

  // The household's contacts on the given channels since `since`, the newest first.
  std::vector<FeedbackContactRow> contacts_since(std::int64_t household_id, const std::string& since,
                                                 const std::vector<std::string>& channels);
  std::optional<FeedbackContactRow> contact(std::int64_t household_id, std::int64_t contact_id);
  // False when the contact was answered already (also by a parallel request).
  bool mark_answered(std::int64_t contact_id, std::int64_t household_id, const std::string& on);
  void add_response(std::int64_t id, std::optional<std::int64_t> team_id, const std::string& quarter, int set_version,
                    const std::string& answers, const std::string& comment);
  std::vector<ResponseRow> responses(std::int64_t team_id, const std::string& quarter);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
