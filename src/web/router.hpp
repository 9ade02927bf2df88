#pragma once
// The route table: every route declares its method, path, the permission it needs
// and whether it answers HTML or JSON. Access is decided here, in one place,
// before any handler runs.

#include <functional>
#include <string>
#include <vector>

#include "domain/access_policy.hpp"
#include "web/app_context.hpp"
#include "web/http.hpp"
#include "web/request_context.hpp"

namespace gezicht::web {

// Every route declares the one permission it needs; domain/access_policy
// says which roles hold it. Which household a person may see is decided
// further down, by the household services (need to know).
using Permission = domain::Permission;

enum class RouteKind { page, api, plain };  // plain: assets, health, metrics

using Handler = std::function<Response(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/referrals/{reference}"
  // No default: a route without a declared permission does not compile.
  Permission permission;
  RouteKind kind = RouteKind::page;
  Handler handler;
  // Never blocks (no database, only the in-memory directory): may run on the
  // network thread instead of hopping to a worker, when there is no session to check.
  bool runs_inline = false;
  // Reachable by a session that still has to set up its second factor
  // (Actor::two_factor_enrolment_only): the enrolment and logout only.
  bool before_two_factor = false;
  // Answers with residents' personal data, so every read leaves exactly one
  // entry in the audit trail. `gezicht routes --json` shows it, and the
  // access-matrix test reads each such route and counts the entries.
  bool returns_personal_data = false;
};

// A route that returns residents' personal data (see Route::returns_personal_data).
inline Route personal_data(Route route) {
  route.returns_personal_data = true;
  return route;
}

class Router {
 public:
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  // Never throws: every failure becomes a response (and a log line for a 5xx).
  Response handle(AppContext& app, const Request& request) const;
  // Whether handle() may run on the network thread for this request.
  bool runs_inline(const Request& request) const;

 private:
  std::vector<Route> routes_;
};

// Matches "/a/{x}/b" against "/a/12/b"; fills params with decoded values.
bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params);

}  // namespace gezicht::web
