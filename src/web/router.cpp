#include "web/router.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/random.hpp"
#include "storage/database.hpp"
#include "web/json_io.hpp"
#include "web/multipart.hpp"
#include "web/page_renderer.hpp"
#include "web/request_log.hpp"
#include "web/security_headers.hpp"
#include "web/url_encoding.hpp"

namespace gezicht::web {
namespace {

constexpr const char* session_cookie = "gz_session";
constexpr const char* language_cookie = "gz_lang";
constexpr const char* two_factor_enrolment_path = "/account/tweestapsverificatie";

bool is_unsafe(const std::string& method) { return method != "GET" && method != "HEAD"; }

// A path a browser reads as a path on this site: one leading slash, no
// backslash (which browsers treat as a slash, so "/\evil.example" is "//").
bool is_plain_path(std::string_view path) {
  return path.starts_with('/') && !path.starts_with("//") && path.find('\\') == std::string_view::npos;
}

void add_security_headers(Response& response, const AppContext& app) {
  for (auto& [name, value] : security_headers(app.settings.secure_cookies)) response.set_header(name, value);
}

std::string pick_language(const RequestContext& context, bool& from_query) {
  const auto& translations = context.app.translations;
  from_query = false;
  if (auto lang = context.query.find("lang"); lang != context.query.end() && translations.supports(lang->second)) {
    from_query = true;
    return lang->second;
  }
  if (auto cookie = context.cookies.find(language_cookie);
      cookie != context.cookies.end() && translations.supports(cookie->second)) {
    return cookie->second;
  }
  // Pages speak Dutch until the reader switches: many Dutch readers have an
  // English browser. API clients may ask with Accept-Language.
  if (!context.request.path.starts_with("/api/")) return "nl";
  auto accepted = language_from_accept_header(context.request.header("accept-language"), translations);
  return accepted.empty() ? "nl" : accepted;
}

Response failure(RequestContext& context, RouteKind kind, int status, std::string_view key) {
  if (kind == RouteKind::page) return render_error_page(context, status, key);
  return error_response(context, status, key);
}

// Runs a route with its access and CSRF checks; exceptions become responses.
Response run_route(const Route& route, RequestContext& context) {
  const auto& request = context.request;
  try {
    const bool is_public = route.permission == Permission::public_access;
    auto token = context.cookies.find(session_cookie);
    if (token != context.cookies.end() && (!is_public || route.kind == RouteKind::page)) {
      context.actor = context.app.auth.authenticate(context.connection(), token->second);
      if (context.actor) {
        context.actor->client_address = request.remote_address;
        context.actor->route = route.method + " " + route.pattern;
      }
    }
    if (!is_public) {
      if (!context.actor) {
        if (route.kind == RouteKind::page) {
          // Residents log in on a page of their own, never the staff's.
          if (route.permission == Permission::own_household) return redirect("/mijn-gezicht/inloggen");
          return redirect("/inloggen?next=" + percent_encode(request.path));
        }
        return error_response(context, 401, "login.required");
      }
      // Two-factor login: a password-only session of an account that must
      // still enrol reaches nothing else (the one place this is enforced).
      if (context.actor->two_factor_enrolment_only && !route.before_two_factor) {
        if (route.kind == RouteKind::page) return redirect(two_factor_enrolment_path);
        return error_response(context, 403, "two_factor.enrolment_required");
      }
      if (!domain::role_has(context.actor->access_role, route.permission)) {
        // A refused attempt is part of the audit trail too.
        std::optional<std::int64_t> household;
        if (route.pattern.find("/{id}") != std::string::npos) household = context.id_param("id");
        context.app.audit.record_later(*context.actor, {household, domain::to_string(route.permission), "read",
                                                        "denied", "role without this permission"});
        return failure(context, route.kind, 403, "forbidden");
      }
    }
    if (is_unsafe(request.method)) {
      if (route.kind == RouteKind::page) {
        // A form as browsers send it: url-encoded, or multipart when it carries a file.
        const auto content_type = request.header("content-type");
        if (const auto boundary = multipart_boundary(content_type)) {
          auto multipart = parse_multipart(request.body, *boundary);
          if (!multipart) return failure(context, route.kind, 400, "bad_request");
          context.form = std::move(multipart->fields);
          context.files = std::move(multipart->files);
        } else if (content_type.starts_with("application/x-www-form-urlencoded")) {
          auto form = parse_form(request.body);
          if (!form) return failure(context, route.kind, 400, "bad_request");
          context.form = std::move(*form);
        } else {
          return failure(context, route.kind, 400, "bad_request");
        }
        const std::string sent = context.form_value("csrf_token");
        const bool has_expected = context.actor || context.cookies.contains("gz_csrf");
        if (!has_expected || sent.empty() || !service::constant_time_equal(sent, context.csrf_token())) {
          return failure(context, route.kind, 403, "csrf");
        }
      } else if (route.kind == RouteKind::api && context.actor) {
        const std::string sent(request.header("x-csrf-token"));
        if (sent.empty() || !service::constant_time_equal(sent, context.actor->csrf_token)) {
          return error_response(context, 403, "csrf.missing");
        }
      }
    }
    return route.handler(context);
  } catch (const domain::ValidationError& error) {
    if (route.kind == RouteKind::page) return render_error_page(context, 422, error.errors().front().message_key);
    return validation_response(context, error);
  } catch (const BadRequest& error) {
    return failure(context, route.kind, 400, error.message_key());
  } catch (const service::NotFound& error) {
    return failure(context, route.kind, 404, error.message_key());
  } catch (const service::Forbidden& error) {
    spdlog::warn("forbidden: {} {} user={}: {}", request.method, request.path,
                 context.actor ? context.actor->user_id : 0, error.what());
    return failure(context, route.kind, 403, error.message_key());
  } catch (const service::Conflict& error) {
    return failure(context, route.kind, 409, error.message_key());
  } catch (const service::Throttled& error) {
    auto response = failure(context, route.kind, 429, error.message_key());
    response.set_header("Retry-After", std::to_string(error.retry_after_seconds()));
    return response;
  } catch (const service::Unavailable& error) {
    spdlog::error("unavailable: {} {}: {}", request.method, request.path, error.what());
    return failure(context, route.kind, 503, error.message_key());
  } catch (const storage::ConnectionLost& error) {
    // A database going away (a standby taking over) is not a fault of this
    // request: the next use connects again, so it may be sent again shortly.
    spdlog::error("database unavailable: {} {}: {}", request.method, request.path, error.what());
    context.release_connection();
    auto response = failure(context, route.kind, 503, "database.unavailable");
    response.set_header("Retry-After", "1");
    return response;
  } catch (const std::exception& error) {
    spdlog::error("internal error: {} {}: {}", request.method, request.path, error.what());
    context.release_connection();
    return failure(context, route.kind, 500, "internal");
  }
}

}  // namespace

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  params.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const auto pattern_end = std::min(pattern.find('/'), pattern.size());
    const auto path_end = std::min(path.find('/'), path.size());
    const auto pattern_segment = pattern.substr(0, pattern_end);
    const auto path_segment = path.substr(0, path_end);
    if (pattern_segment.size() > 2 && pattern_segment.front() == '{' && pattern_segment.back() == '}') {
      auto value = percent_decode(path_segment, false);
      if (!value || value->empty()) return false;
      params[std::string(pattern_segment.substr(1, pattern_segment.size() - 2))] = std::move(*value);
    } else if (pattern_segment != path_segment) {
      return false;
    }
    pattern.remove_prefix(pattern_end);
    path.remove_prefix(path_end);
  }
  return true;
}

