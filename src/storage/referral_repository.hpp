#pragma once
// Households (by address, in this step) and the referrals made for them.

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage {

struct NewReferral {
  std::string reference;
  std::optional<std::int64_t> household_id;  // none: waits to be joined (ReferralService::submit)
  std::int64_t team_id = 0;
  std::int64_t contact_id = 0;
  std::string name, phone, email, postcode, house_number, question, language, channel;
  bool trusted_person = false;
  std::string assignment_reason;
  std::string created_at;
  std::string promised_by;
  bool follow_online = false;
  std::optional<std::string> background;  // kept apart (referral_backgrounds), for aggregates only
};

// A self-referral's key (ReferralService::submit): what was asked with it,
// and the referral it made once that transaction is done.
struct SubmissionRecord {
  std::string request_hash;
  std::optional<std::int64_t> referral_id;
  std::string created_at;
};

class ReferralRepository {
 public:
  explicit ReferralRepository(Connection& connection) : connection_(connection) {}

  std::optional<HouseholdRecord> find_household(const std::string& postcode, const std::string& house_number);
  std::int64_t create_household(const std::string& postcode, const std::string& house_number,
                                const std::string& created_at);
  bool is_active_professional(std::int64_t user_id);

  bool reference_exists(const std::string& reference);
  std::int64_t insert(const NewReferral& referral);
  std::optional<ReferralRecord> find_by_reference(const std::string& reference);
  std::optional<ReferralRecord> find_by_id(std::int64_t id);

  // Claims a submission key for a request; false when it was claimed before
  // (by a transaction that has committed: on PostgreSQL this waits for one
  // still running). Then complete_submission names the referral it made.
  bool claim_submission(const std::string& key_hash, const std::string& request_hash, const std::string& created_at);
  std::optional<SubmissionRecord> submission(const std::string& key_hash);
  void complete_submission(const std::string& key_hash, std::int64_t referral_id);
  // Keys older than `before` are no longer needed: a repeat comes within seconds.
  void forget_submissions_before(const std::string& before);

  // Open referrals (no first contact yet), overdue first, then by promised date.
  std::vector<ReferralRecord> open_for_contact(std::int64_t contact_id);
  std::vector<ReferralRecord> open_for_team(std::int64_t team_id);
  // Recently closed ones, newest first, so a professional sees what they did.
  std::vector<ReferralRecord> recently_contacted(std::int64_t contact_id, int limit);

  // Returns false when the referral already had its first contact.
  bool record_first_contact(const std::string& reference, const std::string& at, const std::string& channel,
                            std::int64_t by_user_id, const std::string& arrived_via);
  // Joins a referral that waits for its household, and hands it to `contact_id`.
  // Returns false when it already belonged to a household.
  // Gives a request without a first contact to another professional; false
  // when it was contacted or given to someone else meanwhile.
  bool reassign(const std::string& reference, std::int64_t from_contact_id, std::int64_t to_contact_id);
  // Whether a household has met anyone: a request of it with a first contact, or a logged contact.
  bool household_was_contacted(std::int64_t household_id);
  bool join_household(const std::string& reference, std::int64_t household_id, std::int64_t contact_id);

  // The resident's own look at a request: by its reference with the address
  // it was made for, or by the link in the confirmation e-mail.
  std::optional<ReferralRecord> find_for_resident(const std::string& reference, const std::string& postcode,
                                                  const std::string& house_number);
  std::optional<ReferralRecord> find_by_status_token(const std::string& token_hash);
  void set_status_token(std::int64_t referral_id, const std::string& token_hash);
  // A household's requests, the newest first (the portal's home).
  std::vector<ReferralRecord> of_household(std::int64_t household_id);
  // The same in two steps, to run with other statements (run_together).
  std::unique_ptr<Statement> query_of_household(std::int64_t household_id);
  static std::vector<ReferralRecord> read_of_household(Statement& rows);
  // The wish to follow the request online, once it belongs to a household:
  // taken once (the wish is cleared), with where the invitation goes.
  struct FollowWish {
    std::int64_t household_id = 0;
    std::string email;
    std::string language;
  };
  std::optional<FollowWish> take_follow_wish(const std::string& reference);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
