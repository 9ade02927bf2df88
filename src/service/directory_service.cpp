#include "service/directory_service.hpp"

#include <charconv>

#include "domain/calendar.hpp"
#include "domain/postcode.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"
#include "service/base64.hpp"
#include "service/errors.hpp"
#include "storage/directory_repository.hpp"
#include "storage/outreach_repository.hpp"
#include "storage/settings_keys.hpp"

namespace gezicht::service {
namespace {

std::string required_setting(const std::map<std::string, std::string>& settings, const char* key) {
  auto found = settings.find(key);
  if (found == settings.end() || found->second.empty()) {
    throw std::runtime_error(std::string("setting '") + key +
                             "' is missing; load the municipality with `gezicht directory import`");
  }
  return found->second;
}

}  // namespace

DirectoryService::DirectoryService(std::function<std::unique_ptr<storage::Connection>()> open, const Clock& clock)
    : open_(std::move(open)), clock_(clock) {}

std::shared_ptr<const DirectorySnapshot> DirectoryService::load() {
  auto snapshot = std::make_shared<DirectorySnapshot>();
  {
    if (!connection_) connection_ = open_();
    auto& connection = connection_;
    storage::DirectoryRepository repository(*connection);
    storage::Transaction transaction(*connection);  // one consistent view
    snapshot->version = repository.directory_version();
    snapshot->directory = repository.load_directory();
    snapshot->outreach = storage::OutreachRepository(*connection).listed_from(domain::format_timestamp(clock_.now()));
    const auto settings = repository.load_settings();
    snapshot->municipality.name = required_setting(settings, storage::settings_keys::municipality_name);
    snapshot->municipality.phone = required_setting(settings, storage::settings_keys::municipality_phone);
    auto website = settings.find(storage::settings_keys::municipality_website);
    if (website != settings.end()) snapshot->municipality.website = website->second;
    const std::string days = required_setting(settings, storage::settings_keys::promise_working_days);
    int value = 0;
    auto [end, error] = std::from_chars(days.data(), days.data() + days.size(), value);
    if (error != std::errc() || end != days.data() + days.size() || value < 1 || value > 20) {
      throw std::runtime_error("setting 'promise_working_days' must be a whole number from 1 to 20, not '" + days +
                               "'");
    }
    snapshot->municipality.promise_working_days = value;
    if (const auto logo = settings.find(storage::settings_keys::logo_png); logo != settings.end()) {
      auto png = from_base64(logo->second);
      if (!png) throw std::runtime_error("setting 'logo_png' is not base64");
      snapshot->municipality.logo_png = std::move(*png);
      const std::string size = required_setting(settings, storage::settings_keys::logo_size);
      const auto x = size.find('x');
      snapshot->municipality.logo_width = std::stoi(size.substr(0, x));
      snapshot->municipality.logo_height = std::stoi(size.substr(x + 1));
    }
    for (const auto& [key, token] : settings) {
      if (key.starts_with(storage::settings_keys::theme_prefix)) {
        snapshot->municipality.theme.emplace_back(
            key.substr(std::string_view(storage::settings_keys::theme_prefix).size()), token);
      }
    }
    transaction.commit();
  }
  return snapshot;
}

std::shared_ptr<const DirectorySnapshot> DirectoryService::snapshot() {
  {
    std::lock_guard lock(current_mutex_);
    if (current_) return current_;
  }
  refresh();
  std::lock_guard lock(current_mutex_);
  return current_;
}

bool DirectoryService::refresh() {
  std::lock_guard load_lock(load_mutex_);
  try {
    if (!connection_) connection_ = open_();
    std::shared_ptr<const DirectorySnapshot> current;
    {
      std::lock_guard lock(current_mutex_);
      current = current_;
    }
    if (current && storage::DirectoryRepository(*connection_).directory_version() == current->version) return false;
    auto loaded = load();
    std::lock_guard lock(current_mutex_);
    current_ = std::move(loaded);
    return true;
  } catch (...) {
    connection_.reset();  // a broken connection is opened anew next time
    throw;
  }
}

TeamLookup DirectoryService::find_team(std::string_view postcode_text) {
  if (domain::trim_view(postcode_text).empty()) throw domain::ValidationError("postcode", "postcode.required");
  auto postcode = domain::normalise_postcode(postcode_text);
  if (!postcode) throw domain::ValidationError("postcode", "postcode.invalid");
  TeamLookup lookup;
  lookup.snapshot = snapshot();
  lookup.postcode = *postcode;
  lookup.neighbourhood = lookup.snapshot->directory.neighbourhood_for(*postcode);
  if (!lookup.neighbourhood) throw NotFound("postcode.outside", "postcode outside the municipality: " + *postcode);
  lookup.team = lookup.snapshot->directory.team(lookup.neighbourhood->team_id);
  if (!lookup.team) throw std::runtime_error("neighbourhood without a team: " + lookup.neighbourhood->name);
  return lookup;
}

}  // namespace gezicht::service
