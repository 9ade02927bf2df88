#pragma once
// Self-referral and the professional's inbox: a resident asks for help, the
// household gets its fixed contact, and the promised first contact is tracked.

#include <string>
#include <vector>

#include "domain/directory.hpp"
#include "domain/referral.hpp"
#include "service/actor.hpp"
#include "service/clock.hpp"
#include "service/directory_service.hpp"
#include "service/random.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

struct ReferralReceipt {
  std::string reference;
  domain::Person contact;
  std::int64_t team_id = 0;
  std::string team_name;
  std::string promised_by;  // YYYY-MM-DD
  std::int64_t household_id = 0;
};

// A referral as a professional sees it in a list, with what the inbox needs to know.
struct InboxItem {
  storage::ReferralRecord referral;
  bool overdue = false;
};

class ReferralService {
 public:
  ReferralService(DirectoryService& directory, const Clock& clock, RandomSource& random)
      : directory_(directory), clock_(clock), random_(random) {}

  // Validates, assigns the household's fixed contact and stores the referral
  // in one transaction. Throws domain::ValidationError (including
  // "postcode.outside" for an address outside the municipality).
  ReferralReceipt submit(storage::Connection& connection, const domain::ReferralInput& input);

  // The professional's own open referrals; for a team lead, the team's.
  // Overdue first, then by promised date.
  std::vector<InboxItem> inbox(storage::Connection& connection, const Actor& actor);
  std::vector<InboxItem> team_open(storage::Connection& connection, const Actor& actor);

  // For the referral's contact and the team lead of its team; NotFound for
  // anyone else, so a reference code reveals nothing.
  storage::ReferralRecord get(storage::Connection& connection, const Actor& actor, const std::string& reference);

  // Records the first contact, which keeps (or breaks) the promise.
  // `at_utc` is seconds since the epoch. Throws ValidationError for a time in
  // the future or before the request, or an unknown channel; Conflict when
  // already recorded.
  storage::ReferralRecord record_first_contact(storage::Connection& connection, const Actor& actor,
                                               const std::string& reference, std::int64_t at_utc,
                                               const std::string& channel);

  bool is_overdue(const storage::ReferralRecord& referral) const;

 private:
  std::vector<InboxItem> to_items(std::vector<storage::ReferralRecord> referrals) const;
  std::string new_reference(storage::Connection& connection);

  DirectoryService& directory_;
  const Clock& clock_;
  RandomSource& random_;
};

// Channels of a first contact.
const std::vector<std::string>& first_contact_channels();

}  // namespace gezicht::service
