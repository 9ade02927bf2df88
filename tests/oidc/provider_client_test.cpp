// The whole login against test_provider.py, a provider of our own on a
// loopback port: discovery, the browser's trip to /authorize (a plain GET
// whose redirect we read instead of follow), the code exchange and the ID
// token check; then the tokens and answers a client must refuse.

#include "oidc/provider_client.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "oidc/id_token.hpp"
#include "oidc/pkce.hpp"

extern char** environ;

namespace gezicht::oidc {
namespace {

// Debian's interpreter, which has python3-cryptography (a pyenv python3 on PATH may not).
constexpr const char* python = "/usr/bin/python3";
const std::string provider_script = std::string(GEZICHT_SOURCE_DIR) + "/tests/oidc/test_provider.py";

const std::string client_id = "gezicht-test";
// With characters that client_secret_basic must form-encode.
const std::string client_secret = "geheim: met spaties & tekens%";
const std::string redirect_uri = "http://127.0.0.1:9/auth/callback?from=digid";

// test_provider.py as a child process. It prints its port first and exits
// when its stdin closes, which the destructor does; no signals, no sleeps.
class ProviderProcess {
 public:
  ProviderProcess() {
    std::vector<std::string> args = {python,    provider_script,   "--client-id",
                                     client_id, "--client-secret", client_secret};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int to_child[2];
    int from_child[2];
    // Close-on-exec, so no other child inherits the provider's stdin and keeps it alive.
    if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
    const int error = posix_spawn(&pid_, python, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(to_child[0]);
    close(from_child[1]);
    stdin_ = to_child[1];
    stdout_ = from_child[0];
    if (error != 0) {
      stop();
      throw std::runtime_error(std::string("cannot start ") + python + ": " + std::strerror(error));
    }
    port_ = read_port();
    if (port_ <= 0) {
      stop();
      throw std::runtime_error("test_provider.py did not start (is python3-cryptography installed? see stderr)");
    }
  }
  ~ProviderProcess() { stop(); }
  ProviderProcess(const ProviderProcess&) = delete;
  ProviderProcess& operator=(const ProviderProcess&) = delete;

  std::string issuer() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  // The first line of its stdout, written once it listens. The poll timeout
  // is a limit for a provider that hangs, not a pause.
  int read_port() {
    std::string line;
    char c = 0;
    while (line.size() < 8) {
      pollfd ready{stdout_, POLLIN, 0};
      if (poll(&ready, 1, 30'000) != 1 || read(stdout_, &c, 1) != 1) return 0;
      if (c == '\n') return std::atoi(line.c_str());
      line += c;
    }
    return 0;
  }

  void stop() {
    close(stdin_);
    close(stdout_);
    stdin_ = stdout_ = -1;
    int status = 0;
    if (pid_ > 0) waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  int port_ = 0;
};

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

// What the browser would be sent to: the Location of a 302, not followed.
std::string redirect_of(const std::string& url) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "127.0.0.1");
  long status = 0;
  char* location = nullptr;
  if (curl_easy_perform(curl.get()) != CURLE_OK) return "";
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(curl.get(), CURLINFO_REDIRECT_URL, &location);
  return status == 302 && location ? location : "";
}

void set_mode(const std::string& issuer, const std::string& mode) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  const std::string url = issuer + "/control";
  const std::string body = R"({"mode": ")" + mode + R"("})";
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "127.0.0.1");
  long status = 0;
  ASSERT_EQ(curl_easy_perform(curl.get()), CURLE_OK);
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  ASSERT_EQ(status, 200) << mode;
}

// The query parameters of a URL, decoded.
std::map<std::string, std::string> query_of(const std::string& url) {
  std::map<std::string, std::string> parameters;
  const auto query = url.find('?');
  if (query == std::string::npos) return parameters;
  std::size_t start = query + 1;
  while (start <= url.size()) {
    const auto end = std::min(url.find('&', start), url.size());
    const std::string pair = url.substr(start, end - start);
    const auto equals = pair.find('=');
    auto decode = [](const std::string& text) {
      int length = 0;
      char* decoded = curl_easy_unescape(nullptr, text.c_str(), static_cast<int>(text.size()), &length);
      std::string out(decoded, static_cast<std::size_t>(length));
      curl_free(decoded);
      return out;
    };
    if (equals != std::string::npos) parameters[decode(pair.substr(0, equals))] = decode(pair.substr(equals + 1));
    start = end + 1;
  }
  return parameters;
}

class ProviderClientTest : public ::testing::Test {
 protected:
  // One provider for the suite: Python with its RSA key takes a moment to start.
  static void SetUpTestSuite() {
    try {
      provider_ = new ProviderProcess();
    } catch (const std::exception& e) {
      startup_error_ = e.what();  // reported by each test: a missing provider fails, it does not skip
    }
  }
  static void TearDownTestSuite() {
    delete provider_;
    provider_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(provider_, nullptr) << startup_error_;
    client_.emplace(settings());
    metadata = client().discover();
    keys = client().fetch_jwks(metadata);
  }

