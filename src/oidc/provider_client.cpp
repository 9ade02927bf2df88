#include "oidc/provider_client.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gezicht::oidc {
namespace {

constexpr long timeout_seconds = 10;
// Discovery documents and key sets are a few KiB; a provider gone wrong
// should not fill our memory.
constexpr std::size_t max_answer_bytes = 1024 * 1024;
constexpr std::string_view loopback_host = "127.0.0.1";

void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
}

// Whether a URL may be used: https, or http to 127.0.0.1 in loopback mode.
// Returns what is wrong, or nothing.
std::optional<std::string> url_problem(const std::string& url, bool allow_http_loopback) {
  init_curl();
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  if (!parsed) throw std::bad_alloc();
  if (curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return "is not an absolute URL";
  char* scheme = nullptr;
  char* host = nullptr;
  curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme, 0);  // curl gives the scheme in lower case
  curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0);
  const std::string scheme_text = scheme ? scheme : "";
  const std::string host_text = host ? host : "";
  curl_free(scheme);
  curl_free(host);
  if (scheme_text == "https") return std::nullopt;
  if (scheme_text == "http" && allow_http_loopback && host_text == loopback_host) return std::nullopt;
  return allow_http_loopback ? "is neither https nor http://127.0.0.1" : "is not https";
}

void require_allowed(const std::string& url, bool allow_http_loopback, const std::string& what) {
  if (const auto problem = url_problem(url, allow_http_loopback)) {
    throw ProviderError("", "provider " + what + " " + url + " " + *problem);
  }
}

// RFC 3986 percent-encoding of everything but the unreserved characters;
// also valid application/x-www-form-urlencoded.
std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0x0f];
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

struct Answer {
  long status = 0;
  std::string body;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto& body = *static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (body.size() + bytes > max_answer_bytes) return 0;  // makes curl stop with CURLE_WRITE_ERROR
  body.append(data, bytes);
  return bytes;
}

struct Request {
  const std::string& url;
  const char* what;                            // for messages: "discovery document", ...
  const std::string* form = nullptr;           // POST body when set, else GET
  const std::string* authorization = nullptr;  // Authorization header value
};

Answer perform(const Request& request, const ProviderSettings& settings) {
  init_curl();
  // Declared before the handle, so they outlive it: curl writes to them until cleaned up.
  Answer answer;
  char error[CURL_ERROR_SIZE] = "";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw std::bad_alloc();
  const auto add_header = [&](const std::string& header) {
    curl_slist* extended = curl_slist_append(headers.get(), header.c_str());
    if (!extended) throw std::bad_alloc();
    (void)headers.release();  // the list's head, which append returned (or started)
    headers.reset(extended);
  };
  add_header("Accept: application/json");
  if (request.authorization) add_header("Authorization: " + *request.authorization);

  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  // Also checked before every request; this keeps curl itself to it.
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, settings.allow_http_loopback ? "http,https" : "https");
  if (settings.allow_http_loopback) curl_easy_setopt(handle, CURLOPT_NOPROXY, "127.0.0.1");
  if (!settings.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, settings.ca_file.c_str());
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, timeout_seconds);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, timeout_seconds);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // signals and threads do not mix
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  if (request.form) {
    // Sets the method to POST and Content-Type to application/x-www-form-urlencoded.
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.form->c_str());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.form->size()));
  }
  const CURLcode result = curl_easy_perform(handle);
  if (result != CURLE_OK) {
    // curl's messages name the host and the TLS or network problem, never the request body or headers.
    const std::string detail = result == CURLE_WRITE_ERROR ? "answer larger than 1 MiB"
                               : error[0]                  ? error
                                                           : curl_easy_strerror(result);
    throw ProviderError("", std::string("provider ") + request.what + " at " + request.url + ": " + detail);
  }
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

nlohmann::json json_object(const Answer& answer, const Request& request) {
  auto json = nlohmann::json::parse(answer.body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    throw ProviderError("", std::string("provider ") + request.what + " at " + request.url + " is not a JSON object");
  }
  return json;
}

std::string required_url(const nlohmann::json& document, const char* name, const ProviderSettings& settings) {
  const auto it = document.find(name);
  if (it == document.end() || !it->is_string()) {
    throw ProviderError("", std::string("provider discovery document has no \"") + name + "\"");
  }
  std::string url = it->get<std::string>();
  require_allowed(url, settings.allow_http_loopback, name);
  return url;
}

// The OAuth error code (RFC 6749 section 5.2) if it is one: printable ASCII
// without '"' and '\', short. Anything else is not repeated into our logs.
std::string oauth_error(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("error") || !json["error"].is_string()) return "";
  auto error = json["error"].get<std::string>();
  if (error.empty() || error.size() > 64) return "";
  for (const char c : error) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return "";
  }
  return error;
}

}  // namespace

