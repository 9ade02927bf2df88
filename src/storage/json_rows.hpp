#pragma once
// Rows that the database aggregated into JSON, read back through the
// Statement interface.
//
// The household record reads its small lists (members, goals, actions, ...)
// as JSON subselects of its one head statement (PostgreSQL's json_agg,
// SQLite's json_group_array): one statement instead of seven, each with its
// own per-statement cost. JsonRows turns such a value, an array of arrays of
// scalars, back into rows, so the same readers serve both ways of querying.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

class JsonRows : public Statement {
 public:
  // Parses `json`: an array of arrays of `columns` scalars each (string,
  // integer, true/false as 1/0, null). Throws DatabaseError naming `list`
  // for anything else: a list that does not read back is not a reason to
  // show part of a record. The rows keep `json` and point into it, so a
  // caseload of sixty households costs no allocation per value.
  JsonRows(std::string json, int columns, std::string_view list);

  // bind() and changes() throw std::logic_error: these rows were queried already.
  void bind(int index, const Value& value) override;
  bool step() override;
  bool is_null(int column) const override;
  std::int64_t int64(int column) const override;
  std::string text(int column) const override;
  std::int64_t changes() const override;
  // The text of a column of the current row, valid as long as these rows.
  std::string_view view(int column) const;

 private:
  // A value is a range of json_ (a string without escapes, a number) or of
  // unescaped_ (a string with escapes, true and false as 1 and 0).
  enum class Kind : unsigned char { null, string, number };
  struct Cell {
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
    Kind kind = Kind::null;
    bool unescaped = false;
  };
  friend class JsonRowsParser;
  const Cell& cell(int column) const;

  std::string json_;
  std::string unescaped_;
  std::string list_;
  int columns_ = 0;
  std::vector<Cell> cells_;  // row after row
  std::int64_t row_ = -1;
};

}  // namespace gezicht::storage
