// Rendering a mail as RFC 5322 / MIME: the exact bytes for a plain message,
// encoded-words for the residents' languages, quoted-printable bodies read
// back, and what is refused before anything is sent.

#include "mail/mail_message.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace gezicht::mail {
namespace {

MailMessage sample() {
  MailMessage message;
  message.from_address = "noreply@gemeente.example";
  message.from_name = "Gemeente Voorbeeld";
  message.to_address = "bewoner@example.nl";
  message.subject = "Uw inlogcode";
  message.body_text = "Uw code is 123456.\nDeze code is 10 minuten geldig.\n";
  message.language = "nl";
  return message;
}

std::string render(const MailMessage& message) { return to_rfc5322(message, 1700000000, "abc123", "gemeente.example"); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

std::string head_of(const std::string& mail) { return mail.substr(0, mail.find("\r\n\r\n") + 2); }
std::string body_of(const std::string& mail) { return mail.substr(mail.find("\r\n\r\n") + 4); }

// The field's value with the folding taken out (RFC 5322 section 2.2.3).
std::string field(const std::string& mail, const std::string& name) {
  const std::string head = "\r\n" + head_of(mail);
  const std::size_t start = head.find("\r\n" + name + ": ");
  if (start == std::string::npos) return "(missing)";
  std::string value;
  std::size_t at = start + 2 + name.size() + 2;
  while (true) {
    const std::size_t end = head.find("\r\n", at);
    value += head.substr(at, end - at);
    if (end + 2 >= head.size() || head[end + 2] != ' ') return value;
    at = end + 2;
  }
}

std::string from_base64(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    bits = (bits << 6) | static_cast<std::uint32_t>(alphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

// Decodes a value made only of =?utf-8?B?...?= words; whitespace between them is dropped (RFC 2047 section 6.2).
std::string decode_words(const std::string& value, std::vector<std::string>* words = nullptr) {
  std::string out;
  std::istringstream in(value);
  std::string word;
  while (in >> word) {
    EXPECT_TRUE(word.starts_with("=?utf-8?B?") && word.ends_with("?=")) << word;
    EXPECT_LE(word.size(), 75u) << word;
    const std::string decoded = from_base64(word.substr(10, word.size() - 12));
    if (words) words->push_back(decoded);
    out += decoded;
  }
  return out;
}

bool whole_utf8(const std::string& text) {
  if (text.empty()) return false;
  const auto first = static_cast<unsigned char>(text.front());
  const auto last = static_cast<unsigned char>(text.back());
  const bool starts_with_lead = (first & 0xC0) != 0x80;
  const bool ends_complete = last < 0x80 || (text.size() >= 2 && (last & 0xC0) == 0x80);
  return starts_with_lead && ends_complete;
}

TEST(ToRfc5322, PlainMessageExactly) {
  EXPECT_EQ(render(sample()),
            "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
            "From: \"Gemeente Voorbeeld\" <noreply@gemeente.example>\r\n"
            "To: bewoner@example.nl\r\n"
            "Subject: Uw inlogcode\r\n"
            "Message-ID: <abc123@gemeente.example>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Content-Language: nl\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "\r\n"
            "Uw code is 123456.\r\n"
            "Deze code is 10 minuten geldig.\r\n");
}

TEST(ToRfc5322, DatesInRfc5322Form) {
  MailMessage message = sample();
  EXPECT_EQ(field(to_rfc5322(message, 0, "a", "x.example"), "Date"), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(field(to_rfc5322(message, 1709251199, "a", "x.example"), "Date"), "Thu, 29 Feb 2024 23:59:59 +0000");
  EXPECT_THROW(to_rfc5322(message, -1, "a", "x.example"), std::invalid_argument);
}

TEST(ToRfc5322, NoNameGivesBareAddress) {
  MailMessage message = sample();
  message.from_name.clear();
  EXPECT_EQ(field(render(message), "From"), "noreply@gemeente.example");
}

TEST(ToRfc5322, AsciiNameQuotedWithEscapes) {
  MailMessage message = sample();
  message.from_name = R"(Team "Zorg", Wijk\Noord)";
  EXPECT_EQ(field(render(message), "From"), R"("Team \"Zorg\", Wijk\\Noord" <noreply@gemeente.example>)");
}

TEST(ToRfc5322, NonAsciiNameAsEncodedWords) {
  MailMessage message = sample();
  message.from_name = "بلدية المثال";
  const std::string from = field(render(message), "From");
  ASSERT_TRUE(from.ends_with(" <noreply@gemeente.example>")) << from;
  EXPECT_EQ(decode_words(from.substr(0, from.size() - 27)), message.from_name);
}

TEST(ToRfc5322, LongNonAsciiNameFoldsBeforeTheAddress) {
  MailMessage message = sample();
  message.from_name = "Муніципальна служба соціальної підтримки мешканців району";
  const std::string mail = render(message);
  for (const std::string& line : lines_of(head_of(mail))) EXPECT_LE(line.size(), 78u) << line;
  const std::string from = field(mail, "From");
  EXPECT_EQ(decode_words(from.substr(0, from.rfind(' '))), message.from_name);
}

class EncodedSubject : public testing::TestWithParam<std::string> {};

TEST_P(EncodedSubject, FoldedWithinLimitsAndReadsBack) {
  MailMessage message = sample();
  message.subject = GetParam();
  const std::string mail = render(message);
  for (const std::string& line : lines_of(head_of(mail))) EXPECT_LE(line.size(), 78u) << line;
  std::vector<std::string> words;
  EXPECT_EQ(decode_words(field(mail, "Subject"), &words), message.subject);
  // Each word must decode to whole characters on its own.
  for (const std::string& word : words) EXPECT_TRUE(whole_utf8(word));
  EXPECT_GT(words.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Languages, EncodedSubject,
    testing::Values("رمز تسجيل الدخول الخاص بك إلى بوابة الخدمات الاجتماعية التابعة للبلدية",
                    "Belediye sosyal hizmetler portalına giriş kodunuz: lütfen şimdi kullanın, çünkü süresi dolacak",
                    "Ваш код для входу на портал соціальних послуг муніципалітету, дійсний десять хвилин",
                    "Uw inlogcode 👋🏽 voor het portaal van de gemeente, met emoji die vier bytes per teken vragen",
                    std::string(100, 'x')));

TEST(ToRfc5322, ShortArabicSubjectIsOneWord) {
  MailMessage message = sample();
  message.subject = "رمز الدخول";
  const std::string subject = field(render(message), "Subject");
  EXPECT_EQ(subject, "=?utf-8?B?2LHZhdiyINin2YTYr9iu2YjZhA==?=");
  EXPECT_EQ(decode_words(subject), message.subject);
}

TEST(ToRfc5322, LongAsciiSubjectFoldsAtSpaces) {
  MailMessage message = sample();
  message.subject =
      "Herinnering: uw afspraak met het wijkteam over de aanvraag voor huishoudelijke hulp op dinsdagochtend "
      "in het stadskantoor aan de Markt";
  const std::string mail = render(message);
  for (const std::string& line : lines_of(head_of(mail))) EXPECT_LE(line.size(), 78u) << line;
  EXPECT_EQ(field(mail, "Subject"), message.subject);
  EXPECT_NE(head_of(mail).find("\r\n "), std::string::npos) << "not folded";
}

TEST(ToRfc5322, AsciiThatLooksEncodedIsEncoded) {
  MailMessage message = sample();
  message.subject = "Code =?utf-8?B?aGk=?= test";
  EXPECT_EQ(decode_words(field(render(message), "Subject")), message.subject);
}

TEST(ToRfc5322, EmptySubject) {
  MailMessage message = sample();
  message.subject.clear();
  EXPECT_NE(render(message).find("\r\nSubject:\r\n"), std::string::npos);
}

TEST(QuotedPrintable, RoundTripLongLinesEqualsAndNonAscii) {
  MailMessage message = sample();
  message.body_text = std::string(200, 'a') + "\n" + "a=b==c " + std::string(100, '=') + "\n" +
                      "Één keer per week, çok güzel, дякую, شكرا جزيلا " + std::string(30, 'e') + "ë\n" +
                      "trailing space \n" + "trailing tab\t\n" + ".\n" + ".leading dot\n" + "\n" + "tab\tinside";
  const std::string body = body_of(render(message));
  for (const std::string& line : lines_of(body)) {
    EXPECT_LE(line.size(), 76u) << line;
    for (char c : line) EXPECT_TRUE(c == '\t' || (c >= 0x20 && c <= 0x7E)) << line;
    EXPECT_FALSE(line.ends_with(" ") || line.ends_with("\t")) << line;
    EXPECT_NE(line, ".");
  }
  std::string expected;
  for (char c : message.body_text) expected += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(decode_quoted_printable(body), expected + "\r\n");
}

TEST(QuotedPrintable, RoundTripRandomText) {
  const std::vector<std::string> pieces = {"a", " ", "\t", "=", ".", "\n", "\r\n", "\r", "é", "ش", "😀", "Z", "~"};
  std::mt19937 random(20240229);
  for (int round = 0; round < 300; ++round) {
    MailMessage message = sample();
    message.body_text.clear();
    const int length = static_cast<int>(random() % 400);
    for (int i = 0; i < length; ++i) message.body_text += pieces[random() % pieces.size()];
    const std::string body = body_of(render(message));
    for (const std::string& line : lines_of(body)) ASSERT_LE(line.size(), 76u) << line;
    std::string expected;
    for (std::size_t i = 0; i < message.body_text.size(); ++i) {
      const char c = message.body_text[i];
      if (c == '\r' && i + 1 < message.body_text.size() && message.body_text[i + 1] == '\n') continue;
      expected += c == '\r' || c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    if (!expected.empty() && !expected.ends_with("\r\n")) expected += "\r\n";
    ASSERT_EQ(decode_quoted_printable(body), expected) << "round " << round;
  }
}

TEST(QuotedPrintable, DecodesSoftBreaksLowerCaseAndPadding) {
  EXPECT_EQ(decode_quoted_printable("Uw code=\r\n is 12=3D34"), "Uw code is 12=34");
  EXPECT_EQ(decode_quoted_printable("soft=\nbreak"), "softbreak");
  EXPECT_EQ(decode_quoted_printable("caf=c3=a9"), "caf\xc3\xa9");
  EXPECT_EQ(decode_quoted_printable("padded   \r\nline=  \r\nend"), "padded\r\nlineend");
  EXPECT_EQ(decode_quoted_printable("keep =ZZ and =4"), "keep =ZZ and =4");
  EXPECT_EQ(decode_quoted_printable("ends with ="), "ends with ");
}

void expect_refused(const MailMessage& message, const std::string& field_name, const std::string& secret) {
  try {
    render(message);
    ADD_FAILURE() << "accepted a bad " << field_name;
  } catch (const std::invalid_argument& error) {
    const std::string text = error.what();
    EXPECT_NE(text.find(field_name), std::string::npos) << text;
    EXPECT_EQ(text.find(secret), std::string::npos) << "the message repeats the value: " << text;
  }
}

TEST(ToRfc5322, RefusesHeaderInjection) {
  const std::string injected = "x\r\nBcc: victim@example.org";
  MailMessage message = sample();
  message.subject = "Code\r\nBcc: victim@example.org";
  expect_refused(message, "Subject", "victim");
  message = sample();
  message.subject = "Code\nBcc: victim@example.org";
  expect_refused(message, "Subject", "victim");
  message = sample();
  message.from_name = "Gemeente\rBcc: victim@example.org";
  expect_refused(message, "From name", "victim");
  message = sample();
  message.to_address = "bewoner@example.nl\r\nBcc: victim@example.org";
  expect_refused(message, "To address", "victim");
  message = sample();
  message.from_address = "noreply@gemeente.example\nBcc: victim@example.org";
  expect_refused(message, "From address", "victim");
  message = sample();
  message.language = "nl\r\nBcc: victim@example.org";
  expect_refused(message, "Content-Language", "victim");
  EXPECT_THROW(to_rfc5322(sample(), 0, "a\r\nBcc: v@x.nl", "x.example"), std::invalid_argument);
  EXPECT_THROW(to_rfc5322(sample(), 0, "a", "x.example\r\nBcc: v@x.nl"), std::invalid_argument);
}

TEST(ToRfc5322, AcceptsPlainAddresses) {
  for (const char* address : {"a@b", "anna.de.boer@gemeente.example", "o'brien+zorg@wijk-noord.example.nl",
                              "x_y-z@sub.domain.example", "1234@192.example"}) {
    MailMessage message = sample();
    message.to_address = address;
    EXPECT_EQ(field(render(message), "To"), address);
  }
}

TEST(ToRfc5322, RefusesAddressesThatAreNotPlain) {
  for (const char* address : {"",
                              "anna",
                              "anna@",
                              "@example.nl",
                              "anna de boer@example.nl",
                              "<anna@example.nl>",
                              "Anna <anna@example.nl>",
                              "anna@example.nl>",
                              "anna@@example.nl",
                              "anna..boer@example.nl",
                              ".anna@example.nl",
                              "anna.@example.nl",
                              "anna@example..nl",
                              "anna@-example.nl",
                              "anna@example.nl.",
                              "\"anna\"@example.nl",
                              "anna@[192.0.2.1]",
                              "ännä@example.nl",
                              "anna@exämple.nl",
                              "anna,bob@example.nl",
                              "anna@example.nl,bob@example.nl"}) {
    MailMessage message = sample();
    message.to_address = address;
    EXPECT_THROW(render(message), std::invalid_argument) << address;
    message = sample();
    message.from_address = address;
    EXPECT_THROW(render(message), std::invalid_argument) << address;
  }
  MailMessage message = sample();
  message.to_address = std::string(65, 'a') + "@example.nl";
  EXPECT_THROW(render(message), std::invalid_argument);
}

TEST(ToRfc5322, RefusesTextThatIsNotUtf8) {
  MailMessage message = sample();
  message.subject = "caf\xe9";
  expect_refused(message, "Subject", "caf");
  message = sample();
  message.body_text = "over\xc0\xaflong";
  EXPECT_THROW(render(message), std::invalid_argument);
  message = sample();
  message.from_name = "surrogate \xed\xa0\x80";
  EXPECT_THROW(render(message), std::invalid_argument);
}

TEST(ToRfc5322, LanguageTags) {
  for (const char* tag : {"nl", "ar", "tr", "uk", "en-GB", "zh-Hant-TW"}) {
    MailMessage message = sample();
    message.language = tag;
    EXPECT_EQ(field(render(message), "Content-Language"), tag);
  }
  for (const char* tag : {"", "n", "nl_NL", "nl-", "-nl", "nl NL", "12", "nl-verylongsubtag"}) {
    MailMessage message = sample();
    message.language = tag;
    EXPECT_THROW(render(message), std::invalid_argument) << tag;
  }
}

}  // namespace
}  // namespace gezicht::mail
