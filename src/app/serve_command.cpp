#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/commands.hpp"
#include "app/digid_options.hpp"
#include "app/mail_options.hpp"
#include "service/auth_service.hpp"
#include "service/directory_service.hpp"
#include "service/experience_service.hpp"
#include "service/portal_service.hpp"
#include "service/referral_service.hpp"
#include "service/request_status_service.hpp"
#include "service/resident_digid_service.hpp"
#include "service/resident_login_service.hpp"
#include "storage/connection_pool.hpp"
#include "storage/migrations.hpp"
#include "web/app_context.hpp"
#include "web/http_server.hpp"
#include "web/mail_dispatcher.hpp"
#include "web/routes.hpp"

namespace gezicht::app {
namespace {

// Defaults follow the machine. Handlers use the CPU between short database
// waits, so one more than there are cores; I/O threads only read and write,
// so half the cores. More threads than that only took turns: on 2 cores,
// 4 workers and 2 I/O threads cost 5-10 % more CPU per household page than
// 3 and 1 (docs/performance.md).
unsigned machine_cores() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 2 : cores;  // unknown: assume a small machine
}

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string assets = GEZICHT_ASSETS_DIR;  // the work tree's node_modules, or /usr/share/gezicht/assets
  int io_threads = static_cast<int>(std::clamp(machine_cores() / 2, 1u, 64u));
  int workers = static_cast<int>(std::clamp(machine_cores() + 1, 1u, 256u));
  bool secure_cookies = false;
  bool without_read_audit = false;
  bool check_only = false;  // gezicht config check
  std::vector<std::string> trusted_proxies;
  std::vector<std::string> metrics_allow{"127.0.0.0/8", "::1"};
  std::string metrics_token_file;
  std::string request_log = "json";
  std::string totp_key_file;
  std::vector<std::string> totp_previous_key_files;
  web::ServerLimits limits;
  MailOptions mail;
  DigidOptions digid;
};

// Beside the SQLite file, or in the working directory for PostgreSQL.
std::string default_outbox(const std::string& db) {
  if (storage::is_postgres_location(db)) return "outbox";
  const auto slash = db.rfind('/');
  return (slash == std::string::npos ? std::string() : db.substr(0, slash + 1)) + "outbox";
}

web::AddressNetworks networks_of(const std::vector<std::string>& entries, const char* option) {
  if (entries.size() == 1 && entries.front() == "none") return {};
  try {
    return web::AddressNetworks::parse(entries);
  } catch (const std::invalid_argument& error) {
    throw std::runtime_error(std::string(option) + ": " + error.what());
  }
}

// The token's file holds one line; a short token is refused rather than guessed.
std::string read_token(const std::string& file) {
  if (file.empty()) return {};
  std::ifstream in(file);
  std::string token;
  if (!in || !std::getline(in, token)) throw std::runtime_error("--metrics-token-file: cannot read " + file);
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.size() < 32) throw std::runtime_error("--metrics-token-file: the token must be at least 32 characters");
  return token;
}

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT, not '" + listen + "'");
  const int port = std::stoi(listen.substr(colon + 1));
  if (port < 0 || port > 65535) throw std::runtime_error("--listen port out of range: " + listen);
  return {listen.substr(0, colon), static_cast<unsigned short>(port)};
}

web::WebSettings web_settings(const ServeOptions& options) {
  web::WebSettings settings;
  settings.secure_cookies = options.secure_cookies;
  settings.log_requests = options.request_log == "json";
  settings.metrics_networks = networks_of(options.metrics_allow, "--metrics-allow");
  settings.metrics_token = read_token(options.metrics_token_file);
  return settings;
}

// What `gezicht config check` verifies: everything serve reads before it
// listens, without listening, migrating or writing.
void check_configuration(const ServeOptions& options) {
  split_listen(options.listen);
  networks_of(options.trusted_proxies, "--trusted-proxy");
  web_settings(options);  // /metrics networks and token
  if (options.secure_cookies && options.mail.public_url.empty()) {
    throw std::runtime_error("--secure-cookies needs --public-url (the address in the links of e-mails)");
  }
  if (options.totp_key_file.empty()) {
    std::printf("warning: no security.totp_key_file: TOTP secrets are kept unencrypted (docs/security.md)\n");
  } else {
    service::TotpSecretBox::from_files(options.totp_key_file, options.totp_previous_key_files);
  }
  web::StaticFiles::load(options.assets);
  digid_settings(options.digid);
  if (!options.mail.smtp_url.empty()) make_mail_sender(options.mail, default_outbox(options.db), "localhost");
  if (storage::is_postgres_location(options.db)) {
    storage::open_connection(options.db);
    std::printf("database: PostgreSQL answers\n");
  } else if (std::filesystem::exists(options.db)) {
    storage::open_connection(options.db);
    std::printf("database: the SQLite file opens\n");
  } else {
    std::printf("database: %s does not exist yet; gezicht migrate makes it\n", options.db.c_str());
  }
  std::printf("configuration OK: gezicht serve would start with it\n");
}

