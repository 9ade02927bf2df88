#pragma once
// One request on its way through a route: what was asked, by whom, in which
// language, and a database connection taken from the pool only when used.

#include <map>
#include <optional>
#include <string>

#include "service/actor.hpp"
#include "storage/connection_pool.hpp"
#include "web/app_context.hpp"
#include "web/http.hpp"
#include "web/multipart.hpp"

namespace gezicht::web {

// Raised by the web layer for a request it cannot read (broken JSON, a bad
// escape). The key is translated; the response is 400.
class BadRequest : public std::runtime_error {
 public:
  BadRequest(std::string message_key, const std::string& detail)
      : std::runtime_error(detail), message_key_(std::move(message_key)) {}
  const std::string& message_key() const { return message_key_; }

 private:
  std::string message_key_;
};

class RequestContext {
 public:
  RequestContext(AppContext& app, const Request& request);
  ~RequestContext();

  AppContext& app;
  const Request& request;
  std::map<std::string, std::string> path_params;
  // The path of the route this request matched, or "/" when none did. Links
  // back to "this page" (the language switch) are built from it, never from
  // the raw request path: "//evil.example/" must not become a link.
  std::string page_path = "/";
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> form;    // the text fields of a page POST (url-encoded or multipart)
  std::map<std::string, UploadedFile> files;  // the files of a multipart page POST, by field name
  std::map<std::string, std::string> cookies;
  std::optional<service::Actor> actor;
  std::string language = "nl";
  // A page residents read (public or their own): offered in every language.
  bool resident_page = false;
  // Where the page sends the browser on by itself (a meta refresh), if anywhere.
  std::string refresh_url;

  storage::Connection& connection();
  // Releases the connection (and records the time it was held).
  void release_connection();

  const std::string& text(std::string_view key) const { return app.translations.text(language, key); }
  std::string param(const std::string& name) const;
  // A path parameter that must be a positive whole number (digits only).
  std::optional<std::int64_t> id_param(const std::string& name) const;
  // The same, or service::NotFound with not_found_key: a malformed id is
  // answered as an unknown one.
  std::int64_t required_id(const std::string& name, const char* not_found_key) const;
  std::string query_value(const std::string& name) const;
  std::string form_value(const std::string& name) const;

  // The token a page form must echo: the session's, or for a visitor
  // without a session, a random one also set as a cookie (double submit).
  const std::string& csrf_token();
  // Set-Cookie headers the router adds to whatever response the route gives.
  std::vector<std::string> cookies_to_set;

 private:
  std::optional<storage::ConnectionPool::Lease> lease_;
  double lease_started_ = 0;
  std::string anonymous_csrf_;
};

// A cookie with the attributes every gezicht cookie has.
std::string make_cookie(const std::string& name, const std::string& value, bool secure, long max_age_seconds = -1);

}  // namespace gezicht::web
