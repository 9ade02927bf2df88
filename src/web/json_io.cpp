#include "web/json_io.hpp"

#include "web/page_renderer.hpp"

namespace gezicht::web {

Json parse_json_object(const Request& request) {
  const auto content_type = request.header("content-type");
  // Requiring JSON also means a cross-site HTML form cannot post here.
  if (!content_type.starts_with("application/json")) {
    throw BadRequest("body.content_type", "Content-Type is '" + std::string(content_type) + "'");
  }
  Json body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded()) throw BadRequest("body.invalid_json", "request body is not valid JSON");
  if (!body.is_object()) throw BadRequest("body.not_object", "request body is not a JSON object");
  return body;
}

std::string string_field(const Json& body, const std::string& field) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return {};
  if (!found->is_string()) throw domain::ValidationError(field, "field.type");
  return found->get<std::string>();
}

bool bool_field(const Json& body, const std::string& field) {
  auto found = body.find(field);
  if (found == body.end() || found->is_null()) return false;
  if (!found->is_boolean()) throw domain::ValidationError(field, "field.type");
  return found->get<bool>();
}

Response json_response(int status, const Json& body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  // Replace invalid UTF-8 rather than throw: stored text was validated, but a
  // response must never fail on it.
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Response json_text_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(body);
  return response;
}

Response validation_response(const RequestContext& context, const domain::ValidationError& error) {
  Json errors = Json::object();
  for (const auto& field_error : error.errors()) {
    if (!errors.contains(field_error.field)) errors[field_error.field] = error_text(context, field_error.message_key);
  }
  return json_response(422, {{"errors", errors}});
}

Response error_response(const RequestContext& context, int status, std::string_view message_key) {
  return json_response(status, {{"error", error_text(context, message_key)}, {"code", message_key}});
}

}  // namespace gezicht::web
