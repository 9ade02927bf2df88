#include "mail/smtp_sender.hpp"
#include "mail/random_id.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>

namespace gezicht::mail {
namespace {

void initialise_curl_once() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK) {
    throw MailError(std::string("smtp: libcurl could not be initialised: ") + curl_easy_strerror(result));
  }
}

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// libcurl pulls the message through this in pieces of its choosing.
struct Upload {
  std::string_view remaining;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t length = std::min(size * count, upload->remaining.size());
  std::memcpy(buffer, upload->remaining.data(), length);
  upload->remaining.remove_prefix(length);
  return length;
}

template <typename Value>
void set(CURL* curl, CURLoption option, Value value) {
  const CURLcode result = curl_easy_setopt(curl, option, value);
  if (result != CURLE_OK) {
    throw MailError("smtp: libcurl refused option " + std::to_string(option) + ": " + curl_easy_strerror(result));
  }
}

long use_ssl(SmtpSettings::Tls tls) {
  switch (tls) {
    case SmtpSettings::Tls::starttls_required: return CURLUSESSL_ALL;
    case SmtpSettings::Tls::starttls_if_offered: return CURLUSESSL_TRY;
    case SmtpSettings::Tls::none: return CURLUSESSL_NONE;
  }
  return CURLUSESSL_ALL;
}

}  // namespace

void SmtpSettings::validate() const {
  const std::string_view text = url;
  std::string_view rest;
  if (text.starts_with("smtp://")) {
    rest = text.substr(7);
  } else if (text.starts_with("smtps://")) {
    rest = text.substr(8);
  } else {
    throw std::invalid_argument("SMTP URL must start with smtp:// or smtps://");
  }
  if (text.find_first_of(" \t\r\n") != std::string_view::npos) throw std::invalid_argument("SMTP URL contains spaces");
  const std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string_view::npos) {
    throw std::invalid_argument("SMTP URL must not hold credentials; set the SMTP username and password instead");
  }
  if (authority.empty() || authority.front() == ':') throw std::invalid_argument("SMTP URL has no host");
  if (!password.empty() && username.empty()) {
    throw std::invalid_argument("SMTP password is set but the username is empty");
  }
  if (timeout_seconds <= 0) throw std::invalid_argument("SMTP timeout must be at least one second");
}

SmtpSender::SmtpSender(SmtpSettings settings, std::string sender_domain, Clock clock)
    : settings_(std::move(settings)),
      sender_domain_(std::move(sender_domain)),
      clock_(clock ? std::move(clock) : Clock(system_now)) {
  settings_.validate();
  initialise_curl_once();
}

void SmtpSender::send(const MailMessage& message) {
  const std::string domain = sender_domain_.empty() ? domain_of(message.from_address) : sender_domain_;
  const std::string text = to_rfc5322(message, clock_(), random_hex(16), domain);
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle(curl_easy_init(), curl_easy_cleanup);
  if (!handle) throw MailError("smtp: libcurl could not create a handle");
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, ("<" + message.to_address + ">").c_str()), curl_slist_free_all);
  if (!recipients) throw MailError("smtp: out of memory for the recipient list");
  const std::string from = "<" + message.from_address + ">";
  Upload upload{text};
  char error[CURL_ERROR_SIZE] = "";

  CURL* curl = handle.get();
  set(curl, CURLOPT_ERRORBUFFER, error);
  set(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: other threads run too
  set(curl, CURLOPT_URL, settings_.url.c_str());
  set(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  set(curl, CURLOPT_MAIL_FROM, from.c_str());
  set(curl, CURLOPT_MAIL_RCPT, recipients.get());
  set(curl, CURLOPT_UPLOAD, 1L);
  set(curl, CURLOPT_READFUNCTION, read_upload);
  set(curl, CURLOPT_READDATA, &upload);
  set(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
  set(curl, CURLOPT_USE_SSL, use_ssl(settings_.tls));
  set(curl, CURLOPT_SSL_VERIFYPEER, settings_.verify_peer ? 1L : 0L);
  set(curl, CURLOPT_SSL_VERIFYHOST, settings_.verify_peer ? 2L : 0L);
  if (!settings_.ca_file.empty()) set(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.username.empty()) {
    set(curl, CURLOPT_USERNAME, settings_.username.c_str());
    set(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  set(curl, CURLOPT_CONNECTTIMEOUT, settings_.timeout_seconds);
  set(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);

  const CURLcode result = curl_easy_perform(curl);
  if (result == CURLE_OK) return;
  // curl's texts name the step that failed and never the password.
  std::string detail = error[0] != '\0' ? error : curl_easy_strerror(result);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  if (reply != 0) detail += " (last server reply " + std::to_string(reply) + ")";
  throw MailError("smtp: sending failed: " + detail);
}

}  // namespace gezicht::mail
