#include "service/equity_settings.hpp"

#include <optional>
#include <stdexcept>
#include <string>

#include "domain/experience.hpp"
#include "storage/directory_repository.hpp"

namespace gezicht::service {
namespace {

std::optional<double> number_setting(storage::Connection& connection, const char* key) {
  const auto settings = storage::DirectoryRepository(connection).load_settings();
  const auto found = settings.find(key);
  if (found == settings.end()) return std::nullopt;
  try {
    std::size_t used = 0;
    const double value = std::stod(found->second, &used);
    if (used == found->second.size()) return value;
  } catch (const std::exception&) {
  }
  throw std::runtime_error(std::string("setting '") + key + "' is not a number: '" + found->second + "'");
}

}  // namespace

domain::EquitySettings equity_settings(storage::Connection& connection) {
  domain::EquitySettings settings;
  if (const auto min_group = number_setting(connection, "dashboard_min_group")) {
    settings.min_group = domain::suppression_threshold(static_cast<int>(*min_group));
  }
  if (const auto low = number_setting(connection, "dashboard_band_low")) settings.band_low = *low;
  if (const auto high = number_setting(connection, "dashboard_band_high")) settings.band_high = *high;
  try {
    domain::check_equity_settings(settings);
  } catch (const std::invalid_argument& error) {
    throw std::runtime_error(
        std::string("the dashboard settings (dashboard_band_low, dashboard_band_high) are wrong: ") + error.what() +
        "; set them with `gezicht dashboard settings`");
  }
  return settings;
}

}  // namespace gezicht::service
