#pragma once
// DigiD through the municipality's OpenID Connect broker, for `gezicht serve`.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "service/resident_digid_service.hpp"

namespace gezicht::app {

struct DigidOptions {
  std::string issuer;
  std::string client_id;
  std::string client_secret_file;  // a file, so the secret is in no process list
  std::string redirect_uri;
  std::string ca_file;
  bool allow_http_loopback = false;
  bool required_for_plan = false;
};

void add_digid_options(CLI::App& command, DigidOptions& options);
// nullopt without an issuer (DigiD off); std::runtime_error naming the option
// when the issuer is given without the rest.
std::optional<service::DigidSettings> digid_settings(const DigidOptions& options);

}  // namespace gezicht::app
