#include "web/system_routes.hpp"

#include <sodium.h>

#include "domain/directory.hpp"
#include "domain/theme.hpp"
#include "storage/database.hpp"
#include "web/template_engine.hpp"

namespace gezicht::web {
namespace {

Response plain(int status, std::string content_type, std::string body) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

Response health(RequestContext& context) {
  // Ready means the database answers, not only that the process runs.
  auto statement = storage::query(context.connection(), "SELECT 1");
  statement->step();
  return plain(200, "text/plain; charset=utf-8", "ok\n");
}

// For the operator's monitoring only: the configured networks, or the token.
// Anyone else is told there is nothing here, as for any unknown path.
bool may_read_metrics(const RequestContext& context) {
  const auto& settings = context.app.settings;
  if (settings.metrics_networks.contains(context.request.remote_address)) return true;
  if (settings.metrics_token.empty()) return false;
  const auto given = context.request.header("authorization");
  const std::string expected = "Bearer " + settings.metrics_token;
  return given.size() == expected.size() && sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

Response metrics(RequestContext& context) {
  if (!may_read_metrics(context)) return plain(404, "text/plain; charset=utf-8", "Not found\n");
  return plain(200, "text/plain; version=0.0.4; charset=utf-8", context.app.metrics.render());
}

Response static_file(RequestContext& context) {
  const auto* file = context.app.static_files.find(context.param("file"));
  if (!file) return plain(404, "text/plain; charset=utf-8", "Not found\n");
  Response response;
  response.set_header("ETag", file->etag);
  response.set_header("Cache-Control", "public, max-age=3600");
  response.set_header("Vary", "Accept-Encoding");
  if (context.request.header("if-none-match") == file->etag) {
    response.status = 304;
    response.content_type = file->content_type;
    return response;
  }
  response.content_type = file->content_type;
  if (!file->gzip_body.empty() && context.request.header("accept-encoding").find("gzip") != std::string_view::npos) {
    response.set_header("Content-Encoding", "gzip");
    response.body = file->gzip_body;
  } else {
    response.body = file->body;
  }
  return response;
}

Response avatar(RequestContext& context) {
  const std::string file = context.param("file");
  if (!file.ends_with(".svg")) return plain(404, "text/plain; charset=utf-8", "Not found\n");
  std::int64_t id = 0;
  try {
    id = std::stoll(file.substr(0, file.size() - 4));
  } catch (const std::exception&) {
    return plain(404, "text/plain; charset=utf-8", "Not found\n");
  }
  const auto snapshot = context.app.directory.snapshot();
  for (const auto& team : snapshot->directory.teams) {
    for (const auto& person : team.people) {
      if (person.id != id) continue;
      Response response = plain(200, "image/svg+xml", initials_avatar_svg(person.id, person.name));
      response.set_header("Cache-Control", "public, max-age=3600");
      return response;
    }
  }
  return plain(404, "text/plain; charset=utf-8", "Not found\n");
}

}  // namespace

std::string initials_avatar_svg(std::int64_t person_id, const std::string& name) {
  // Dark, saturated backgrounds: white text on each has contrast above 4.5:1.
  static const char* colours[] = {"#1f5f8b", "#7a3e00", "#5b3a8a", "#1e6b3a",
                                  "#8a2846", "#35525e", "#6b4e16", "#3d4f9f"};
  const char* colour = colours[static_cast<std::uint64_t>(person_id) % 8];
  const std::string letters = html_escape(domain::initials(name));
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 96 96\" width=\"96\" height=\"96\" role=\"img\">"
         "<rect width=\"96\" height=\"96\" rx=\"48\" fill=\"" +
         std::string(colour) +
         "\"/>"
         "<text x=\"48\" y=\"60\" font-family=\"sans-serif\" font-size=\"36\" font-weight=\"700\" "
         "text-anchor=\"middle\" fill=\"#ffffff\">" +
         letters + "</text></svg>";
}

// The municipality's own tokens, after the base theme; empty without any.
Response theme_stylesheet(RequestContext& context) {
  const auto snapshot = context.app.directory.snapshot();
  Response response =
      plain(200, "text/css; charset=utf-8", domain::theme_css(snapshot->municipality.theme, ".voorbeeld-theme"));
  // A new import shows within five minutes, and unchanged it answers 304.
  response.set_header("Cache-Control", "public, max-age=300");
  const std::string etag = "\"theme-" + snapshot->version + "\"";
  response.set_header("ETag", etag);
  if (context.request.header("if-none-match") == etag) {
    response.status = 304;
    response.body.clear();
  }
  return response;
}

// The logo from the directory import, as the server re-encoded it.
Response logo(RequestContext& context) {
  const auto snapshot = context.app.directory.snapshot();
  if (snapshot->municipality.logo_png.empty()) return plain(404, "text/plain; charset=utf-8", "Not found\n");
  Response response = plain(200, "image/png", snapshot->municipality.logo_png);
  response.set_header("Cache-Control", "public, max-age=300");
  return response;
}

Response favicon(RequestContext& context) {
  const auto snapshot = context.app.directory.snapshot();
  Response response =
      plain(200, "image/svg+xml", domain::favicon_svg(snapshot->municipality.name, snapshot->municipality.theme));
  response.set_header("Cache-Control", "public, max-age=3600");
  return response;
}

void add_system_routes(Router& router) {
  router.add({"GET", "/healthz", Permission::public_access, RouteKind::plain, health});
  router.add({"GET", "/metrics", Permission::public_access, RouteKind::plain, metrics, true});
  router.add({"GET", "/static/{file}", Permission::public_access, RouteKind::plain, static_file, true});
  router.add({"GET", "/avatars/{file}", Permission::public_access, RouteKind::plain, avatar, true});
  router.add({"GET", "/thema.css", Permission::public_access, RouteKind::plain, theme_stylesheet, true});
  router.add({"GET", "/favicon.svg", Permission::public_access, RouteKind::plain, favicon, true});
  router.add({"GET", "/logo.png", Permission::public_access, RouteKind::plain, logo, true});
}

}  // namespace gezicht::web
