// Two-factor login and the login throttle through AuthService, on both
// databases: enrolment, codes at login, replay, the enrolment-only session,
// the policy setting.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "backend.hpp"
#include "domain/validation_error.hpp"
#include "fixture.hpp"
#include "service/auth_service.hpp"
#include "service/errors.hpp"
#include "service/password.hpp"
#include "service/totp.hpp"
#include "service/totp_reseal.hpp"
#include "service/totp_secrets.hpp"
#include "storage/directory_repository.hpp"
#include "storage/settings_keys.hpp"
#include "storage/user_repository.hpp"

namespace gezicht {
namespace {

using service::LoginStatus;
using testing::SmallMunicipality;

const std::string& shared_hash() {
  static const std::string hash = service::hash_password(SmallMunicipality::password);
  return hash;
}

class TwoFactorTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    town = testing::load_small_municipality(db(), shared_hash());
    require_two_factor(true);
  }

  void require_two_factor(bool on) {
    storage::DirectoryRepository(db()).set_setting(storage::settings_keys::two_factor_required, on ? "1" : "0");
  }

  service::LoginOutcome login(const std::string& username, const std::string& password, const std::string& code = "",
                              const std::string& address = "192.0.2.1") {
    return auth.login(db(), {username, password, code, address, ""});
  }

  // Enrols anna: returns her secret.
  std::string enrol_anna() {
    auto first = login("anna", SmallMunicipality::password);
    EXPECT_EQ(first.status, LoginStatus::ok);
    const auto enrolment = auth.start_two_factor(db(), first.result->actor, false);
    auth.confirm_two_factor(db(), first.result->actor, service::totp::code_at(enrolment.secret, clock.now()));
    return enrolment.secret;
  }

