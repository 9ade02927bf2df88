#pragma once
// Invalid input, reported per field. A message key (for example
// "postcode.invalid") is translated by the web layer into the resident's
// language; the field name is the same as in the form and the JSON API.

#include <stdexcept>
#include <string>
#include <vector>

namespace gezicht::domain {

struct FieldError {
  std::string field;
  std::string message_key;
};

class ValidationError : public std::runtime_error {
 public:
  explicit ValidationError(std::vector<FieldError> errors)
      : std::runtime_error(describe(errors)), errors_(std::move(errors)) {}
  ValidationError(std::string field, std::string message_key)
      : ValidationError(std::vector<FieldError>{{std::move(field), std::move(message_key)}}) {}
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  static std::string describe(const std::vector<FieldError>& errors) {
    std::string text = "invalid input:";
    for (const auto& error : errors) text += " " + error.field + " (" + error.message_key + ")";
    return text;
  }
  std::vector<FieldError> errors_;
};

}  // namespace gezicht::domain
