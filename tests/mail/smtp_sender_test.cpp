// SmtpSender against a real SMTP server on loopback (aiosmtpd, through
// tests/support/smtp_server.py): plain, with AUTH, with STARTTLS and a
// certificate made for the test, and the failures an administrator meets.

#include "mail/smtp_sender.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace gezicht::mail {
namespace {

namespace fs = std::filesystem;

// Debian's interpreter, which has python3-aiosmtpd (a pyenv python3 on PATH may not).
constexpr const char* python = "/usr/bin/python3";
const std::string server_script = std::string(GEZICHT_SOURCE_DIR) + "/tests/support/smtp_server.py";
constexpr std::int64_t fixed_time = 1700000000;

class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "gezicht-smtp-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::vector<char*> argv_of(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  return argv;
}

// Runs a command to completion with its output discarded; returns the exit status.
int run(const std::vector<std::string>& args) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int error = ::posix_spawnp(&pid, args[0].c_str(), &actions, nullptr, argv_of(args).data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The server script as a child process. It prints its port first and exits
// when its stdin closes, which the destructor does; no signals, no sleeps.
class SmtpServer {
 public:
  SmtpServer(const fs::path& directory, const std::vector<std::string>& options) {
    std::vector<std::string> args = {python, server_script, directory.string()};
    args.insert(args.end(), options.begin(), options.end());
    int to_child[2], from_child[2];
    // Close-on-exec, so a second server does not inherit this one's stdin and keep it alive.
    if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
    const int error = ::posix_spawn(&pid_, python, &actions, nullptr, argv_of(args).data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_child[0]);
    ::close(from_child[1]);
    stdin_ = to_child[1];
    stdout_ = from_child[0];
    if (error != 0) throw std::runtime_error(std::string("cannot start ") + python);
    std::string line;
    char c = 0;
    while (::read(stdout_, &c, 1) == 1 && c != '\n') line += c;
    port_ = std::atoi(line.c_str());
    if (port_ <= 0) throw std::runtime_error("the SMTP test server did not start; is python3-aiosmtpd installed?");
  }
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;
  ~SmtpServer() {
    ::close(stdin_);
    ::close(stdout_);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = 0;
  int stdin_ = -1;
  int stdout_ = -1;
  int port_ = 0;
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string header(const std::string& mail, const std::string& name) {
  const std::size_t start = mail.find("\r\n" + name + ": ");
  if (start == std::string::npos) return "(missing)";
  const std::size_t value = start + 2 + name.size() + 2;
  return mail.substr(value, mail.find("\r\n", value) - value);
}

MailMessage sample() {
  return {"noreply@gemeente.example",
          "Gemeente Voorbeeld",
          "bewoner@example.nl",
          "Uw inlogcode",
          "Uw code is 123456.\n.\n..twee punten\nEén keer = genoeg\n",
          "nl"};
}

SmtpSettings plain_settings(const SmtpServer& server) {
  SmtpSettings settings;
  settings.url = server.url();
  settings.tls = SmtpSettings::Tls::none;
  settings.timeout_seconds = 10;
  return settings;
}

SmtpSender sender(const SmtpSettings& settings) {
  return SmtpSender(settings, "gemeente.example", [] { return fixed_time; });
}

std::string failure_of(SmtpSender sender, const MailMessage& message = sample()) {
  try {
    sender.send(message);
  } catch (const MailError& error) {
    return error.what();
  }
  return "(sent)";
}

class SmtpSenderTest : public testing::Test {
 protected:
  fs::path received(int number, const char* extension = ".eml") const {
    return inbox_.path() / (std::to_string(number) + extension);
  }
  bool nothing_received() const { return fs::is_empty(inbox_.path()); }

  // The server got exactly what to_rfc5322 renders (curl's dot-stuffing undone by the server).
  void expect_delivered(const MailMessage& message) const {
    ASSERT_TRUE(fs::exists(received(1))) << "nothing received";
    const std::string mail = read(received(1));
    EXPECT_EQ(header(mail, "From"), "\"Gemeente Voorbeeld\" <noreply@gemeente.example>");
    EXPECT_EQ(header(mail, "To"), "bewoner@example.nl");
    EXPECT_EQ(header(mail, "Subject"), "Uw inlogcode");
    EXPECT_EQ(decode_quoted_printable(mail.substr(mail.find("\r\n\r\n") + 4)),
              "Uw code is 123456.\r\n.\r\n..twee punten\r\nEén keer = genoeg\r\n");
    const std::string id = header(mail, "Message-ID");
    ASSERT_TRUE(id.ends_with("@gemeente.example>")) << id;
    EXPECT_EQ(mail, to_rfc5322(message, fixed_time, id.substr(1, id.find('@') - 1), "gemeente.example"));
    EXPECT_EQ(read(received(1, ".envelope")), "noreply@gemeente.example\nbewoner@example.nl\n");
  }

  TemporaryDirectory inbox_;
};

TEST_F(SmtpSenderTest, DeliversWithoutAuthentication) {
  SmtpServer server(inbox_.path(), {});
  sender(plain_settings(server)).send(sample());
  expect_delivered(sample());
}

TEST_F(SmtpSenderTest, DeliversWithAuthentication) {
  SmtpServer server(inbox_.path(), {"--user", "gezicht", "--password", "juist-wachtwoord"});
  SmtpSettings settings = plain_settings(server);
  settings.username = "gezicht";
  settings.password = "juist-wachtwoord";
  sender(settings).send(sample());
  expect_delivered(sample());
}

TEST_F(SmtpSenderTest, WrongPasswordIsAMailErrorWithoutThePassword) {
  SmtpServer server(inbox_.path(), {"--user", "gezicht", "--password", "juist-wachtwoord"});
  SmtpSettings settings = plain_settings(server);
  settings.username = "gezicht";
  settings.password = "fout-wachtwoord";
  const std::string failure = failure_of(sender(settings));
  EXPECT_NE(failure, "(sent)");
  EXPECT_EQ(failure.find("fout-wachtwoord"), std::string::npos) << failure;
  EXPECT_NE(failure.find("535"), std::string::npos) << failure;
  EXPECT_TRUE(nothing_received());
}

TEST_F(SmtpSenderTest, MissingCredentialsIsAMailError) {
  SmtpServer server(inbox_.path(), {"--user", "gezicht", "--password", "juist-wachtwoord"});
  EXPECT_NE(failure_of(sender(plain_settings(server))), "(sent)");
  EXPECT_TRUE(nothing_received());
}

TEST_F(SmtpSenderTest, SendsFromSeveralThreadsAtOnce) {
  SmtpServer server(inbox_.path(), {});
  SmtpSender shared = sender(plain_settings(server));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&shared] { shared.send(sample()); });
  for (std::thread& thread : threads) thread.join();
  for (int number = 1; number <= 4; ++number) EXPECT_TRUE(fs::exists(received(number))) << number;
}

TEST(SmtpSender, ClosedPortIsAMailError) {
  // A socket bound but not listening: the port stays ours and connecting is refused.
  const int socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(socket, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length), 0);
  SmtpSettings settings;
  settings.url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  settings.tls = SmtpSettings::Tls::none;
  const std::string failure = failure_of(sender(settings));
  ::close(socket);
  EXPECT_NE(failure.find("smtp: sending failed"), std::string::npos) << failure;
}

