// Validation of a resident's self-referral, and reference codes.

#include "domain/referral.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

using Errors = std::vector<std::pair<std::string, std::string>>;  // field, message key

ReferralInput valid_input() {
  ReferralInput input;
  input.name = "Fatima el Amrani";
  input.phone = "06-12345678";
  input.email = "fatima@example.nl";
  input.postcode = "1234 AB";
  input.house_number = "12";
  input.question = "Ik wil graag hulp bij mijn post.";
  input.language = "nl";
  input.channel = "phone";
  return input;
}

// The errors validate_referral reports, or an empty list when it passes.
Errors errors_of(const ReferralInput& input) {
  try {
    validate_referral(input);
  } catch (const ValidationError& error) {
    Errors errors;
    for (const auto& e : error.errors()) errors.emplace_back(e.field, e.message_key);
    EXPECT_FALSE(errors.empty()) << "a ValidationError must name at least one field";
    return errors;
  }
  return {};
}

Errors one(const std::string& field, const std::string& key) { return {{field, key}}; }

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// ---------------------------------------------------------------- valid input

TEST(ValidateReferral, ValidInputPassesAndIsNormalised) {
  ReferralInput input;
  input.name = "  Fatima \t el   Amrani ";
  input.phone = " +31 (0)6 1234 5678 ";
  input.email = " fatima@example.nl ";
  input.postcode = " 1234 ab ";
  input.house_number = " 12a ";
  input.question = "\n  Ik zoek hulp.\nMet mijn buren.  \n";
  input.language = " ar ";
  input.channel = " home_visit ";
  input.trusted_person = true;

  const ValidReferral valid = validate_referral(input);
  EXPECT_EQ(valid.name, "Fatima el Amrani");
  EXPECT_EQ(valid.phone, "+31 (0)6 1234 5678");
  EXPECT_EQ(valid.email, "fatima@example.nl");
  EXPECT_EQ(valid.postcode, "1234AB");
  EXPECT_EQ(valid.house_number, "12A");
  EXPECT_EQ(valid.question, "Ik zoek hulp.\nMet mijn buren.");
  EXPECT_EQ(valid.language, "ar");
  EXPECT_EQ(valid.channel, "home_visit");
  EXPECT_TRUE(valid.trusted_person);
}

TEST(ValidateReferral, BaselineInputIsValid) {
  EXPECT_EQ(errors_of(valid_input()), Errors{});
  EXPECT_FALSE(validate_referral(valid_input()).trusted_person);
}

TEST(ValidateReferral, EmptyLanguageMeansDutch) {
  auto input = valid_input();
  input.language = "";
  EXPECT_EQ(validate_referral(input).language, "nl");
  input.language = "   ";
  EXPECT_EQ(validate_referral(input).language, "nl");
}

TEST(ValidateReferral, PhoneOrEmailAloneIsEnough) {
  auto phone_only = valid_input();
  phone_only.email = "";
  EXPECT_EQ(errors_of(phone_only), Errors{});
  auto email_only = valid_input();
  email_only.phone = "";
  email_only.channel = "home_visit";
  EXPECT_EQ(errors_of(email_only), Errors{});
}

// "Bel mij" without a number to call cannot be kept.
TEST(ValidateReferral, CallMeNeedsAPhoneNumber) {
  auto email_only = valid_input();
  email_only.phone = "";
  EXPECT_EQ(errors_of(email_only), one("phone", "phone.required_to_call"));
  email_only.channel = "walk_in";
  EXPECT_EQ(errors_of(email_only), Errors{});
  auto neither = valid_input();
  neither.phone = "";
  neither.email = "";
  EXPECT_EQ(errors_of(neither), one("contact", "contact.required")) << "one error for one missing thing";
}

TEST(ValidateReferral, EveryContactLanguageAndChannelIsAccepted) {
  for (const auto& language : contact_languages()) {
    auto input = valid_input();
    input.language = language;
    EXPECT_EQ(errors_of(input), Errors{}) << language;
  }
  for (const auto& channel : contact_channels()) {
    auto input = valid_input();
    input.channel = channel;
    EXPECT_EQ(errors_of(input), Errors{}) << channel;
  }
}

// ---------------------------------------------------------------- one error per field

TEST(ValidateReferral, NameRequired) {
  auto input = valid_input();
  input.name = "";
  EXPECT_EQ(errors_of(input), one("name", "name.required"));
  input.name = " \t\n ";
  EXPECT_EQ(errors_of(input), one("name", "name.required"));
}