  service::ManualClock clock{1'800'000'000};  // 2027-01-15, at the start of a 30-second step
  service::SodiumRandom random;
  service::AuthService auth{clock, random};
  SmallMunicipality town;
};

TEST_P(TwoFactorTest, WithoutASecondFactorTheSessionMayOnlyEnrol) {
  auto outcome = login("anna", SmallMunicipality::password);
  ASSERT_EQ(outcome.status, LoginStatus::ok);
  EXPECT_TRUE(outcome.result->actor.two_factor_enrolment_only);
  auto actor = auth.authenticate(db(), outcome.result->session_token);
  ASSERT_TRUE(actor);
  EXPECT_TRUE(actor->two_factor_enrolment_only);
  EXPECT_FALSE(auth.two_factor_enabled(db(), *actor));

  const auto started = auth.start_two_factor(db(), *actor, true);
  EXPECT_EQ(started.secret.size(), 32u);
  EXPECT_TRUE(started.uri.starts_with("otpauth://totp/Gemeente%20Proef:anna?secret=" + started.secret));
  EXPECT_EQ(auth.start_two_factor(db(), *actor, true).secret, started.secret) << "keep_pending shows it again";
  const auto restarted = auth.start_two_factor(db(), *actor, false);
  EXPECT_NE(restarted.secret, started.secret);

  try {
    auth.confirm_two_factor(db(), *actor, service::totp::code_at(started.secret, clock.now()));
    FAIL() << "the replaced secret's code must not confirm";
  } catch (const domain::ValidationError& error) {
    EXPECT_EQ(error.errors().front().field, "code");
    EXPECT_EQ(error.errors().front().message_key, "two_factor.code_invalid");
  }
  const std::string code = service::totp::code_at(restarted.secret, clock.now());
  auth.confirm_two_factor(db(), *actor, code.substr(0, 3) + " " + code.substr(3));  // as typed
  EXPECT_TRUE(auth.two_factor_enabled(db(), *actor));
  // The same session is now a full one.
  actor = auth.authenticate(db(), outcome.result->session_token);
  ASSERT_TRUE(actor);
  EXPECT_FALSE(actor->two_factor_enrolment_only);
  EXPECT_THROW(auth.start_two_factor(db(), *actor, true), service::Conflict);
  EXPECT_THROW(auth.confirm_two_factor(db(), *actor, code), service::Conflict);
}

TEST_P(TwoFactorTest, ConfirmingWithoutStartingIsAConflict) {
  auto outcome = login("bilal", SmallMunicipality::password);
  ASSERT_EQ(outcome.status, LoginStatus::ok);
  EXPECT_THROW(auth.confirm_two_factor(db(), outcome.result->actor, "123456"), service::Conflict);
}

TEST_P(TwoFactorTest, LoginNeedsTheCodeOnceEnrolled) {
  const std::string secret = enrol_anna();
  clock.advance(30);
  // The right password without the code answers like a wrong password: the
  // answer never tells that the password alone was right.
  EXPECT_EQ(login("anna", SmallMunicipality::password).status, LoginStatus::failed);
  // A wrong password says nothing about the code, with or without one.
  EXPECT_EQ(login("anna", "wrong password!").status, LoginStatus::failed);
  EXPECT_EQ(login("anna", "wrong password!", service::totp::code_at(secret, clock.now())).status, LoginStatus::failed);
  const std::string right = service::totp::code_at(secret, clock.now());
  const std::string wrong = right == "000000" ? "000001" : "000000";
  EXPECT_EQ(login("anna", SmallMunicipality::password, wrong).status, LoginStatus::failed);

  auto in = login("anna", SmallMunicipality::password, right);
  ASSERT_EQ(in.status, LoginStatus::ok);
  EXPECT_FALSE(in.result->actor.two_factor_enrolment_only);
  EXPECT_EQ(login("anna", SmallMunicipality::password, right).status, LoginStatus::failed) << "a replayed code";
  clock.advance(10);
  EXPECT_EQ(login("anna", SmallMunicipality::password, right).status, LoginStatus::failed) << "same step, later";
  clock.advance(20);
  EXPECT_EQ(login("anna", SmallMunicipality::password, service::totp::code_at(secret, clock.now())).status,
            LoginStatus::ok);
}

TEST_P(TwoFactorTest, TheCodeOfTheEnrolmentCannotBeUsedToLogIn) {
  const std::string secret = enrol_anna();
  EXPECT_EQ(login("anna", SmallMunicipality::password, service::totp::code_at(secret, clock.now())).status,
            LoginStatus::failed);
}

TEST_P(TwoFactorTest, PolicyOffOrMissing) {
  require_two_factor(false);
  auto outcome = login("chris", SmallMunicipality::password);
  ASSERT_EQ(outcome.status, LoginStatus::ok);
  EXPECT_FALSE(outcome.result->actor.two_factor_enrolment_only);
  // Switched on later: the open session is held to it at its next request.
  require_two_factor(true);
  EXPECT_TRUE(auth.authenticate(db(), outcome.result->session_token)->two_factor_enrolment_only);
  storage::exec(db(), "DELETE FROM settings WHERE key = ?", std::string(storage::settings_keys::two_factor_required));
  EXPECT_TRUE(service::AuthService::two_factor_required(db())) << "missing means required";
  // An enrolled account needs its code whatever the policy.
  const std::string secret = enrol_anna();
  require_two_factor(false);
  clock.advance(30);
  EXPECT_EQ(login("anna", SmallMunicipality::password).status, LoginStatus::failed);
  EXPECT_EQ(login("anna", SmallMunicipality::password, service::totp::code_at(secret, clock.now())).status,
            LoginStatus::ok);
}

// Residents log in on their own page (a code by e-mail, or DigiD): the
// staff's password form refuses them like a wrong password, and their
// sessions are not held to the staff's second-factor policy.
TEST_P(TwoFactorTest, ResidentsUseTheirOwnLoginAndAreNotHeldToThePolicy) {
  storage::exec(db(),
                "INSERT INTO users (id, username, password_hash, name, role, created_at) "
                "VALUES (90, 'bewoner', ?, 'Rita Bewoner', 'resident', '2026-01-01T00:00:00Z')",
                shared_hash());
  EXPECT_EQ(login("bewoner", SmallMunicipality::password).status, LoginStatus::failed);
  const auto user = storage::UserRepository(db()).find_by_id(90);
  ASSERT_TRUE(user.has_value());
  storage::Transaction transaction(db());
  const auto result = auth.start_session(db(), *user, domain::Assurance::email_code, "");
  transaction.commit();
  EXPECT_FALSE(result.actor.two_factor_enrolment_only);
  const auto again = auth.authenticate(db(), result.session_token);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->two_factor_enrolment_only);
  EXPECT_EQ(again->assurance, domain::Assurance::email_code);
}

TEST_P(TwoFactorTest, ThrottledAttemptsAreRefusedBeforeThePasswordIsChecked) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("dana", "wrong password!").status, LoginStatus::failed);
  auto refused = login("dana", SmallMunicipality::password, "", "198.51.100.9");
  EXPECT_EQ(refused.status, LoginStatus::throttled) << "even with the right password, from elsewhere";
  EXPECT_EQ(refused.retry_after_seconds, 15 * 60);
  EXPECT_EQ(login("lead.b", SmallMunicipality::password).status, LoginStatus::ok) << "other accounts still may";
  clock.advance(15 * 60);
  EXPECT_EQ(login("dana", SmallMunicipality::password).status, LoginStatus::ok);
  // The success cleared dana's count: four more failures do not lock her out.
  for (int i = 0; i < 4; ++i) login("dana", "wrong password!", "", "198.51.100.10");
  EXPECT_EQ(login("dana", SmallMunicipality::password, "", "198.51.100.10").status, LoginStatus::ok);
}

