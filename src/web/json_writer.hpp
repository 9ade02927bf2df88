#pragma once
// Writes JSON text straight into one string, for the large answers read most
// (the household record, the caseload). Building an nlohmann::json tree for
// them first cost a third of the household API's time: a std::map and a
// heap allocation for every field. Strings are escaped as RFC 8259 asks, and
// invalid UTF-8 becomes U+FFFD, as json_response() does for nlohmann trees.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gezicht::web {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // Inside an object every value follows a key; a misplaced call throws std::logic_error.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(double number);  // shortest text that reads back the same; NaN and infinity are refused
  JsonWriter& value(bool flag);
  JsonWriter& null();
  template <typename T>
  JsonWriter& value(const std::optional<T>& maybe) {
    return maybe ? value(*maybe) : null();
  }
  // Text that is already JSON (one complete value), such as a dumped nlohmann tree.
  JsonWriter& raw(std::string_view json);

  // The text, once every object and array is closed; throws std::logic_error otherwise.
  std::string take();

 private:
  void before_value();
  void open(char bracket, bool is_object);
  void close(char bracket, bool is_object);

  struct Level {
    bool is_object = false;
    bool empty = true;
    bool key_pending = false;
  };
  std::string out_;
  std::vector<Level> levels_;
  bool done_ = false;  // a complete top-level value was written
};

// Appends text as a JSON string, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace gezicht::web