TEST(ValidateReferral, NameTooLong) {
  auto input = valid_input();
  input.name = repeat("é", max_name_length);  // 200 code points, 400 bytes
  EXPECT_EQ(errors_of(input), Errors{});
  input.name = repeat("a", max_name_length + 1);
  EXPECT_EQ(errors_of(input), one("name", "name.invalid"));
}

TEST(ValidateReferral, ControlCharactersInNameAreRejected) {
  for (const std::string& bad :
       {std::string("Jan\x01 de Vries"), std::string("Jan\x1b[31m de Vries"), std::string("Jan de Vries\x7f"),
        std::string("Jan\0Vries", 9), std::string("Jan\x08\x08\x08Piet")}) {
    auto input = valid_input();
    input.name = bad;
    EXPECT_EQ(errors_of(input), one("name", "name.invalid")) << testing::PrintToString(bad);
  }
}

TEST(ValidateReferral, LineBreaksInNameAreFoldedIntoSpaces) {
  auto input = valid_input();
  input.name = "Jan\nde\tVries";
  EXPECT_EQ(validate_referral(input).name, "Jan de Vries");
}

TEST(ValidateReferral, InvalidUtf8IsRejected) {
  auto name = valid_input();
  name.name = "Jan \xC3 Vries";  // truncated two-byte sequence
  EXPECT_EQ(errors_of(name), one("name", "name.invalid"));
  auto question = valid_input();
  question.question = "Hulp \xff\xfe nodig";
  EXPECT_EQ(errors_of(question), one("question", "question.invalid"));
  auto overlong = valid_input();
  overlong.question = "Hulp \xC0\xBC nodig";  // overlong '<'
  EXPECT_EQ(errors_of(overlong), one("question", "question.invalid"));
}

TEST(ValidateReferral, ContactRequiredWhenPhoneAndEmailAreBothEmpty) {
  auto input = valid_input();
  input.phone = "";
  input.email = "";
  EXPECT_EQ(errors_of(input), one("contact", "contact.required"));
  input.phone = "   ";
  input.email = "\t";
  EXPECT_EQ(errors_of(input), one("contact", "contact.required"));
}

TEST(ValidateReferral, PhoneInvalid) {
  for (const char* bad : {"12345678", "abc", "06-1234567a", "+31+612345678", "1234567890123456", "06.12345678",
                          "06/12345678", "0612345678 ext", "++31612345678", "<script>"}) {
    auto input = valid_input();
    input.phone = bad;
    EXPECT_EQ(errors_of(input), one("phone", "phone.invalid")) << bad;
  }
  for (const char* good :
       {"0612345678", "06 1234 5678", "+31 6 12345678", "(020) 123 4567", "123456789", "123456789012345"}) {
    auto input = valid_input();
    input.phone = good;
    EXPECT_EQ(errors_of(input), Errors{}) << good;
  }
}

TEST(ValidateReferral, EmailInvalid) {
  for (const char* bad : {"fatima", "@example.nl", "fatima@", "fatima@example", "a@b@example.nl", "fatima@.nl",
                          "fatima@example.", "fatima @example.nl", "<fatima>@example.nl", "fatima@exa mple.nl"}) {
    auto input = valid_input();
    input.email = bad;
    EXPECT_EQ(errors_of(input), one("email", "email.invalid")) << bad;
  }
  auto too_long = valid_input();
  too_long.email = repeat("a", 250) + "@x.nl";  // 255 characters
  EXPECT_EQ(errors_of(too_long), one("email", "email.invalid"));
}

// A ValidReferral is "safe to store": like name and question, the e-mail
// address may hold no control characters or broken UTF-8. (The JSON API can
// deliver them: "\u0001" or "\u0000" in a string.) Regression test: the
// address used to be checked only for white space and angle brackets.
TEST(ValidateReferral, EmailWithControlCharactersOrBrokenUtf8IsRejected) {
  for (const std::string& bad : {std::string("fatima\x01@example.nl"), std::string("fatima\x7f@example.nl"),
                                 std::string("fatima\0@example.nl", 18), std::string("fati\xff\xfe@example.nl"),
                                 std::string("fatima@example.nl\x1b[2J")}) {
    auto input = valid_input();
    input.email = bad;
    EXPECT_EQ(errors_of(input), one("email", "email.invalid")) << testing::PrintToString(bad);
  }
}

TEST(ValidateReferral, PostcodeRequiredAndInvalid) {
  auto input = valid_input();
  input.postcode = "";
  EXPECT_EQ(errors_of(input), one("postcode", "postcode.required"));
  input.postcode = "  ";
  EXPECT_EQ(errors_of(input), one("postcode", "postcode.required"));
  for (const char* bad : {"0123AB", "1234SS", "12345", "<script>"}) {
    input.postcode = bad;
    EXPECT_EQ(errors_of(input), one("postcode", "postcode.invalid")) << bad;
  }
}

