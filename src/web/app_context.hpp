#pragma once
// Everything a route needs, built once by main and shared by all requests.

#include <string>

#include "service/access_service.hpp"
#include "service/audit_search_service.hpp"
#include "service/audit_trail.hpp"
#include "service/auth_service.hpp"
#include "service/breakthrough_service.hpp"
#include "service/clock.hpp"
#include "service/dashboard_service.hpp"
#include "service/directory_service.hpp"
#include "service/experience_service.hpp"
#include "service/household_service.hpp"
#include "service/mail_queue.hpp"
#include "service/outreach_service.hpp"
#include "service/photo_service.hpp"
#include "service/portal_service.hpp"
#include "service/referral_service.hpp"
#include "service/request_status_service.hpp"
#include "service/resident_digid_service.hpp"
#include "service/resident_login_service.hpp"
#include "service/team_service.hpp"
#include "storage/connection_pool.hpp"
#include "web/address_networks.hpp"
#include "web/metrics.hpp"
#include "web/page_cache.hpp"
#include "web/static_files.hpp"
#include "web/templates.hpp"
#include "web/translations.hpp"

namespace gezicht::web {

struct WebSettings {
  // Adds Secure to cookies and sends HSTS; set when served over TLS (directly
  // or behind a reverse proxy that terminates it).
  bool secure_cookies = false;
  bool log_requests = false;  // one JSON line per request on standard output
  // Who may read /metrics: these networks, or whoever sends the token (Authorization: Bearer).
  AddressNetworks metrics_networks = AddressNetworks::loopback();
  std::string metrics_token;  // empty: no token opens it
};

struct AppContext {
  storage::ConnectionPool& pool;
  const service::Clock& clock;
  service::DirectoryService& directory;
  service::ReferralService& referrals;
  service::AuthService& auth;
  service::HouseholdService& households;
  service::AccessService& access;
  service::AuditSearchService& audit_search;
  service::TeamService& team;
  service::PhotoService& photos;
  service::ResidentLoginService& resident_login;
  service::ResidentDigidService& resident_digid;
  service::PortalService& portal;
  service::ExperienceService& experience;
  service::RequestStatusService& request_status;
  service::BreakthroughService& breakthroughs;
  service::OutreachService& outreach;
  service::DashboardService& dashboard;
  service::MailQueue& mail;
  service::AuditTrail& audit;
  const Translations& translations;
  const Templates& templates;
  const StaticFiles& static_files;
  Metrics& metrics;
  PageCache& page_cache;
  WebSettings settings;
};

}  // namespace gezicht::web
