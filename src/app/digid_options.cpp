#include "app/digid_options.hpp"

#include <fstream>
#include <stdexcept>

namespace gezicht::app {

void add_digid_options(CLI::App& command, DigidOptions& options) {
  command.add_option("--digid-issuer", options.issuer, "The OpenID Connect broker's issuer URL (turns DigiD on)");
  command.add_option("--digid-client-id", options.client_id, "This municipality's client id at the broker");
  command.add_option("--digid-client-secret-file", options.client_secret_file, "File holding the client secret");
  command.add_option("--digid-redirect-uri", options.redirect_uri,
                     "The registered redirect URL, ending in /mijn-gezicht/inloggen/digid/terug");
  command.add_option("--digid-ca-file", options.ca_file, "CA certificates for the broker");
  command.add_flag("--digid-allow-http-loopback", options.allow_http_loopback,
                   "Accept a broker on http://127.0.0.1 (tests only)");
  command.add_flag("--digid-required-for-plan", options.required_for_plan,
                   "Show the plan and the data download only after a DigiD login");
}

std::optional<service::DigidSettings> digid_settings(const DigidOptions& options) {
  if (options.issuer.empty()) {
    if (options.required_for_plan) throw std::runtime_error("--digid-required-for-plan needs --digid-issuer");
    return std::nullopt;
  }
  if (options.client_id.empty()) throw std::runtime_error("--digid-issuer needs --digid-client-id");
  if (options.redirect_uri.empty()) throw std::runtime_error("--digid-issuer needs --digid-redirect-uri");
  if (options.client_secret_file.empty()) throw std::runtime_error("--digid-issuer needs --digid-client-secret-file");
  service::DigidSettings settings;
  settings.issuer = options.issuer;
  settings.client_id = options.client_id;
  std::ifstream file(options.client_secret_file);
  if (!file || !std::getline(file, settings.client_secret) || settings.client_secret.empty()) {
    throw std::runtime_error("--digid-client-secret-file: cannot read a secret from " + options.client_secret_file);
  }
  settings.redirect_uri = options.redirect_uri;
  settings.ca_file = options.ca_file;
  settings.allow_http_loopback = options.allow_http_loopback;
  settings.required_for_plan = options.required_for_plan;
  return settings;
}

}  // namespace gezicht::app