TEST(ValidateReferral, HouseNumberRequiredAndInvalid) {
  auto input = valid_input();
  input.house_number = "";
  EXPECT_EQ(errors_of(input), one("house_number", "house_number.required"));
  input.house_number = " ";
  EXPECT_EQ(errors_of(input), one("house_number", "house_number.required"));
  input.house_number = "abc";
  EXPECT_EQ(errors_of(input), one("house_number", "house_number.invalid"));
}

TEST(ValidateReferral, QuestionRequired) {
  auto input = valid_input();
  input.question = "";
  EXPECT_EQ(errors_of(input), one("question", "question.required"));
  input.question = "\n\n \t";
  EXPECT_EQ(errors_of(input), one("question", "question.required"));
}

TEST(ValidateReferral, QuestionLengthCountsCodePointsNotBytes) {
  auto input = valid_input();
  input.question = repeat("a", max_question_length);
  EXPECT_EQ(errors_of(input), Errors{});
  input.question = repeat("a", max_question_length + 1);
  EXPECT_EQ(errors_of(input), one("question", "question.too_long"));
  // 4000 multi-byte characters (8000, 12000 and 16000 bytes) pass.
  for (const char* piece : {"é", "€", "😀"}) {
    input.question = repeat(piece, max_question_length);
    EXPECT_EQ(errors_of(input), Errors{}) << piece;
    input.question = repeat(piece, max_question_length + 1);
    EXPECT_EQ(errors_of(input), one("question", "question.too_long")) << piece;
  }
}

TEST(ValidateReferral, LineBreaksAndTabsInQuestionAreKept) {
  auto input = valid_input();
  input.question = "Regel een\nregel twee\r\nregel\tdrie";
  EXPECT_EQ(validate_referral(input).question, "Regel een\nregel twee\r\nregel\tdrie");
}

TEST(ValidateReferral, OtherControlCharactersInQuestionAreRejected) {
  for (const std::string& bad : {std::string("Hulp\x07nodig"), std::string("Hulp\x1b[2Jnodig"),
                                 std::string("Hulp\x7fnodig"), std::string("Hulp\0nodig", 10)}) {
    auto input = valid_input();
    input.question = bad;
    EXPECT_EQ(errors_of(input), one("question", "question.invalid")) << testing::PrintToString(bad);
  }
}

TEST(ValidateReferral, LanguageInvalid) {
  for (const char* bad : {"xx", "de", "NL", "nederlands", "n l"}) {
    auto input = valid_input();
    input.language = bad;
    EXPECT_EQ(errors_of(input), one("language", "language.invalid")) << bad;
  }
}

TEST(ValidateReferral, ChannelRequiredAndInvalid) {
  auto input = valid_input();
  input.channel = "";
  EXPECT_EQ(errors_of(input), one("channel", "channel.required"));
  for (const char* bad : {"email", "Phone", "home visit", "carrier_pigeon"}) {
    input.channel = bad;
    EXPECT_EQ(errors_of(input), one("channel", "channel.invalid")) << bad;
  }
}

// ---------------------------------------------------------------- several at once

TEST(ValidateReferral, EveryEmptyFieldIsReportedAtOnce) {
  const Errors expected{{"name", "name.required"},         {"contact", "contact.required"},
                        {"postcode", "postcode.required"}, {"house_number", "house_number.required"},
                        {"question", "question.required"}, {"channel", "channel.required"}};
  EXPECT_EQ(errors_of(ReferralInput{}), expected);
}

TEST(ValidateReferral, SeveralInvalidFieldsAreAllReported) {
  ReferralInput input;
  input.name = "Jan\x01";
  input.phone = "123";
  input.email = "no-at-sign";
  input.postcode = "0000AA";
  input.house_number = "x";
  input.question = repeat("?", max_question_length + 1);
  input.language = "klingon";
  input.channel = "fax";
  const Errors expected{{"name", "name.invalid"},
                        {"phone", "phone.invalid"},
                        {"email", "email.invalid"},
                        {"postcode", "postcode.invalid"},
                        {"house_number", "house_number.invalid"},
                        {"question", "question.too_long"},
                        {"language", "language.invalid"},
                        {"channel", "channel.invalid"}};
  EXPECT_EQ(errors_of(input), expected);
}

