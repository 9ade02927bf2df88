#include "web/pages/photo_pages.hpp"

#include "domain/photo_rules.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/photo_service.hpp"
#include "storage/user_repository.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"
#include "web/pages/home_pages.hpp"
#include "web/system_routes.hpp"

namespace gezicht::web {
namespace {

Response plain_not_found() {
  Response response;
  response.status = 404;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "Not found\n";
  return response;
}

// The photo, or the initials; revalidated by its ETag, so a new photo shows within a minute.
Response get_face(RequestContext& context) {
  const auto id = context.id_param("id");
  if (!id) return plain_not_found();
  const auto face = context.app.photos.face(context.connection(), *id);
  context.release_connection();
  if (!face) return plain_not_found();
  Response response;
  const std::string etag = "\"" + (face->jpeg ? face->digest : std::string("initials")) + "\"";
  response.set_header("Cache-Control", "public, max-age=60");
  response.set_header("ETag", etag);
  if (context.request.header("if-none-match") == etag) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  if (face->jpeg) {
    response.content_type = "image/jpeg";
    response.body = std::move(*face->jpeg);
  } else {
    response.content_type = "image/svg+xml";
    response.body = initials_avatar_svg(*id, face->name);
  }
  return response;
}

// The photo part of a page: the face as it is, the upload form and, with a photo, its removal.
void add_photo_form(RequestContext& context, TemplateData& data, std::int64_t user_id, const std::string& action) {
  const auto face = context.app.photos.face(context.connection(), user_id);
  data.set("csrf_token", context.csrf_token());
  data.set("face_user_id", std::to_string(user_id));
  data.set("has_photo", face && face->jpeg.has_value());
  // The face's URL with its digest, so the page shows the new photo at once after an upload.
  data.set("face_src", "/gezichten/" + std::to_string(user_id) + (face && face->jpeg ? "?v=" + face->digest : ""));
  data.set("photo_action", action);
  data.set("photo_remove_action", action + "/verwijderen");
  data.set("photo_max_mb", std::to_string(domain::photo_max_bytes / (1024 * 1024)));
  data.set("photo_max_pixels", std::to_string(domain::photo_max_width));
  data.set("photo_saved", context.query_value("foto") == "opgeslagen");
  data.set("photo_removed", context.query_value("foto") == "verwijderd");
}

std::string uploaded(const RequestContext& context) {
  const auto file = context.files.find("photo");
  return file == context.files.end() ? std::string() : file->second.data;
}

// The administrator's page for one account's photo.
Response admin_photo_page(RequestContext& context, const domain::ValidationError* error) {
  const auto id = context.required_id("id", "account.not_found");
  const auto user = storage::UserRepository(context.connection()).find_by_id(id);
  const auto role = user ? domain::parse_role(user->role) : std::nullopt;
  if (!user || !role || !domain::has_staff_face(*role))
    throw service::NotFound("account.not_found", "no staff account");
  TemplateData data;
  data.set("name", user->name);
  data.set("username", user->username);
  add_photo_form(context, data, id, "/beheer/gebruikers/" + std::to_string(id) + "/foto");
  context.release_connection();
  if (error) add_form_errors(context, data, *error, [](const std::string&) { return std::string("photo-file"); });
  return render_page(context, "admin_photo", std::move(data), "admin_photo.page_title", error ? 422 : 200);
}

Response get_admin_photo(RequestContext& context) { return admin_photo_page(context, nullptr); }

Response post_admin_photo(RequestContext& context) {
  const auto id = context.required_id("id", "account.not_found");
  try {
    context.app.photos.set_photo(context.connection(), *context.actor, id, uploaded(context));
  } catch (const domain::ValidationError& error) {
    return admin_photo_page(context, &error);
  }
  return redirect("/beheer/gebruikers/" + std::to_string(id) + "/foto?foto=opgeslagen");
}

Response post_admin_photo_removal(RequestContext& context) {
  const auto id = context.required_id("id", "account.not_found");
  context.app.photos.remove_photo(context.connection(), *context.actor, id);
  return redirect("/beheer/gebruikers/" + std::to_string(id) + "/foto?foto=verwijderd");
}

Response post_own_photo(RequestContext& context) {
  try {
    context.app.photos.set_photo(context.connection(), *context.actor, context.actor->user_id, uploaded(context));
  } catch (const domain::ValidationError& error) {
    return account_page_with(context, &error);
  }
  return redirect("/account?foto=opgeslagen");
}

Response post_own_photo_removal(RequestContext& context) {
  context.app.photos.remove_photo(context.connection(), *context.actor, context.actor->user_id);
  return redirect("/account?foto=verwijderd");
}

}  // namespace

void add_photo_to_account_page(RequestContext& context, TemplateData& data, const domain::ValidationError* error) {
  if (!domain::role_has(context.actor->access_role, Permission::own_photo)) return;
  data.set("may_set_photo", true);
  add_photo_form(context, data, context.actor->user_id, "/account/foto");
  if (error) add_form_errors(context, data, *error, [](const std::string&) { return std::string("photo-file"); });
}

void add_photo_pages(Router& router) {
  router.add({"GET", "/gezichten/{id}", Permission::public_access, RouteKind::plain, get_face});
  router.add({"POST", "/account/foto", Permission::own_photo, RouteKind::page, post_own_photo});
  router.add({"POST", "/account/foto/verwijderen", Permission::own_photo, RouteKind::page, post_own_photo_removal});
  router.add({"GET", "/beheer/gebruikers/{id}/foto", Permission::manage_accounts, RouteKind::page, get_admin_photo});
  router.add({"POST", "/beheer/gebruikers/{id}/foto", Permission::manage_accounts, RouteKind::page, post_admin_photo});
  router.add({"POST", "/beheer/gebruikers/{id}/foto/verwijderen", Permission::manage_accounts, RouteKind::page,
              post_admin_photo_removal});
}

}  // namespace gezicht::web
