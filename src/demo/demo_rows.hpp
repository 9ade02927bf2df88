#pragma once
// Rows for bulk_insert, filled in place: a batch of ten thousand rows per
// table whose values keep their string buffers from batch to batch, so that
// loading tens of millions of rows costs no allocation per field. Internal to
// the demo generator.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "demo/demo_calendar.hpp"
#include "storage/database.hpp"

namespace gezicht::demo::detail {

inline constexpr std::size_t batch_rows = 10000;

inline std::string& text_slot(storage::Value& value) {
  if (auto* text = std::get_if<std::string>(&value)) {
    text->clear();
    return *text;
  }
  return value.emplace<std::string>();
}
inline void set_text(storage::Value& value, std::string_view text) {
  text_slot(value).assign(text.data(), text.size());
}
inline void set_int(storage::Value& value, std::int64_t number) { value = number; }
inline void set_null(storage::Value& value) { value = nullptr; }
// A user or row id, or NULL for 0.
inline void set_id_or_null(storage::Value& value, std::int64_t id) {
  if (id == 0)
    value = nullptr;
  else
    value = id;
}
inline void set_date(storage::Value& value, Days day) {
  std::string& text = text_slot(value);
  text.resize(10);
  format_date(day, text.data());
}
inline void set_timestamp(storage::Value& value, Seconds at) {
  std::string& text = text_slot(value);
  text.resize(20);
  format_timestamp(at, text.data());
}

// Rows for one table, handed to bulk_insert ten thousand at a time. A batch
// whose rows point at rows of other batches (foreign keys) names them with
// depends_on(); they are flushed first, so every reference is already stored.
class Batch {
 public:
  Batch(storage::Connection& connection, std::string table, std::vector<std::string> columns,
        std::function<void(std::int64_t)> on_flush = {})
      : connection_(connection),
        table_(std::move(table)),
        columns_(std::move(columns)),
        on_flush_(std::move(on_flush)) {
    rows_.reserve(batch_rows);
  }
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  void depends_on(Batch& other) { dependencies_.push_back(&other); }

  std::vector<storage::Value>& row() {
    if (used_ == batch_rows) flush();
    if (used_ == rows_.size()) rows_.emplace_back(columns_.size());
    return rows_[used_++];
  }

  void flush() {
    for (Batch* dependency : dependencies_) dependency->flush();
    if (used_ == 0) return;
    rows_.resize(used_);  // only the last batch is short
    connection_.bulk_insert(table_, columns_, rows_);
    if (on_flush_) on_flush_(static_cast<std::int64_t>(used_));
    written_ += static_cast<std::int64_t>(used_);
    used_ = 0;
  }

  // Rows handed to the database so far.
  std::int64_t written() const { return written_; }

 private:
  storage::Connection& connection_;
  std::string table_;
  std::vector<std::string> columns_;
  std::function<void(std::int64_t)> on_flush_;
  std::vector<std::vector<storage::Value>> rows_;
  std::vector<Batch*> dependencies_;
  std::size_t used_ = 0;
  std::int64_t written_ = 0;
};

}  // namespace gezicht::demo::detail