ProviderClient::ProviderClient(ProviderSettings settings) : settings_(std::move(settings)) {
  if (const auto problem = url_problem(settings_.issuer, settings_.allow_http_loopback)) {
    throw std::invalid_argument("OpenID Connect issuer " + settings_.issuer + " " + *problem);
  }
  if (settings_.client_id.empty() || settings_.client_secret.empty() || settings_.redirect_uri.empty()) {
    throw std::invalid_argument("OpenID Connect needs a client id, a client secret and a redirect URI");
  }
}

ProviderMetadata ProviderClient::discover() const {
  // Discovery 1.0 section 4: a trailing slash of the issuer is not doubled.
  std::string url = settings_.issuer;
  if (!url.empty() && url.back() == '/') url.pop_back();
  url += "/.well-known/openid-configuration";
  const Request request{url, "discovery document"};
  const Answer answer = perform(request, settings_);
  if (answer.status != 200) {
    throw ProviderError("",
                        "provider discovery document at " + url + " answered HTTP " + std::to_string(answer.status));
  }
  const auto document = json_object(answer, request);
  const auto issuer = document.find("issuer");
  if (issuer == document.end() || !issuer->is_string() || *issuer != settings_.issuer) {
    // Another issuer here means tokens we would accept from someone else (mix-up).
    throw ProviderError("", "provider discovery document at " + url + " names another issuer than " + settings_.issuer);
  }
  const auto methods = document.find("code_challenge_methods_supported");
  if (methods != document.end() &&
      (!methods->is_array() || std::find(methods->begin(), methods->end(), "S256") == methods->end())) {
    throw ProviderError("", "provider at " + settings_.issuer + " does not list PKCE method S256");
  }
  ProviderMetadata metadata;
  metadata.issuer = settings_.issuer;
  metadata.authorization_endpoint = required_url(document, "authorization_endpoint", settings_);
  metadata.token_endpoint = required_url(document, "token_endpoint", settings_);
  metadata.jwks_uri = required_url(document, "jwks_uri", settings_);
  return metadata;
}

Jwks ProviderClient::fetch_jwks(const ProviderMetadata& metadata) const {
  require_allowed(metadata.jwks_uri, settings_.allow_http_loopback, "jwks_uri");
  const Request request{metadata.jwks_uri, "key set"};
  const Answer answer = perform(request, settings_);
  if (answer.status != 200) {
    throw ProviderError("",
                        "provider key set at " + metadata.jwks_uri + " answered HTTP " + std::to_string(answer.status));
  }
  try {
    return parse_jwks(json_object(answer, request));
  } catch (const JwksError& e) {
    throw ProviderError("", std::string("provider key set at ") + metadata.jwks_uri + ": " + e.what());
  }
}

std::string ProviderClient::authorization_url(const ProviderMetadata& metadata, const std::string& state,
                                              const std::string& nonce, const std::string& code_challenge) const {
  require_allowed(metadata.authorization_endpoint, settings_.allow_http_loopback, "authorization_endpoint");
  std::string url = metadata.authorization_endpoint;
  // The endpoint may carry a query of its own (RFC 6749 section 3.1), which is kept.
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "response_type=code";
  url += "&client_id=" + percent_encode(settings_.client_id);
  url += "&redirect_uri=" + percent_encode(settings_.redirect_uri);
  url += "&scope=" + percent_encode(settings_.scope);
  url += "&state=" + percent_encode(state);
  url += "&nonce=" + percent_encode(nonce);
  url += "&code_challenge=" + percent_encode(code_challenge);
  url += "&code_challenge_method=S256";
  return url;
}

std::string ProviderClient::exchange_code(const ProviderMetadata& metadata, const std::string& code,
                                          const std::string& code_verifier) const {
  require_allowed(metadata.token_endpoint, settings_.allow_http_loopback, "token_endpoint");
  const std::string form = "grant_type=authorization_code&code=" + percent_encode(code) +
                           "&redirect_uri=" + percent_encode(settings_.redirect_uri) +
                           "&code_verifier=" + percent_encode(code_verifier);
  // RFC 6749 section 2.3.1: id and secret are form-encoded before base64.
  const std::string authorization =
      "Basic " + base64(percent_encode(settings_.client_id) + ":" + percent_encode(settings_.client_secret));
  const Request request{metadata.token_endpoint, "token endpoint", &form, &authorization};
  const Answer answer = perform(request, settings_);
  if (answer.status != 200) {
    const std::string error = oauth_error(answer.body);
    throw ProviderError(error, "provider token endpoint at " + metadata.token_endpoint + " answered HTTP " +
                                   std::to_string(answer.status) + (error.empty() ? "" : " " + error));
  }
  const auto document = json_object(answer, request);
  const auto id_token = document.find("id_token");
  if (id_token == document.end() || !id_token->is_string() || id_token->get_ref<const std::string&>().empty()) {
    throw ProviderError("", "provider token endpoint at " + metadata.token_endpoint + " gave no id_token");
  }
  return id_token->get<std::string>();
}

}  // namespace gezicht::oidc
