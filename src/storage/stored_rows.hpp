#pragma once
// Query results kept as one text value and read back as if queried again.
//
// The household record's household-only lists (members, goals, actions, ...)
// are stored encoded in table record_lists (migration 009), so that reading
// the record costs one row instead of seven statements. encode_rows() writes
// a result set; StoredRows reads it back through the Statement interface, so
// the same readers turn both into domain values.
//
// Format: "R<rows>,<columns>;" then each cell as "~" (NULL) or
// "<bytes>:<text>"; lists follow each other. Lengths make any text safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace gezicht::storage {

// Steps `rows` to the end and appends its `columns` cells per row to `out`.
void encode_rows(std::string& out, Statement& rows, int columns);

// One list read back. Cells are views into the text given to decode_lists,
// which must outlive it. bind() and changes() throw std::logic_error: these
// rows were queried already.
class StoredRows : public Statement {
 public:
  void bind(int index, const Value& value) override;
  bool step() override;
  bool is_null(int column) const override;
  std::int64_t int64(int column) const override;
  std::string text(int column) const override;
  std::int64_t changes() const override;

 private:
  friend std::vector<StoredRows> decode_lists(std::string_view encoded, const std::vector<int>& columns);
  struct Cell {
    std::string_view text;
    bool null = false;
  };
  const Cell& cell(int column) const;

  int columns_ = 0;
  std::vector<Cell> cells_;  // row after row
  std::int64_t row_ = -1;
};

// Splits text written by encode_rows into its lists, expecting exactly
// columns.size() lists with those column counts. Throws DatabaseError for
// anything else: stored text that does not read back is corruption, not a
// reason to show part of a record.
std::vector<StoredRows> decode_lists(std::string_view encoded, const std::vector<int>& columns);

}  // namespace gezicht::storage
