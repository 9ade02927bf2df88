// `gezicht routes`: the route table with the permission each route declares,
// for administrators (who may open what) and for the access-matrix test,
// which requests every route as every role.

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "web/routes.hpp"

namespace gezicht::app {

void add_routes_command(CLI::App& app) {
  auto* routes = app.add_subcommand("routes", "List every route with the permission it needs");
  auto json = std::make_shared<bool>(false);
  routes->add_flag("--json", *json, "As JSON, with the roles that hold each permission");
  routes->callback([json] {
    const auto router = web::make_router();
    nlohmann::json list = nlohmann::json::array();
    for (const auto& route : router.routes()) {
      nlohmann::json roles = nlohmann::json::array();
      for (auto role : domain::all_roles()) {
        if (domain::role_has(role, route.permission)) roles.push_back(domain::to_string(role));
      }
      const char* kind = route.kind == web::RouteKind::page  ? "page"
                         : route.kind == web::RouteKind::api ? "api"
                                                             : "plain";
      list.push_back({{"method", route.method},
                      {"pattern", route.pattern},
                      {"permission", domain::to_string(route.permission)},
                      {"kind", kind},
                      {"personal_data", route.returns_personal_data},
                      {"roles", roles}});
    }
    if (*json) {
      std::cout << list.dump(2) << "\n";
      return;
    }
    for (const auto& route : list) {
      std::printf("%-6s %-58s %-17s %s\n", route["method"].get<std::string>().c_str(),
                  route["pattern"].get<std::string>().c_str(), route["permission"].get<std::string>().c_str(),
                  route["roles"].dump().c_str());
    }
  });
}

}  // namespace gezicht::app
