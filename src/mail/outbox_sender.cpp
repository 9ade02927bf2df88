#include "mail/outbox_sender.hpp"
#include "mail/random_id.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <string_view>
#include <system_error>
#include <utility>

namespace gezicht::mail {
namespace {

[[noreturn]] void fail(std::string_view what, const std::filesystem::path& path, int error) {
  throw MailError("outbox: " + std::string(what) + " " + path.string() + ": " + std::system_category().message(error));
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string utc_stamp(std::int64_t unix_time) {
  const auto time = static_cast<std::time_t>(unix_time);
  std::tm parts{};
  if (::gmtime_r(&time, &parts) == nullptr) throw MailError("outbox: the clock's time is out of range");
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &parts);
  return text;
}

void write_all(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", path, errno);
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Without this the rename itself may be lost in a crash.
void sync_directory(const std::filesystem::path& directory) {
  const FileDescriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) fail("cannot sync the directory", directory, errno);
}

void create_private_directory(const std::filesystem::path& directory) {
  if (std::filesystem::is_directory(directory)) return;
  if (directory.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(directory.parent_path(), error);
    if (error) fail("cannot create the parents of", directory, error.value());
  }
  // The mails hold login codes and personal data: only the service's user may read them.
  if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) fail("cannot create", directory, errno);
  if (!std::filesystem::is_directory(directory)) fail("is not a directory:", directory, ENOTDIR);
}

}  // namespace

OutboxSender::OutboxSender(std::filesystem::path directory, std::string sender_domain, Clock clock)
    : directory_(std::move(directory)),
      sender_domain_(std::move(sender_domain)),
      clock_(clock ? std::move(clock) : Clock(system_now)) {
  create_private_directory(directory_);
}

void OutboxSender::send(const MailMessage& message) {
  const std::int64_t now = clock_();
  const std::string name = utc_stamp(now) + "-" + random_hex(8);
  const std::string domain = sender_domain_.empty() ? domain_of(message.from_address) : sender_domain_;
  const std::string text = to_rfc5322(message, now, name, domain);
  const std::filesystem::path final_path = directory_ / (name + ".eml");
  // A dot name without .eml: whoever reads the outbox never sees a half-written mail.
  const std::filesystem::path temporary = directory_ / ("." + name + ".tmp");

  FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) fail("cannot create", temporary, errno);
  try {
    // The umask may have taken bits from 0600; set exactly that.
    if (::fchmod(fd.get(), 0600) != 0) fail("cannot set the mode of", temporary, errno);
    write_all(fd.get(), text, temporary);
    if (::fsync(fd.get()) != 0) fail("cannot sync", temporary, errno);
    if (::close(fd.release()) != 0) fail("cannot close", temporary, errno);
    if (::rename(temporary.c_str(), final_path.c_str()) != 0) fail("cannot rename to", final_path, errno);
  } catch (...) {
    ::unlink(temporary.c_str());
    throw;
  }
  sync_directory(directory_);
}

}  // namespace gezicht::mail