void Router::add(Route route) { routes_.push_back(std::move(route)); }

bool Router::runs_inline(const Request& request) const {
  // A session cookie means a database lookup to authenticate it.
  if (request.header("cookie").find(session_cookie) != std::string_view::npos) return false;
  const std::string_view method = request.method == "HEAD" ? "GET" : request.method;
  std::map<std::string, std::string> params;
  for (const auto& route : routes_) {
    if (route.method == method && match_pattern(route.pattern, request.path, params)) return route.runs_inline;
  }
  return false;
}

Response Router::handle(AppContext& app, const Request& request) const {
  const auto started = std::chrono::steady_clock::now();
  const auto request_id = request_id_for(request.header("x-request-id"));
  RequestContext context(app, request);
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  const bool is_api = request.path.starts_with("/api/");
  const Route* route = nullptr;
  std::string allowed;
  for (const auto& candidate : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(candidate.pattern, request.path, params)) continue;
    if (candidate.method == method) {
      route = &candidate;
      context.path_params = std::move(params);
      context.page_path = request.path;
      break;
    }
    allowed += (allowed.empty() ? "" : ", ") + candidate.method;
  }
  const RouteKind kind = route ? route->kind : (is_api ? RouteKind::api : RouteKind::page);
  Response response;
  auto query = parse_form(request.query);
  if (query) context.query = std::move(*query);
  context.cookies = parse_cookies(request.header("cookie"));
  bool language_from_query = false;
  context.language = pick_language(context, language_from_query);
  // Residents' languages cover the public and resident pages; the
  // professionals' pages speak Dutch (or English) to everyone.
  context.resident_page =
      !route || route->permission == Permission::public_access || route->permission == Permission::own_household;
  if (!context.resident_page && !app.translations.is_complete(context.language)) context.language = "nl";

  try {
    if (!query || !is_plain_path(request.path)) {
      response = failure(context, kind, 400, "bad_request");
    } else if (!route && !allowed.empty()) {
      response = failure(context, kind, 405, "bad_request");
      response.set_header("Allow", allowed);
    } else if (!route) {
      response = failure(context, kind, 404, "not_found");
    } else {
      response = run_route(*route, context);
    }
  } catch (const std::exception& error) {
    // Rendering the error page itself failed.
    spdlog::error("error while answering {} {}: {}", request.method, request.path, error.what());
    response = Response{500, "text/plain; charset=utf-8", "Internal Server Error", {}};
  }
  context.release_connection();

  add_security_headers(response, app);
  if (kind != RouteKind::plain) {
    // Personal data must not linger in shared caches or the browser's history cache.
    response.set_header("Cache-Control", "no-store");
  }
  if (language_from_query && kind == RouteKind::page) {
    context.cookies_to_set.push_back(
        make_cookie(language_cookie, context.language, app.settings.secure_cookies, 365L * 24 * 3600));
  }
  for (auto& cookie : context.cookies_to_set) response.set_header("Set-Cookie", std::move(cookie));
  if (kind == RouteKind::page) response.set_header("Content-Language", context.language);

  response.set_header("X-Request-Id", request_id);

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string_view pattern = route ? std::string_view(route->pattern) : "(unmatched)";
  app.metrics.record_request(std::string(pattern), response.status, seconds);
  if (app.settings.log_requests) {
    write_request_log(request_log_line(
        {request_id, request.method, pattern, response.status, seconds, request.scheme, wall_clock_micros()}));
  }
  return response;
}

}  // namespace gezicht::web