TEST(SmtpSender, RefusedMessageIsInvalidArgumentBeforeConnecting) {
  SmtpSettings settings;
  settings.url = "smtp://127.0.0.1:1";
  MailMessage message = sample();
  message.to_address = "bewoner@example.nl\r\nRCPT TO:<victim@example.org>";
  EXPECT_THROW(sender(settings).send(message), std::invalid_argument);
}

TEST(SmtpSettings, Validate) {
  SmtpSettings settings;
  for (const char* url : {"smtp://mail.gemeente.example", "smtp://mail.gemeente.example:587",
                          "smtps://mail.gemeente.example:465", "smtp://[::1]:25", "smtp://127.0.0.1:2525/gezicht"}) {
    settings.url = url;
    EXPECT_NO_THROW(settings.validate()) << url;
  }
  for (const char* url : {"", "mail.gemeente.example", "http://mail.gemeente.example", "SMTP-mail", "smtp://",
                          "smtp://:25", "smtp://user:secret@mail.gemeente.example", "smtp://mail .example"}) {
    settings.url = url;
    EXPECT_THROW(settings.validate(), std::invalid_argument) << url;
  }
  try {
    settings.url = "smtp://user:secret@mail.gemeente.example";
    settings.validate();
    ADD_FAILURE() << "credentials in the URL accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()).find("secret"), std::string::npos) << error.what();
  }
  settings.url = "smtp://mail.gemeente.example";
  settings.password = "geheim";
  EXPECT_THROW(settings.validate(), std::invalid_argument);
  settings.password.clear();
  settings.timeout_seconds = 0;
  EXPECT_THROW(settings.validate(), std::invalid_argument);
  EXPECT_THROW(SmtpSender(settings, "gemeente.example"), std::invalid_argument);
}

