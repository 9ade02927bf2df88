#pragma once
// The municipality's rules for figures about groups of residents, from the
// settings table: the smallest group shown (dashboard_min_group, never
// below 5; default 10) and the band outside which a group is marked
// (dashboard_band_low, dashboard_band_high). The dashboard and the
// breakthrough report both follow them.

#include "domain/equity.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

// Throws std::runtime_error naming the setting when one is not a number or
// out of range, so a misconfiguration is told, not guessed around.
domain::EquitySettings equity_settings(storage::Connection& connection);

}  // namespace gezicht::service