  const ProviderClient& client() const { return *client_; }

  ProviderSettings settings() const {
    ProviderSettings s;
    s.issuer = provider_->issuer();
    s.client_id = client_id;
    s.client_secret = client_secret;
    s.redirect_uri = redirect_uri;
    s.allow_http_loopback = true;
    return s;
  }

  // Each login attempt its own verifier; fixed bytes keep failures repeatable.
  std::string verifier(unsigned char seed) const {
    return pkce::new_code_verifier([seed](unsigned char* out, std::size_t size) {
      for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<unsigned char>(seed + i);
    });
  }

  // The browser's part: to /authorize and back with a code for our state.
  std::string code_for(const std::string& authorization_url, const std::string& state) {
    const std::string back = redirect_of(authorization_url);
    EXPECT_EQ(back.rfind(redirect_uri + "&", 0), 0u) << back;
    auto parameters = query_of(back);
    EXPECT_EQ(parameters["state"], state);
    EXPECT_EQ(parameters["from"], "digid");
    return parameters["code"];
  }

  // A login up to the ID token, and its check.
  IdTokenClaims log_in(const std::string& extra_query = "") {
    const std::string code_verifier = verifier(7);
    const std::string url =
        client().authorization_url(metadata, "state-1", "nonce-1", pkce::code_challenge_s256(code_verifier)) +
        extra_query;
    const std::string id_token = client().exchange_code(metadata, code_for(url, "state-1"), code_verifier);
    return verify_id_token(id_token, keys, expectations());
  }

  IdTokenExpectations expectations() const {
    return {provider_->issuer(), client_id, "nonce-1", static_cast<std::int64_t>(std::time(nullptr))};
  }

  static ProviderProcess* provider_;
  static std::string startup_error_;
  std::optional<ProviderClient> client_;
  ProviderMetadata metadata;
  Jwks keys;
};

ProviderProcess* ProviderClientTest::provider_ = nullptr;
std::string ProviderClientTest::startup_error_;

TEST_F(ProviderClientTest, DiscoversTheProvider) {
  EXPECT_EQ(metadata.issuer, provider_->issuer());
  EXPECT_EQ(metadata.authorization_endpoint, provider_->issuer() + "/authorize");
  EXPECT_EQ(metadata.token_endpoint, provider_->issuer() + "/token");
  EXPECT_EQ(metadata.jwks_uri, provider_->issuer() + "/jwks");
  EXPECT_NE(keys.find("rsa1", KeyType::rsa), nullptr);
  EXPECT_NE(keys.find("ec1", KeyType::ec_p256), nullptr);
}

TEST_F(ProviderClientTest, AuthorizationUrlCarriesTheRequestEncoded) {
  const auto parameters = query_of(client().authorization_url(metadata, "s t&a", "n+1", "challenge"));
  EXPECT_EQ(parameters.at("response_type"), "code");
  EXPECT_EQ(parameters.at("client_id"), client_id);
  EXPECT_EQ(parameters.at("redirect_uri"), redirect_uri);
  EXPECT_EQ(parameters.at("scope"), "openid");
  EXPECT_EQ(parameters.at("state"), "s t&a");
  EXPECT_EQ(parameters.at("nonce"), "n+1");
  EXPECT_EQ(parameters.at("code_challenge"), "challenge");
  EXPECT_EQ(parameters.at("code_challenge_method"), "S256");
}

TEST_F(ProviderClientTest, LogsInWithRs256) {
  const IdTokenClaims claims = log_in();
  EXPECT_EQ(claims.subject, "999990019");
  EXPECT_EQ(claims.issuer, provider_->issuer());
  EXPECT_EQ(claims.acr, "urn:etoegang:core:assurance-class:loa2plus");
}

TEST_F(ProviderClientTest, SubjectFollowsLoginHint) { EXPECT_EQ(log_in("&login_hint=900212345").subject, "900212345"); }

TEST_F(ProviderClientTest, LogsInWithEs256) {
  set_mode(provider_->issuer(), "es256");
  EXPECT_EQ(log_in().subject, "999990019");
}

TEST_F(ProviderClientTest, RefusesEachBadToken) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"wrong_signature", "signature"}, {"wrong_audience", "audience"}, {"expired", "expired"},
      {"wrong_issuer", "issuer"},       {"wrong_nonce", "nonce"},       {"alg_none", "algorithm"}};
  for (const auto& [mode, reason] : cases) {
    set_mode(provider_->issuer(), mode);
    try {
      log_in();
      ADD_FAILURE() << mode << " was accepted";
    } catch (const TokenError& e) {
      EXPECT_EQ(e.reason(), reason) << mode;
    }
  }
  EXPECT_EQ(log_in().subject, "999990019");  // a mode holds for one token only
}

