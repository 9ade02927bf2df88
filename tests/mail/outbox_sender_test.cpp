// The outbox folder: one complete, private file per mail, named by time,
// readable as a mail; nothing half-written left behind, also from threads.

#include "mail/outbox_sender.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace gezicht::mail {
namespace {

namespace fs = std::filesystem;

class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "gezicht-outbox-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, ignored);
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

MailMessage sample() {
  return {"noreply@gemeente.example", "Gemeente Voorbeeld",
          "bewoner@example.nl",       "Uw inlogcode",
          "Uw code is 123456.\n",     "nl"};
}

OutboxSender::Clock fixed_clock() {
  return [] { return std::int64_t{1700000000}; };  // 2023-11-14 22:13:20 UTC
}

std::vector<fs::path> entries(const fs::path& directory) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(directory)) found.push_back(entry.path());
  return found;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned mode_of(const fs::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_mode & 07777;
}

TEST(OutboxSender, WritesOnePrivateFileNamedByTime) {
  TemporaryDirectory temporary;
  OutboxSender outbox(temporary.path(), "gemeente.example", fixed_clock());
  outbox.send(sample());

  const std::vector<fs::path> files = entries(temporary.path());
  ASSERT_EQ(files.size(), 1u);
  const std::string name = files[0].filename().string();
  EXPECT_TRUE(std::regex_match(name, std::regex("20231114T221320Z-[0-9a-f]{16}\\.eml"))) << name;
  EXPECT_EQ(mode_of(files[0]), 0600u);

  const std::string mail = read(files[0]);
  EXPECT_TRUE(mail.starts_with("Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n")) << mail;
  EXPECT_NE(mail.find("\r\nTo: bewoner@example.nl\r\n"), std::string::npos);
  const std::string stem = name.substr(0, name.size() - 4);
  EXPECT_NE(mail.find("\r\nMessage-ID: <" + stem + "@gemeente.example>\r\n"), std::string::npos) << mail;
  const std::size_t body = mail.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  EXPECT_EQ(decode_quoted_printable(mail.substr(body + 4)), "Uw code is 123456.\r\n");
}

TEST(OutboxSender, WithoutSenderDomainTheMessageIdTakesTheFromDomain) {
  TemporaryDirectory temporary;
  OutboxSender outbox(temporary.path());
  outbox.send(sample());
  const std::vector<fs::path> files = entries(temporary.path());
  ASSERT_EQ(files.size(), 1u);
  const std::string stem = files[0].stem().string();
  EXPECT_NE(read(files[0]).find("\r\nMessage-ID: <" + stem + "@gemeente.example>\r\n"), std::string::npos);
}

TEST(OutboxSender, ModeIsExactlyOwnerReadWriteWhateverTheUmask) {
  TemporaryDirectory temporary;
  OutboxSender outbox(temporary.path(), "gemeente.example", fixed_clock());
  const mode_t previous = ::umask(0277);
  outbox.send(sample());
  ::umask(previous);
  const std::vector<fs::path> files = entries(temporary.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(mode_of(files[0]), 0600u);
}

TEST(OutboxSender, CreatesMissingDirectoryForOwnerOnly) {
  TemporaryDirectory temporary;
  const fs::path outbox_path = temporary.path() / "var" / "outbox";
  OutboxSender outbox(outbox_path, "gemeente.example", fixed_clock());
  EXPECT_EQ(mode_of(outbox_path), 0700u);
  outbox.send(sample());
  EXPECT_EQ(entries(outbox_path).size(), 1u);
}

TEST(OutboxSender, PathThatIsAFileIsAMailError) {
  TemporaryDirectory temporary;
  std::ofstream(temporary.path() / "file") << "x";
  EXPECT_THROW(OutboxSender(temporary.path() / "file", "gemeente.example"), MailError);
}

TEST(OutboxSender, ThreadsEachGetTheirOwnCompleteFile) {
  TemporaryDirectory temporary;
  OutboxSender outbox(temporary.path(), "gemeente.example", fixed_clock());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&outbox] {
      for (int i = 0; i < 25; ++i) outbox.send(sample());
    });
  }
  for (std::thread& thread : threads) thread.join();

  const std::vector<fs::path> files = entries(temporary.path());
  EXPECT_EQ(files.size(), 100u);
  const std::string first = read(files[0]);
  for (const fs::path& file : files) {
    EXPECT_EQ(file.extension(), ".eml") << "left behind: " << file;
    EXPECT_EQ(read(file).size(), first.size()) << file;
  }
}

TEST(OutboxSender, RefusedMessageLeavesNothing) {
  TemporaryDirectory temporary;
  OutboxSender outbox(temporary.path(), "gemeente.example", fixed_clock());
  MailMessage message = sample();
  message.subject = "Code\r\nBcc: victim@example.org";
  EXPECT_THROW(outbox.send(message), std::invalid_argument);
  EXPECT_TRUE(entries(temporary.path()).empty());
}

TEST(OutboxSender, VanishedDirectoryIsAMailError) {
  TemporaryDirectory temporary;
  OutboxSender outbox(temporary.path() / "outbox", "gemeente.example", fixed_clock());
  fs::remove(temporary.path() / "outbox");
  try {
    outbox.send(sample());
    ADD_FAILURE() << "sent into a directory that is gone";
  } catch (const MailError& error) {
    EXPECT_NE(std::string(error.what()).find("outbox"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace gezicht::mail
