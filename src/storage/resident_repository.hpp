#pragma once
// The resident portal's rows (migration 019): login codes, invitations,
// resident accounts by e-mail or DigiD subject, DigiD logins in progress, and
// what residents ask of the team.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage {

struct LoginCodeRow {
  std::int64_t id = 0;
  std::string code_hash;
  int attempts = 0;
};

struct InvitationRow {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::optional<std::int64_t> member_id;
  std::string email;
  std::string member_name;  // empty without a member
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> accepted_at;
};

struct ResidentRequestRow {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::string kind;  // domain::ResidentRequestKind
  std::string words;
  std::optional<std::int64_t> agreement_id;
  std::string agreement_purpose;  // for an objection: what the share is for
  std::string asked_by_name;
  std::string asked_at;
  std::optional<std::string> answered_by_name;
  std::optional<std::string> answered_at;
  std::optional<std::string> answer;
  // For the inbox: the address of the household the request is about.
  std::string postcode;
  std::string house_number;
};

struct OidcLoginRow {
  std::string nonce;
  std::string code_verifier;
  std::string invitation_hash;          // empty without an invitation
  std::optional<std::int64_t> user_id;  // an e-mail code session adding DigiD to its account
  std::string created_at;
};

class ResidentRepository {
 public:
  explicit ResidentRepository(Connection& connection) : connection_(connection) {}

  // Login codes.
  void add_code(const std::string& email, const std::string& code_hash, const std::string& at,
                const std::string& expires_at);
  int codes_since(const std::string& email, const std::string& since);
  // The newest code for the address that is unused and not expired.
  std::optional<LoginCodeRow> open_code(const std::string& email, const std::string& now);
  // False when the code had its tries already (also by parallel guesses).
  bool count_attempt(std::int64_t code_id, int max_tries);
  // False when it was used meanwhile (a parallel login).
  bool use_code(std::int64_t code_id, const std::string& at);
  // Codes expired before the cut-off: they are of no use and name an address.
  void delete_codes_before(const std::string& cutoff);

  // Resident accounts.
  std::optional<UserRecord> resident_by_email(const std::string& email);
  std::optional<UserRecord> resident_by_subject(const std::string& subject);
  std::int64_t add_resident(const std::string& email, const std::string& name, std::int64_t household_id,
                            std::optional<std::int64_t> member_id, const std::string& at);
  // Binds a DigiD subject to an account that has none; false otherwise.
  bool set_subject(std::int64_t user_id, const std::string& subject);
  std::optional<std::string> email_of(std::int64_t user_id);
  // A resident's e-mail address per account of the household, for mail.
  std::vector<std::string> resident_emails(std::int64_t household_id);

  // Invitations.
  std::int64_t add_invitation(const std::string& token_hash, std::int64_t household_id,
                              std::optional<std::int64_t> member_id, const std::string& email,
                              std::optional<std::int64_t> invited_by, const std::string& at,
                              const std::string& expires_at);
  std::optional<InvitationRow> invitation_by_token(const std::string& token_hash);
  // An account of this address in another household than `household_id`.
  bool email_in_other_household(const std::string& email, std::int64_t household_id);
  // The newest open invitation for an address.
  std::optional<InvitationRow> open_invitation(const std::string& email, const std::string& now);
  bool accept_invitation(std::int64_t id, std::int64_t user_id, const std::string& at);
  std::vector<InvitationRow> invitations_of(std::int64_t household_id);

  // DigiD logins in progress.
  void add_oidc_login(const std::string& state_hash, const OidcLoginRow& login);
  // Read and removed at once: a state is answered once.
  std::optional<OidcLoginRow> take_oidc_login(const std::string& state_hash);
  void delete_oidc_logins_before(const std::string& cutoff);

  // Requests to the team.
  std::int64_t add_request(std::int64_t household_id, const std::string& kind, const std::string& words,
                           std::optional<std::int64_t> agreement_id, std::int64_t asked_by, const std::string& at);
  std::vector<ResidentRequestRow> requests_of(std::int64_t household_id);
  // The same in two steps, to run with other statements (run_together).
  std::unique_ptr<Statement> query_requests_of(std::int64_t household_id);
  static std::vector<ResidentRequestRow> read_requests_of(Statement& rows);
  std::optional<ResidentRequestRow> request(std::int64_t id);
  // Open corrections of the households whose fixed contact this is.
  std::vector<ResidentRequestRow> open_for_contact(std::int64_t user_id);
  // Open requests for another contact and objections in the households whose
  // fixed contact is in this team.
  std::vector<ResidentRequestRow> open_for_team(std::int64_t team_id);
  // The newest words of what matters, confirmed on `date`; false when there are none.
  bool confirm_what_matters(std::int64_t household_id, const std::string& date);
  bool answer_request(std::int64_t id, std::int64_t by, const std::string& at, const std::string& answer);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