TEST_F(ProviderClientTest, RefusesAReplayedCode) {
  const std::string code_verifier = verifier(1);
  const std::string url =
      client().authorization_url(metadata, "state-2", "nonce-1", pkce::code_challenge_s256(code_verifier));
  const std::string code = code_for(url, "state-2");
  client().exchange_code(metadata, code, code_verifier);
  try {
    client().exchange_code(metadata, code, code_verifier);
    FAIL() << "a used code was exchanged again";
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.error(), "invalid_grant");
    // Neither the code nor the verifier nor the secret reaches the log.
    const std::string what = e.what();
    EXPECT_EQ(what.find(code), std::string::npos);
    EXPECT_EQ(what.find(code_verifier), std::string::npos);
    EXPECT_EQ(what.find("geheim"), std::string::npos);
  }
}

TEST_F(ProviderClientTest, RefusesAnotherVerifier) {
  const std::string url =
      client().authorization_url(metadata, "state-3", "nonce-1", pkce::code_challenge_s256(verifier(1)));
  try {
    client().exchange_code(metadata, code_for(url, "state-3"), verifier(2));
    FAIL() << "a code was exchanged with the wrong PKCE verifier";
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.error(), "invalid_grant");
  }
}

TEST_F(ProviderClientTest, WrongClientSecretIsInvalidClient) {
  ProviderSettings wrong = settings();
  wrong.client_secret = "geheim";
  const ProviderClient impostor(wrong);
  const std::string url =
      client().authorization_url(metadata, "state-4", "nonce-1", pkce::code_challenge_s256(verifier(1)));
  try {
    impostor.exchange_code(metadata, code_for(url, "state-4"), verifier(1));
    FAIL() << "the token endpoint took a wrong secret";
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.error(), "invalid_client");
    EXPECT_EQ(std::string(e.what()).find("geheim"), std::string::npos);
  }
}

// The document's issuer must be the configured one, character for character.
TEST_F(ProviderClientTest, RefusesDiscoveryOfAnotherIssuer) {
  ProviderSettings slash = settings();
  slash.issuer += "/";
  EXPECT_THROW(ProviderClient(slash).discover(), ProviderError);
}

TEST_F(ProviderClientTest, RequiresHttpsExceptOnLoopbackWhenAllowed) {
  ProviderSettings strict = settings();
  strict.allow_http_loopback = false;
  EXPECT_THROW(ProviderClient{strict}, std::invalid_argument);
  ProviderSettings localhost = settings();
  localhost.issuer = "http://localhost:" + provider_->issuer().substr(provider_->issuer().rfind(':') + 1);
  EXPECT_THROW(ProviderClient{localhost}, std::invalid_argument);

  // Endpoints from a document are held to the same rule.
  ProviderMetadata elsewhere = metadata;
  elsewhere.token_endpoint = "http://192.0.2.1/token";
  EXPECT_THROW(client().exchange_code(elsewhere, "code", verifier(1)), ProviderError);
  ProviderClient strict_client{[&] {
    ProviderSettings s = settings();
    s.issuer = "https://broker.gemeente.example";
    s.allow_http_loopback = false;
    return s;
  }()};
  EXPECT_THROW(strict_client.fetch_jwks(metadata), ProviderError);
}

}  // namespace
}  // namespace gezicht::oidc
