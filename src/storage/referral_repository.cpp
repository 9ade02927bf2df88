#include "storage/referral_repository.hpp"

namespace gezicht::storage {
namespace {

constexpr const char* referral_columns =
    "SELECT r.id, r.reference, r.household_id, r.team_id, r.contact_id, u.name, r.name, r.phone, r.email, "
    "r.postcode, r.house_number, r.question, r.language, r.channel, r.trusted_person, r.assignment_reason, "
    "r.created_at, r.promised_by, r.first_contact_at, r.first_contact_channel, r.arrived_via "
    "FROM referrals r JOIN users u ON u.id = r.contact_id ";

ReferralRecord read_referral(const Statement& row) {
  ReferralRecord record;
  record.id = row.int64(0);
  record.reference = row.text(1);
  record.household_id = row.optional_int64(2);
  record.team_id = row.int64(3);
  record.contact_id = row.int64(4);
  record.contact_name = row.text(5);
  record.name = row.text(6);
  record.phone = row.text(7);
  record.email = row.text(8);
  record.postcode = row.text(9);
  record.house_number = row.text(10);
  record.question = row.text(11);
  record.language = row.text(12);
  record.channel = row.text(13);
  record.trusted_person = row.int64(14) != 0;
  record.assignment_reason = row.text(15);
  record.created_at = row.text(16);
  record.promised_by = row.text(17);
  record.first_contact_at = row.optional_text(18);
  record.first_contact_channel = row.optional_text(19);
  record.arrived_via = row.text(20);
  return record;
}

std::vector<ReferralRecord> read_all(Statement& rows) {
  std::vector<ReferralRecord> records;
  while (rows.step()) records.push_back(read_referral(rows));
  return records;
}

}  // namespace

std::optional<HouseholdRecord> ReferralRepository::find_household(const std::string& postcode,
                                                                  const std::string& house_number) {
  auto row = query(connection_,
                   "SELECT id, postcode, house_number, fixed_contact_id FROM households "
                   "WHERE postcode = ? AND house_number = ?",
                   postcode, house_number);
  if (!row->step()) return std::nullopt;
  return HouseholdRecord{row->int64(0), row->text(1), row->text(2), row->optional_int64(3)};
}

std::int64_t ReferralRepository::create_household(const std::string& postcode, const std::string& house_number,
                                                  const std::string& created_at) {
  auto row =
      query(connection_, "INSERT INTO households (postcode, house_number, created_at) VALUES (?, ?, ?) RETURNING id",
            postcode, house_number, created_at);
  if (!row->step()) throw DatabaseError("INSERT INTO households returned no id");
  return row->int64(0);
}

bool ReferralRepository::is_active_professional(std::int64_t user_id) {
  auto row = query(connection_, "SELECT 1 FROM users WHERE id = ? AND active = 1 AND role = 'professional'", user_id);
  return row->step();
}

bool ReferralRepository::reference_exists(const std::string& reference) {
  return query(connection_, "SELECT 1 FROM referrals WHERE reference = ?", reference)->step();
}

std::int64_t ReferralRepository::insert(const NewReferral& r) {
  auto row = query(connection_,
                   "INSERT INTO referrals (reference, household_id, team_id, contact_id, name, phone, email, "
                   "postcode, house_number, question, language, channel, trusted_person, assignment_reason, "
                   "created_at, promised_by, follow_online) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "RETURNING id",
                   r.reference, r.household_id ? Value(*r.household_id) : Value(nullptr), r.team_id, r.contact_id,
                   r.name, r.phone, r.email, r.postcode, r.house_number, r.question, r.language, r.channel,
                   std::int64_t{r.trusted_person ? 1 : 0}, r.assignment_reason, r.created_at, r.promised_by,
                   std::int64_t{r.follow_online ? 1 : 0});
  if (!row->step()) throw DatabaseError("INSERT INTO referrals returned no id");
  const auto id = row->int64(0);
  if (r.background) {
    exec(connection_, "INSERT INTO referral_backgrounds (referral_id, background) VALUES (?, ?)", id, *r.background);
  }
  return id;
}

std::optional<ReferralRecord> ReferralRepository::find_by_reference(const std::string& reference) {
  auto row = query(connection_, std::string(referral_columns) + "WHERE r.reference = ?", reference);
  if (!row->step()) return std::nullopt;
  return read_referral(*row);
}

std::optional<ReferralRecord> ReferralRepository::find_by_id(std::int64_t id) {
  auto row = query(connection_, std::string(referral_columns) + "WHERE r.id = ?", id);
  if (!row->step()) return std::nullopt;
  return read_referral(*row);
}

bool ReferralRepository::claim_submission(const std::string& key_hash, const std::string& request_hash,
                                          const std::string& created_at) {
  return exec(connection_,
              "INSERT INTO referral_submissions (key_hash, request_hash, referral_id, created_at) "
              "VALUES (?, ?, NULL, ?) ON CONFLICT (key_hash) DO NOTHING",
              key_hash, request_hash, created_at) == 1;
}

std::optional<SubmissionRecord> ReferralRepository::submission(const std::string& key_hash) {
  auto row =
      query(connection_, "SELECT request_hash, referral_id, created_at FROM referral_submissions WHERE key_hash = ?",
            key_hash);
  if (!row->step()) return std::nullopt;
  return SubmissionRecord{row->text(0), row->optional_int64(1), row->text(2)};
}

void ReferralRepository::complete_submission(const std::string& key_hash, std::int64_t referral_id) {
  if (exec(connection_, "UPDATE referral_submissions SET referral_id = ? WHERE key_hash = ?", referral_id, key_hash) !=
      1) {
    throw DatabaseError("the submission key of referral " + std::to_string(referral_id) + " was not claimed");
  }
}

void ReferralRepository::forget_submissions_before(const std::string& before) {
  exec(connection_, "DELETE FROM referral_submissions WHERE created_at < ?", before);
}

std::vector<ReferralRecord> ReferralRepository::open_for_contact(std::int64_t contact_id) {
  auto rows = query(connection_,
                    std::string(referral_columns) +
                        "WHERE r.contact_id = ? AND r.first_contact_at IS NULL ORDER BY r.promised_by, r.created_at",
                    contact_id);
  return read_all(*rows);
}

std::vector<ReferralRecord> ReferralRepository::open_for_team(std::int64_t team_id) {
  auto rows = query(connection_,
                    std::string(referral_columns) +
                        "WHERE r.team_id = ? AND r.first_contact_at IS NULL ORDER BY r.promised_by, r.created_at",
                    team_id);
  return read_all(*rows);
}

std::vector<ReferralRecord> ReferralRepository::recently_contacted(std::int64_t contact_id, int limit) {
  auto rows = query(connection_,
                    std::string(referral_columns) +
                        "WHERE r.contact_id = ? AND r.first_contact_at IS NOT NULL "
                        "ORDER BY r.first_contact_at DESC LIMIT ?",
                    contact_id, std::int64_t{limit});
  return read_all(*rows);
}

bool ReferralRepository::record_first_contact(const std::string& reference, const std::string& at,
                                              const std::string& channel, std::int64_t by_user_id,
                                              const std::string& arrived_via) {
  auto row = query(connection_,
                   "UPDATE referrals SET first_contact_at = ?, first_contact_channel = ?, first_contact_by = ?, "
                   "arrived_via = ? WHERE reference = ? AND first_contact_at IS NULL",
                   at, channel, by_user_id, arrived_via, reference);
  row->step();
  return row->changes() == 1;
}

bool ReferralRepository::household_was_contacted(std::int64_t household_id) {
  return query(connection_,
               "SELECT 1 FROM referrals WHERE household_id = ? AND first_contact_at IS NOT NULL "
               "UNION ALL SELECT 1 FROM contacts WHERE household_id = ? LIMIT 1",
               household_id, household_id)
      ->step();
}

bool ReferralRepository::reassign(const std::string& reference, std::int64_t from_contact_id,
                                  std::int64_t to_contact_id) {
  return exec(connection_,
              "UPDATE referrals SET contact_id = ? "
              "WHERE reference = ? AND contact_id = ? AND first_contact_at IS NULL",
              to_contact_id, reference, from_contact_id) == 1;
}

bool ReferralRepository::join_household(const std::string& reference, std::int64_t household_id,
                                        std::int64_t contact_id) {
  auto row = query(connection_,
                   "UPDATE referrals SET household_id = ?, contact_id = ? "
                   "WHERE reference = ? AND household_id IS NULL",
                   household_id, contact_id, reference);
  row->step();
  return row->changes() == 1;
}

std::optional<ReferralRecord> ReferralRepository::find_for_resident(const std::string& reference,
                                                                    const std::string& postcode,
                                                                    const std::string& house_number) {
  auto row = query(connection_,
                   std::string(referral_columns) + "WHERE r.reference = ? AND r.postcode = ? AND r.house_number = ?",
                   reference, postcode, house_number);
  if (!row->step()) return std::nullopt;
  return read_referral(*row);
}

std::optional<ReferralRecord> ReferralRepository::find_by_status_token(const std::string& token_hash) {
  auto row = query(connection_, std::string(referral_columns) + "WHERE r.status_token_hash = ?", token_hash);
  if (!row->step()) return std::nullopt;
  return read_referral(*row);
}

void ReferralRepository::set_status_token(std::int64_t referral_id, const std::string& token_hash) {
  exec(connection_, "UPDATE referrals SET status_token_hash = ? WHERE id = ?", token_hash, referral_id);
}

std::optional<ReferralRepository::FollowWish> ReferralRepository::take_follow_wish(const std::string& reference) {
  auto row = query(connection_,
                   "UPDATE referrals SET follow_online = 0 WHERE reference = ? AND follow_online = 1 "
                   "AND household_id IS NOT NULL AND email <> '' RETURNING household_id, email, language",
                   reference);
  if (!row->step()) return std::nullopt;
  return FollowWish{row->int64(0), row->text(1), row->text(2)};
}

std::unique_ptr<Statement> ReferralRepository::query_of_household(std::int64_t household_id) {
  return query(connection_,
               std::string(referral_columns) + "WHERE r.household_id = ? ORDER BY r.created_at DESC, r.id DESC",
               household_id);
}

std::vector<ReferralRecord> ReferralRepository::read_of_household(Statement& rows) { return read_all(rows); }

std::vector<ReferralRecord> ReferralRepository::of_household(std::int64_t household_id) {
  return read_of_household(*query_of_household(household_id));
}

}  // namespace gezicht::storage
