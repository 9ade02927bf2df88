#include "web/request_context.hpp"

#include <charconv>
#include <chrono>

#include "service/errors.hpp"
#include "service/random.hpp"

namespace gezicht::web {
namespace {

double monotonic_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string lookup(const std::map<std::string, std::string>& values, const std::string& name) {
  auto found = values.find(name);
  return found == values.end() ? std::string() : found->second;
}

}  // namespace

RequestContext::RequestContext(AppContext& app_context, const Request& incoming)
    : app(app_context), request(incoming) {}

RequestContext::~RequestContext() { release_connection(); }

storage::Connection& RequestContext::connection() {
  if (!lease_) {
    lease_started_ = monotonic_seconds();
    lease_.emplace(app.pool.acquire());
  }
  return **lease_;
}

void RequestContext::release_connection() {
  if (!lease_) return;
  lease_.reset();
  app.metrics.record_database(monotonic_seconds() - lease_started_);
}

std::string RequestContext::param(const std::string& name) const { return lookup(path_params, name); }

std::optional<std::int64_t> RequestContext::id_param(const std::string& name) const {
  const std::string text = param(name);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::int64_t id = 0;
  std::from_chars(text.data(), text.data() + text.size(), id);
  if (id <= 0) return std::nullopt;
  return id;
}

std::int64_t RequestContext::required_id(const std::string& name, const char* not_found_key) const {
  const auto id = id_param(name);
  if (!id) throw service::NotFound(not_found_key, "not an id: " + param(name));
  return *id;
}
std::string RequestContext::query_value(const std::string& name) const { return lookup(query, name); }
std::string RequestContext::form_value(const std::string& name) const { return lookup(form, name); }

const std::string& RequestContext::csrf_token() {
  if (actor) return actor->csrf_token;
  if (anonymous_csrf_.empty()) {
    auto cookie = cookies.find("gz_csrf");
    if (cookie != cookies.end() && cookie->second.size() == 43) {
      anonymous_csrf_ = cookie->second;
    } else {
      service::SodiumRandom random;
      anonymous_csrf_ = service::random_token(random);
      cookies_to_set.push_back(make_cookie("gz_csrf", anonymous_csrf_, app.settings.secure_cookies));
    }
  }
  return anonymous_csrf_;
}

std::string make_cookie(const std::string& name, const std::string& value, bool secure, long max_age_seconds) {
  std::string cookie = name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  if (max_age_seconds >= 0) cookie += "; Max-Age=" + std::to_string(max_age_seconds);
  return cookie;
}

}  // namespace gezicht::web