TEST(ValidateReferral, ErrorMessageNamesTheFields) {
  auto input = valid_input();
  input.postcode = "nope";
  input.channel = "fax";
  try {
    validate_referral(input);
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("postcode (postcode.invalid)"), std::string::npos) << what;
    EXPECT_NE(what.find("channel (channel.invalid)"), std::string::npos) << what;
  }
}

// ---------------------------------------------------------------- lists

TEST(ContactLanguages, DutchFirstNoDuplicatesLowerCaseCodes) {
  const auto& languages = contact_languages();
  ASSERT_FALSE(languages.empty());
  EXPECT_EQ(languages.front(), "nl");
  EXPECT_NE(std::find(languages.begin(), languages.end(), "en"), languages.end());
  EXPECT_EQ(std::set<std::string>(languages.begin(), languages.end()).size(), languages.size());
  for (const auto& code : languages) {
    EXPECT_TRUE(code.size() == 2 || code.size() == 3) << code;
    EXPECT_TRUE(std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; })) << code;
  }
  EXPECT_EQ(&contact_languages(), &languages) << "the list is built once";
}

TEST(ContactChannels, TheThreeWays) {
  EXPECT_EQ(contact_channels(), (std::vector<std::string>{"phone", "home_visit", "walk_in"}));
}

// ---------------------------------------------------------------- reference codes

constexpr std::string_view crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

TEST(Reference, FormatKnownBytes) {
  const unsigned char zero_to_seven[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(format_reference(zero_to_seven), "GZ-0123-4567");
  // Index 10 = A, 18 = J (I skipped), 20 = M (L skipped), 22 = P (O skipped),
  // 27 = V (U skipped), 28 = W, 29 = X, 30 = Y.
  const unsigned char letters[8] = {10, 18, 20, 22, 27, 28, 29, 30};
  EXPECT_EQ(format_reference(letters), "GZ-AJMP-VWXY");
  // Only the low five bits count: 31 and 255 are Z, 32 is 0, 63 is Z.
  const unsigned char wrap[8] = {31, 32, 255, 63, 64, 96, 128, 200};
  EXPECT_EQ(format_reference(wrap), "GZ-Z0ZZ-0008");
}

TEST(Reference, EveryByteGivesACrockfordCharacter) {
  for (int value = 0; value < 256; ++value) {
    const auto b = static_cast<unsigned char>(value);
    const unsigned char bytes[8] = {b, b, b, b, b, b, b, b};
    const std::string code = format_reference(bytes);
    ASSERT_EQ(code.size(), 12u);
    EXPECT_EQ(code.substr(0, 3), "GZ-");
    EXPECT_EQ(code[7], '-');
    for (std::size_t i : {3, 4, 5, 6, 8, 9, 10, 11}) {
      EXPECT_NE(crockford.find(code[i]), std::string_view::npos) << code;
      EXPECT_EQ(code[i], crockford[value % 32]) << code;
    }
    // A formatted code is its own normal form.
    EXPECT_EQ(normalise_reference(code), std::optional<std::string>(code));
  }
}

TEST(Reference, NormaliseAcceptsWhatResidentsType) {
  EXPECT_EQ(normalise_reference("GZ-7K3M-Q9XD"), std::optional<std::string>("GZ-7K3M-Q9XD"));
  EXPECT_EQ(normalise_reference("gz-7k3m-q9xd"), std::optional<std::string>("GZ-7K3M-Q9XD"));
  EXPECT_EQ(normalise_reference("  gz 7k3m q9xd "), std::optional<std::string>("GZ-7K3M-Q9XD"));
  EXPECT_EQ(normalise_reference("GZ7K3MQ9XD"), std::optional<std::string>("GZ-7K3M-Q9XD"));
  // O is read as 0, I and L as 1.
  EXPECT_EQ(normalise_reference("GZ-OIL0-oil1"), std::optional<std::string>("GZ-0110-0111"));
}

TEST(Reference, NormaliseRejectsWrongLengthPrefixOrCharacters) {
  for (const char* bad :
       {"", "GZ", "GZ-7K3M-Q9X", "GZ-7K3M-Q9XDA", "GZ-7K3", "XX-7K3M-Q9XD", "G-7K3M-Q9XD", "ZG-7K3M-Q9XD", "7K3M-Q9XD",
        "GZ-7K3M-Q9XU", "GZ-7K3M-Q9X!", "GZ-7K3M-Q9X\xc3\xa9", "GZ_7K3M_Q9XD", "GZ-7K3M-Q9XDGZ", "GZ-7K3M-Q9XD0"}) {
    EXPECT_FALSE(normalise_reference(bad).has_value()) << '"' << bad << '"';
  }
}

}  // namespace
}  // namespace gezicht::domain