// STARTTLS with a self-signed certificate for 127.0.0.1, made once for the suite.
class SmtpStartTlsTest : public SmtpSenderTest {
 protected:
  static void SetUpTestSuite() {
    keys_ = new TemporaryDirectory;
    const int status = run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                            "-nodes", "-keyout", (keys_->path() / "key.pem").string(), "-out", cert(), "-days", "2",
                            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    ASSERT_EQ(status, 0) << "openssl could not make the test certificate";
  }
  static void TearDownTestSuite() {
    delete keys_;
    keys_ = nullptr;
  }
  static std::string cert() { return (keys_->path() / "cert.pem").string(); }
  static std::vector<std::string> tls_options() {
    return {"--tls-cert", cert(), "--tls-key", (keys_->path() / "key.pem").string(), "--require-starttls"};
  }

  static TemporaryDirectory* keys_;
};

TemporaryDirectory* SmtpStartTlsTest::keys_ = nullptr;

TEST_F(SmtpStartTlsTest, DeliversOverStartTlsWithAuthentication) {
  std::vector<std::string> options = tls_options();
  options.insert(options.end(), {"--user", "gezicht", "--password", "juist-wachtwoord"});
  SmtpServer server(inbox_.path(), options);
  SmtpSettings settings = plain_settings(server);
  settings.tls = SmtpSettings::Tls::starttls_required;
  settings.ca_file = cert();
  settings.username = "gezicht";
  settings.password = "juist-wachtwoord";
  sender(settings).send(sample());
  expect_delivered(sample());
}

TEST_F(SmtpStartTlsTest, IfOfferedUsesStartTls) {
  SmtpServer server(inbox_.path(), tls_options());  // refuses mail before STARTTLS
  SmtpSettings settings = plain_settings(server);
  settings.tls = SmtpSettings::Tls::starttls_if_offered;
  settings.ca_file = cert();
  sender(settings).send(sample());
  expect_delivered(sample());
}

TEST_F(SmtpStartTlsTest, UntrustedCertificateIsAMailError) {
  SmtpServer server(inbox_.path(), tls_options());
  SmtpSettings settings = plain_settings(server);
  settings.tls = SmtpSettings::Tls::starttls_required;  // the system's CA store does not know the certificate
  EXPECT_NE(failure_of(sender(settings)), "(sent)");
  EXPECT_TRUE(nothing_received());
}

TEST_F(SmtpStartTlsTest, RequiredButNotOfferedIsAMailError) {
  SmtpServer server(inbox_.path(), {});
  SmtpSettings settings = plain_settings(server);
  settings.tls = SmtpSettings::Tls::starttls_required;
  settings.ca_file = cert();
  EXPECT_NE(failure_of(sender(settings)), "(sent)");
  EXPECT_TRUE(nothing_received());
}

TEST_F(SmtpStartTlsTest, IfOfferedFallsBackToPlain) {
  SmtpServer server(inbox_.path(), {});
  SmtpSettings settings = plain_settings(server);
  settings.tls = SmtpSettings::Tls::starttls_if_offered;
  sender(settings).send(sample());
  expect_delivered(sample());
}

}  // namespace
}  // namespace gezicht::mail
