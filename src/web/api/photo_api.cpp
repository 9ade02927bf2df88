// Faces with photos in the API: the body is the image itself (JPEG or PNG,
// whatever the Content-Type says: the server reads the bytes), through the
// same service and checks as the pages.

#include "service/photo_service.hpp"
#include "web/api/api_routes.hpp"
#include "web/json_io.hpp"

namespace gezicht::web {
namespace {

Json face_json(std::int64_t user_id, const std::string& digest) {
  return {{"user_id", user_id}, {"photo_url", "/gezichten/" + std::to_string(user_id)}, {"digest", digest}};
}

Response put_own(RequestContext& context) {
  const auto id = context.actor->user_id;
  const auto digest = context.app.photos.set_photo(context.connection(), *context.actor, id, context.request.body);
  return json_response(200, face_json(id, digest));
}

Response delete_own(RequestContext& context) {
  const bool removed = context.app.photos.remove_photo(context.connection(), *context.actor, context.actor->user_id);
  return json_response(200, {{"removed", removed}});
}

Response put_account(RequestContext& context) {
  const auto id = context.required_id("id", "account.not_found");
  const auto digest = context.app.photos.set_photo(context.connection(), *context.actor, id, context.request.body);
  return json_response(200, face_json(id, digest));
}

Response delete_account(RequestContext& context) {
  const auto id = context.required_id("id", "account.not_found");
  return json_response(200, {{"removed", context.app.photos.remove_photo(context.connection(), *context.actor, id)}});
}

}  // namespace

void add_photo_api(Router& router) {
  router.add({"PUT", "/api/v1/me/photo", Permission::own_photo, RouteKind::api, put_own});
  router.add({"DELETE", "/api/v1/me/photo", Permission::own_photo, RouteKind::api, delete_own});
  router.add({"PUT", "/api/v1/users/{id}/photo", Permission::manage_accounts, RouteKind::api, put_account});
  router.add({"DELETE", "/api/v1/users/{id}/photo", Permission::manage_accounts, RouteKind::api, delete_account});
}

}  // namespace gezicht::web