TEST_P(TwoFactorTest, WrongCodesCountTowardsTheThrottle) {
  const std::string secret = enrol_anna();
  clock.advance(30);
  const std::string right = service::totp::code_at(secret, clock.now());
  const std::string wrong = right == "000000" ? "000001" : "000000";
  for (int i = 0; i < 5; ++i) login("anna", SmallMunicipality::password, wrong);
  EXPECT_EQ(login("anna", SmallMunicipality::password, right).status, LoginStatus::throttled);
}

service::TotpSecretBox::Key key_of(unsigned char fill) {
  service::TotpSecretBox::Key key{};
  key.fill(fill);
  return key;
}

std::string stored_secret(storage::Connection& connection, const std::string& username) {
  auto row = storage::query(connection, "SELECT totp_secret FROM users WHERE username = ?", username);
  row->step();
  return row->text(0);
}

// Encrypted at rest: the database holds the secret sealed, never as it is.
TEST_P(TwoFactorTest, SecretsAreSealedWithTheKeyAndOpenOnlyWithIt) {
  auth.use_totp_secrets(service::TotpSecretBox(key_of(1), {}));
  const std::string secret = enrol_anna();
  const auto stored = stored_secret(db(), "anna");
  EXPECT_TRUE(stored.starts_with("sb1:")) << stored;
  EXPECT_EQ(stored.find(secret), std::string::npos);
  clock.advance(30);
  EXPECT_EQ(login("anna", SmallMunicipality::password, service::totp::code_at(secret, clock.now())).status,
            LoginStatus::ok);
  // A server without the key (or with another) cannot use it, and says why.
  service::AuthService other_key{clock, random};
  other_key.use_totp_secrets(service::TotpSecretBox(key_of(2), {}));
  clock.advance(30);
  EXPECT_THROW(other_key.login(db(), {"anna", SmallMunicipality::password, service::totp::code_at(secret, clock.now()),
                                      "192.0.2.1", ""}),
               service::TotpKeyError);
  // A changed value does not open.
  const service::TotpSecretBox box(key_of(1), {});
  auto changed = stored;
  changed[changed.size() - 3] = changed[changed.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_THROW(box.open(changed), service::TotpKeyError);
  EXPECT_EQ(box.open(stored), secret);
}

// First encryption of secrets stored before, then a rotation to a new key.
TEST_P(TwoFactorTest, SealingEncryptsOldSecretsAndRotatesTheKey) {
  const std::string secret = enrol_anna();  // stored as it is: no key yet
  EXPECT_EQ(stored_secret(db(), "anna"), secret);
  const auto first = service::reseal_totp_secrets(db(), service::TotpSecretBox(key_of(1), {}));
  EXPECT_EQ(first.sealed, 1);
  EXPECT_EQ(first.already, 0);
  EXPECT_TRUE(stored_secret(db(), "anna").starts_with("sb1:"));
  // A rotation without the old key cannot open what it sealed: nothing changes.
  const auto before = stored_secret(db(), "anna");
  EXPECT_THROW(service::reseal_totp_secrets(db(), service::TotpSecretBox(key_of(2), {})), service::TotpKeyError);
  EXPECT_EQ(stored_secret(db(), "anna"), before);
  // With the old key beside the new one, every secret moves to the new key.
  const auto rotated = service::reseal_totp_secrets(db(), service::TotpSecretBox(key_of(2), {key_of(1)}));
  EXPECT_EQ(rotated.sealed, 1);
  EXPECT_EQ(service::reseal_totp_secrets(db(), service::TotpSecretBox(key_of(2), {})).already, 1);
  auth.use_totp_secrets(service::TotpSecretBox(key_of(2), {}));
  clock.advance(30);
  EXPECT_EQ(login("anna", SmallMunicipality::password, service::totp::code_at(secret, clock.now())).status,
            LoginStatus::ok)
      << "the new key alone opens it";
}

TEST(TotpKeyFileTest, ANewKeyFileIsReadBackAndNeverOverwritten) {
  const auto dir = std::filesystem::temp_directory_path() / ("gezicht-totp-key-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto key = (dir / "totp.key").string();
  service::write_totp_key_file(key);
  EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const auto box = service::TotpSecretBox::from_files(key, {});
  EXPECT_EQ(box.open(box.seal("JBSWY3DPEHPK3PXP")), "JBSWY3DPEHPK3PXP");
  EXPECT_THROW(service::write_totp_key_file(key), service::TotpKeyError);
  const auto bad = (dir / "bad.key").string();
  std::ofstream(bad) << "not a key\n";
  try {
    service::TotpSecretBox::from_files(key, {bad});
    ADD_FAILURE() << "a file without a key was read";
  } catch (const service::TotpKeyError& error) {
    EXPECT_NE(std::string(error.what()).find(bad), std::string::npos) << error.what();
  }
  std::filesystem::remove_all(dir);
}

GEZICHT_ON_BOTH_BACKENDS(TwoFactorTest);

}  // namespace
}  // namespace gezicht
