#include "storage/resident_repository.hpp"

#include "storage/user_repository.hpp"

namespace gezicht::storage {
namespace {

Value optional_id(const std::optional<std::int64_t>& id) { return id ? Value(*id) : Value(nullptr); }

constexpr const char* invitation_columns =
    "SELECT i.id, i.household_id, i.member_id, i.email, COALESCE(m.name, ''), i.created_at, i.expires_at, "
    "i.accepted_at FROM resident_invitations i LEFT JOIN household_members m ON m.id = i.member_id ";

InvitationRow read_invitation(const Statement& row) {
  return {row.int64(0), row.int64(1), row.optional_int64(2), row.text(3),
          row.text(4),  row.text(5),  row.text(6),           row.optional_text(7)};
}

constexpr const char* request_columns =
    "SELECT r.id, r.household_id, r.kind, r.words, r.agreement_id, COALESCE(b.purpose, ''), a.name, r.asked_at, "
    "w.name, r.answered_at, r.answer, h.postcode, h.house_number "
    "FROM resident_requests r JOIN users a ON a.id = r.asked_by LEFT JOIN users w ON w.id = r.answered_by "
    "JOIN households h ON h.id = r.household_id "
    "LEFT JOIN sharing_agreements s ON s.id = r.agreement_id LEFT JOIN legal_bases b ON b.id = s.legal_basis_id ";

std::vector<ResidentRequestRow> read_requests(Statement& rows) {
  std::vector<ResidentRequestRow> requests;
  while (rows.step()) {
    requests.push_back({rows.int64(0), rows.int64(1), rows.text(2), rows.text(3), rows.optional_int64(4), rows.text(5),
                        rows.text(6), rows.text(7), rows.optional_text(8), rows.optional_text(9),
                        rows.optional_text(10), rows.text(11), rows.text(12)});
  }
  return requests;
}

std::optional<UserRecord> one_user(Statement& row) {
  if (!row.step()) return std::nullopt;
  return UserRepository::read_user(row);
}

const std::string resident_columns = "SELECT " + std::string(UserRepository::user_select_list) +
                                     " FROM users u LEFT JOIN teams t ON t.id = u.team_id "
                                     "WHERE u.role = 'resident' AND ";

}  // namespace

void ResidentRepository::add_code(const std::string& email, const std::string& code_hash, const std::string& at,
                                  const std::string& expires_at) {
  exec(connection_, "INSERT INTO login_codes (email, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)", email,
       code_hash, at, expires_at);
}

int ResidentRepository::codes_since(const std::string& email, const std::string& since) {
  auto row = query(connection_, "SELECT COUNT(*) FROM login_codes WHERE email = ? AND created_at >= ?", email, since);
  row->step();
  return static_cast<int>(row->int64(0));
}

std::optional<LoginCodeRow> ResidentRepository::open_code(const std::string& email, const std::string& now) {
  auto row = query(connection_,
                   "SELECT id, code_hash, attempts FROM login_codes WHERE email = ? AND used_at IS NULL "
                   "AND expires_at > ? ORDER BY id DESC LIMIT 1",
                   email, now);
  if (!row->step()) return std::nullopt;
  return LoginCodeRow{row->int64(0), row->text(1), static_cast<int>(row->int64(2))};
}

bool ResidentRepository::count_attempt(std::int64_t code_id, int max_tries) {
  return exec(connection_, "UPDATE login_codes SET attempts = attempts + 1 WHERE id = ? AND attempts < ?", code_id,
              std::int64_t{max_tries}) == 1;
}

bool ResidentRepository::use_code(std::int64_t code_id, const std::string& at) {
  return exec(connection_, "UPDATE login_codes SET used_at = ? WHERE id = ? AND used_at IS NULL", at, code_id) == 1;
}

void ResidentRepository::delete_codes_before(const std::string& cutoff) {
  exec(connection_, "DELETE FROM login_codes WHERE expires_at < ?", cutoff);
}

std::optional<UserRecord> ResidentRepository::resident_by_email(const std::string& email) {
  return one_user(*query(connection_, resident_columns + "u.email = ?", email));
}

std::optional<UserRecord> ResidentRepository::resident_by_subject(const std::string& subject) {
  return one_user(*query(connection_, resident_columns + "u.oidc_subject = ?", subject));
}

std::int64_t ResidentRepository::add_resident(const std::string& email, const std::string& name,
                                              std::int64_t household_id, std::optional<std::int64_t> member_id,
                                              const std::string& at) {
  // The user name is the address: unique already, and never a password login
  // (the password hash is empty, which no password matches).
  auto row = query(connection_,
                   "INSERT INTO users (username, password_hash, name, role, languages, created_at, household_id, "
                   "email, member_id) VALUES (?, '', ?, 'resident', 'nl', ?, ?, ?, ?) RETURNING id",
                   email, name, at, household_id, email, optional_id(member_id));
  if (!row->step()) throw DatabaseError("INSERT INTO users returned no id");
  return row->int64(0);
}

bool ResidentRepository::set_subject(std::int64_t user_id, const std::string& subject) {
  return exec(connection_,
              "UPDATE users SET oidc_subject = ? WHERE id = ? AND role = 'resident' AND oidc_subject IS NULL", subject,
              user_id) == 1;
}

bool ResidentRepository::email_in_other_household(const std::string& email, std::int64_t household_id) {
  return query(connection_,
               "SELECT 1 FROM users WHERE email = ? AND role = 'resident' AND (household_id IS NULL OR household_id <> "
               "?)",
               email, household_id)
      ->step();
}

std::optional<std::string> ResidentRepository::email_of(std::int64_t user_id) {
  auto row = query(connection_, "SELECT email FROM users WHERE id = ?", user_id);
  if (!row->step()) return std::nullopt;
  return row->optional_text(0);
}

std::vector<std::string> ResidentRepository::resident_emails(std::int64_t household_id) {
  auto rows = query(connection_,
                    "SELECT email FROM users WHERE household_id = ? AND role = 'resident' AND active = 1 "
                    "AND email IS NOT NULL ORDER BY id",
                    household_id);
  std::vector<std::string> emails;
  while (rows->step()) emails.push_back(rows->text(0));
  return emails;
}

std::int64_t ResidentRepository::add_invitation(const std::string& token_hash, std::int64_t household_id,
                                                std::optional<std::int64_t> member_id, const std::string& email,
                                                std::optional<std::int64_t> invited_by, const std::string& at,
                                                const std::string& expires_at) {
  auto row = query(connection_,
                   "INSERT INTO resident_invitations (token_hash, household_id, member_id, email, invited_by, "
                   "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   token_hash, household_id, optional_id(member_id), email, optional_id(invited_by), at, expires_at);
  if (!row->step()) throw DatabaseError("INSERT INTO resident_invitations returned no id");
  return row->int64(0);
}

std::optional<InvitationRow> ResidentRepository::invitation_by_token(const std::string& token_hash) {
  auto row = query(connection_, std::string(invitation_columns) + "WHERE i.token_hash = ?", token_hash);
  if (!row->step()) return std::nullopt;
  return read_invitation(*row);
}

std::optional<InvitationRow> ResidentRepository::open_invitation(const std::string& email, const std::string& now) {
  auto row = query(connection_,
                   std::string(invitation_columns) +
                       "WHERE i.email = ? AND i.accepted_at IS NULL AND i.expires_at > ? ORDER BY i.id DESC LIMIT 1",
                   email, now);
  if (!row->step()) return std::nullopt;
  return read_invitation(*row);
}

bool ResidentRepository::accept_invitation(std::int64_t id, std::int64_t user_id, const std::string& at) {
  return exec(connection_,
              "UPDATE resident_invitations SET accepted_at = ?, accepted_by = ? WHERE id = ? AND accepted_at IS NULL",
              at, user_id, id) == 1;
}

std::vector<InvitationRow> ResidentRepository::invitations_of(std::int64_t household_id) {
  auto rows =
      query(connection_, std::string(invitation_columns) + "WHERE i.household_id = ? ORDER BY i.id DESC", household_id);
  std::vector<InvitationRow> invitations;
  while (rows->step()) invitations.push_back(read_invitation(*rows));
  return invitations;
}

void ResidentRepository::add_oidc_login(const std::string& state_hash, const OidcLoginRow& login) {
  exec(connection_,
       "INSERT INTO oidc_logins (state_hash, nonce, code_verifier, invitation_hash, user_id, created_at) "
       "VALUES (?, ?, ?, ?, ?, ?)",
       state_hash, login.nonce, login.code_verifier, login.invitation_hash, optional_id(login.user_id),
       login.created_at);
}

std::optional<OidcLoginRow> ResidentRepository::take_oidc_login(const std::string& state_hash) {
  auto row = query(connection_,
                   "DELETE FROM oidc_logins WHERE state_hash = ? "
                   "RETURNING nonce, code_verifier, invitation_hash, user_id, created_at",
                   state_hash);
  if (!row->step()) return std::nullopt;
  return OidcLoginRow{row->text(0), row->text(1), row->text(2), row->optional_int64(3), row->text(4)};
}

void ResidentRepository::delete_oidc_logins_before(const std::string& cutoff) {
  exec(connection_, "DELETE FROM oidc_logins WHERE created_at < ?", cutoff);
}

std::int64_t ResidentRepository::add_request(std::int64_t household_id, const std::string& kind,
                                             const std::string& words, std::optional<std::int64_t> agreement_id,
                                             std::int64_t asked_by, const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO resident_requests (household_id, kind, words, agreement_id, asked_by, asked_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                   household_id, kind, words, optional_id(agreement_id), asked_by, at);
  if (!row->step()) throw DatabaseError("INSERT INTO resident_requests returned no id");
  return row->int64(0);
}

std::unique_ptr<Statement> ResidentRepository::query_requests_of(std::int64_t household_id) {
  return query(connection_, std::string(request_columns) + "WHERE r.household_id = ? ORDER BY r.id DESC", household_id);
}

std::vector<ResidentRequestRow> ResidentRepository::read_requests_of(Statement& rows) { return read_requests(rows); }

std::vector<ResidentRequestRow> ResidentRepository::requests_of(std::int64_t household_id) {
  return read_requests_of(*query_requests_of(household_id));
}

std::optional<ResidentRequestRow> ResidentRepository::request(std::int64_t id) {
  auto rows = read_requests(*query(connection_, std::string(request_columns) + "WHERE r.id = ?", id));
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<ResidentRequestRow> ResidentRepository::open_for_contact(std::int64_t user_id) {
  return read_requests(*query(connection_,
                              std::string(request_columns) +
                                  "WHERE r.answered_at IS NULL AND r.kind = 'what_matters_correction' "
                                  "AND h.fixed_contact_id = ? ORDER BY r.id",
                              user_id));
}

std::vector<ResidentRequestRow> ResidentRepository::open_for_team(std::int64_t team_id) {
  return read_requests(*query(connection_,
                              std::string(request_columns) +
                                  "JOIN users c ON c.id = h.fixed_contact_id "
                                  "WHERE r.answered_at IS NULL AND r.kind <> 'what_matters_correction' "
                                  "AND c.team_id = ? ORDER BY r.id",
                              team_id));
}

bool ResidentRepository::answer_request(std::int64_t id, std::int64_t by, const std::string& at,
                                        const std::string& answer) {
  return exec(connection_,
              "UPDATE resident_requests SET answered_by = ?, answered_at = ?, answer = ? "
              "WHERE id = ? AND answered_at IS NULL",
              by, at, answer, id) == 1;
}

bool ResidentRepository::confirm_what_matters(std::int64_t household_id, const std::string& date) {
  return exec(connection_,
              "UPDATE what_matters SET confirmed_on = ? WHERE id = (SELECT MAX(id) FROM what_matters "
              "WHERE household_id = ?)",
              date, household_id) == 1;
}

}  // namespace gezicht::storage
