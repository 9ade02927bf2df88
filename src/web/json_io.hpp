#pragma once
// Reading JSON request bodies and writing JSON responses.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "domain/validation_error.hpp"
#include "web/request_context.hpp"

namespace gezicht::web {

using Json = nlohmann::json;

// The body as a JSON object. Throws BadRequest for a wrong Content-Type,
// broken JSON or a non-object.
Json parse_json_object(const Request& request);
// A string field: "" when absent or null; ValidationError(field, "field.type") for another type.
std::string string_field(const Json& body, const std::string& field);
bool bool_field(const Json& body, const std::string& field);

Response json_response(int status, const Json& body);
// A body that is already JSON text (see JsonWriter).
Response json_text_response(int status, std::string body);
// {"errors": {field: message}} with messages in the request's language.
Response validation_response(const RequestContext& context, const domain::ValidationError& error);
// {"error": message, "code": key}
Response error_response(const RequestContext& context, int status, std::string_view message_key);

}  // namespace gezicht::web