void serve(const ServeOptions& options) {
  if (options.check_only) {
    check_configuration(options);
    return;
  }
  {
    auto connection = storage::open_connection(options.db);
    const int applied = storage::apply_migrations(*connection);
    if (applied > 0) spdlog::info("applied {} migration(s)", applied);
  }
  storage::ConnectionPool pool([&] { return storage::open_connection(options.db); },
                               static_cast<std::size_t>(options.workers));
  service::SystemClock clock;
  service::SodiumRandom random;
  service::DirectoryService directory([&] { return storage::open_connection(options.db); }, clock);
  directory.snapshot();  // fails now, not on the first visitor, when settings are missing
  service::AuthService auth(clock, random);
  if (!options.totp_key_file.empty()) {
    auth.use_totp_secrets(service::TotpSecretBox::from_files(options.totp_key_file, options.totp_previous_key_files));
  }
  if (options.without_read_audit) {
    spdlog::warn(
        "READS ARE NOT WRITTEN TO THE AUDIT TRAIL (--benchmark-without-read-audit): never use this in service");
  }
  // Declared before the server, so it outlives it and writes the last reads on the way out.
  service::AuditTrail audit(clock, {options.db, !options.without_read_audit});
  service::ReferralService referrals(directory, clock, random, audit);
  service::HouseholdService households(clock, audit);
  service::AccessService access(clock, audit);
  service::AuditSearchService audit_search(audit);
  service::TeamService team(clock, audit);
  service::PhotoService photos(clock, audit);
  const auto translations = web::Translations::load_embedded();
  const web::Templates templates(translations);
  const auto static_files = web::StaticFiles::load(options.assets);
  web::Metrics metrics;
  web::PageCache page_cache;

  auto [host, port] = split_listen(options.listen);
  std::string public_url = options.mail.public_url;
  // Behind TLS the server cannot know the address residents use: the links in
  // e-mails would point at the listen address.
  if (options.secure_cookies && public_url.empty()) {
    throw std::runtime_error("--secure-cookies needs --public-url (the address in the links of e-mails)");
  }
  const std::string mail_host = public_url.empty() ? "localhost" : host_of_url(public_url);
  const std::string from_address =
      options.mail.from_address.empty() ? "noreply@" + mail_host : options.mail.from_address;
  // Mail waits in the database until this server (or another) sends it.
  web::MailDispatcher mail_dispatcher(clock, translations, {from_address, directory.snapshot()->municipality.name},
                                      make_mail_sender(options.mail, default_outbox(options.db), mail_host), metrics,
                                      {options.db});
  service::StoredMailQueue mail(clock, [&mail_dispatcher] { mail_dispatcher.wake(); });
  service::ResidentLoginService resident_login(clock, random, auth, audit, mail, public_url);
  service::ResidentDigidService resident_digid(clock, random, auth, audit, digid_settings(options.digid));
  service::PortalService portal(clock, audit, households, access, resident_digid.required_for_plan());
  service::ExperienceService experience(clock, random, audit, mail,
                                        [&resident_login] { return resident_login.public_url(); });
  service::RequestStatusService request_status(clock, random, audit);
  service::BreakthroughService breakthroughs(clock, audit);
  service::OutreachService outreach(clock, directory);
  service::DashboardService dashboard(clock, audit, directory);
  web::AppContext context{pool,           clock,
                          directory,      referrals,
                          auth,           households,
                          access,         audit_search,
                          team,           photos,
                          resident_login, resident_digid,
                          portal,         experience,
                          request_status, breakthroughs,
                          outreach,       dashboard,
                          mail,           audit,
                          translations,   templates,
                          static_files,   metrics,
                          page_cache,     web_settings(options)};
  const auto router = web::make_router();

  web::ServerOptions server_options;
  server_options.host = host;
  server_options.port = port;
  server_options.io_threads = options.io_threads;
  server_options.worker_threads = options.workers;
  server_options.limits = options.limits;
  server_options.over_tls = options.secure_cookies;
  server_options.trusted_proxies = networks_of(options.trusted_proxies, "--trusted-proxy");
  web::HttpServer server(
      server_options, [&](const web::Request& request) { return router.handle(context, request); },
      [&](const web::Request& request) { return router.runs_inline(request); }, metrics);
  // Changes to the directory by another process (the CLI) show within a second.
  std::jthread refresher([&directory](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
      if (stop.stop_requested()) break;
      try {
        if (directory.refresh()) spdlog::info("directory changed: reloaded");
      } catch (const std::exception& error) {
        spdlog::error("reloading the directory failed: {}", error.what());
      }
    }
  });
  const unsigned short bound = server.listen();
  if (public_url.empty()) resident_login.set_public_url("http://" + host + ":" + std::to_string(bound));
  // Tests and scripts read this first line to find the port.
  std::cout << "listening on http://" << host << ":" << bound << std::endl;
  mail_dispatcher.start();
  // The dashboard's copy in memory is loaded at start, beside the server, so
  // the first dashboard does not wait for it (and waits less if it comes early).
  // Started after "listening on", so that its log line cannot come first.
  std::jthread dashboard_warmer([&pool, &dashboard] {
    try {
      const auto started = std::chrono::steady_clock::now();
      auto connection = pool.acquire();
      dashboard.warm(*connection);
      const auto size = dashboard.store_size();
      spdlog::info(
          "dashboard copy loaded: {} households, {} contacts, {} requests in {} ms", size.households, size.contacts,
          size.referrals,
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    } catch (const std::exception& error) {
      // Not fatal: the first dashboard loads it instead.
      spdlog::error("loading the dashboard's copy failed: {}", error.what());
    }
  });
  spdlog::info("serving {} on {}:{} with {} worker(s)",
               storage::is_postgres_location(options.db) ? "PostgreSQL" : "SQLite", host, bound, options.workers);
  spdlog::info("{}", describe_mail(options.mail, default_outbox(options.db)));
  // After "listening on", which tests and scripts read as the first line.
  if (options.totp_key_file.empty()) {
    spdlog::warn("TOTP secrets are kept unencrypted in the database: give --totp-key-file (docs/security.md)");
  }
  if (resident_digid.enabled()) spdlog::info("DigiD through the broker {}", options.digid.issuer);
  server.run();
  spdlog::info("stopped");
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand("serve", "Serve the website and the JSON API");
  command->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  command->add_option("--listen", options->listen, "HOST:PORT (port 0 picks a free one)")->capture_default_str();
  command->add_option("--assets", options->assets, "node_modules folder with the NL Design System CSS")
      ->capture_default_str();
  command->add_option("--io-threads", options->io_threads, "Threads for network I/O and the front door")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command->add_option("--workers", options->workers, "Threads (and database connections) for handlers")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  auto& limits = options->limits;
  command->add_option("--max-connections", limits.max_connections, "Open client connections at most; more are closed")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  command
      ->add_option("--idle-timeout", limits.idle_timeout_seconds,
                   "Seconds a connection may wait for (the header of) its next request")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  command->add_option("--request-timeout", limits.request_timeout_seconds, "Seconds to read a body or write an answer")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  command
      ->add_flag("--benchmark-without-read-audit", options->without_read_audit,
                 "Do not log reads in the audit trail; only to measure what logging costs (bench/household.sh)")
      ->group("");  // hidden from --help: not for service
  command->add_flag("--check-config", options->check_only, "Check the options and stop (gezicht config check)")
      ->group("");
  command->add_flag("--secure-cookies", options->secure_cookies,
                    "Mark cookies Secure and send HSTS (when served over TLS, also behind a proxy)");
  command->add_option("--trusted-proxy", options->trusted_proxies,
                      "A reverse proxy's address or network (repeatable): only its X-Forwarded-For and "
                      "X-Forwarded-Proto are believed");
  command
      ->add_option("--metrics-allow", options->metrics_allow,
                   "Networks that may read /metrics (repeatable; none: only the token)")
      ->capture_default_str();
  command->add_option("--metrics-token-file", options->metrics_token_file,
                      "File holding a token (32+ characters) that opens /metrics as Authorization: Bearer");
  command->add_option("--request-log", options->request_log, "One JSON line per request on standard output, or off")
      ->check(CLI::IsMember({"json", "off"}))
      ->capture_default_str();
  command->add_option("--totp-key-file", options->totp_key_file,
                      "Key that encrypts the TOTP secrets in the database (`gezicht two-factor new-key`)");
  command->add_option("--totp-previous-key-file", options->totp_previous_key_files,
                      "An older key still accepted while the secrets are sealed again (repeatable)");
  add_mail_options(*command, options->mail);
  add_digid_options(*command, options->digid);
  command->callback([options] { serve(*options); });
}

}  // namespace gezicht::app
