#pragma once
// Self-referral and the professional's inbox: a resident asks for help, the
// household gets its fixed contact, and the promised first contact is tracked.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/directory.hpp"
#include "domain/referral.hpp"
#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "service/directory_service.hpp"
#include "service/random.hpp"
#include "service/self_referral_limit.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

struct ReferralReceipt {
  std::string reference;
  domain::Person contact;
  std::int64_t team_id = 0;
  std::string team_name;
  std::string promised_by;  // YYYY-MM-DD
  std::string channel;      // how the resident wants to be contacted (a walk-in shows the hours)
  // The household this request made; none when one was already known at the
  // address (the request waits to be joined). Never in a public answer.
  std::optional<std::int64_t> household_id;
  // The same request sent again with its one-time key: answered as before,
  // and nothing that follows a new request (its e-mail) happens again.
  bool repeated = false;
  // The link to the request's state (its hash is stored); only for a new request.
  std::string status_token;
};

// The household already known at a waiting referral's address, for the
// professional who decides to join the two.
struct KnownHousehold {
  std::int64_t household_id = 0;
  std::optional<domain::Person> fixed_contact;  // who takes the request over when it is joined
};

// A referral as a professional sees it in a list, with what the inbox needs to know.
struct InboxItem {
  storage::ReferralRecord referral;
  bool overdue = false;
};

// What a caller saves with a new request, in its transaction (the
// confirmation e-mail), so that the two are kept together or not at all.
using WithNewReferral = std::function<void(storage::Connection&, const ReferralReceipt&)>;

class ReferralService {
 public:
  ReferralService(DirectoryService& directory, const Clock& clock, RandomSource& random, AuditTrail& audit,
                  SelfReferralPolicy limit = {})
      : directory_(directory), clock_(clock), random_(random), audit_(audit), limit_(clock, limit) {}

  // Validates, assigns the household's fixed contact and stores the referral
  // in one transaction, with its entry in the audit trail (made by
  // `requester`: the resident, see anonymous_requester). Throws
  // domain::ValidationError (including "postcode.outside" for an address
  // outside the municipality), and Throttled when the requester's address
  // sent too many (SelfReferralPolicy).
  //
  // A request is asked once: with a `submission_key` (the form's one-time
  // token, or an API client's Idempotency-Key, each under its own prefix)
  // the same key again, within a day, gets the first answer and makes
  // nothing new; the same key with another request is ValidationError
  // `key_field` "submission.reused".
  //
  // `with_new` runs inside the transaction of a new request, never for a
  // repeated one; what it throws rolls the request back.
  ReferralReceipt submit(storage::Connection& connection, const domain::ReferralInput& input, const Actor& requester,
                         const std::string& submission_key = {}, const std::string& key_field = "submission",
                         const WithNewReferral& with_new = {});
  // The answer a submission key got, for the confirmation page after the
  // redirect; nullopt when the key is unknown or older than a day.
  std::optional<ReferralReceipt> submitted(storage::Connection& connection, const std::string& submission_key);
  // A one-time token for a self-referral form.
  std::string new_submission_token() { return random_token(random_); }

  // The professional's own open referrals; for a team lead, the team's.
  // Overdue first, then by promised date. One "search" entry in the trail.
  std::vector<InboxItem> inbox(storage::Connection& connection, const Actor& actor);
  std::vector<InboxItem> team_open(storage::Connection& connection, const Actor& actor);

  // For the referral's contact and the team lead of its team; NotFound for
  // anyone else, so a reference code reveals nothing. Every call leaves one
  // entry in the trail (allowed or denied), in the household's access log
  // once the referral belongs to one.
  storage::ReferralRecord get(storage::Connection& connection, const Actor& actor, const std::string& reference);

  // Records the first contact, which keeps (or breaks) the promise, and
  // how the resident found the team (domain::arrival_routes; nullopt keeps
  // what the request said). `at_utc` is seconds since the epoch. Throws
  // ValidationError for a time in the future or before the request, an
  // unknown channel or arrived_via; Conflict when already recorded.
  storage::ReferralRecord record_first_contact(storage::Connection& connection, const Actor& actor,
                                               const std::string& reference, std::int64_t at_utc,
                                               const std::string& channel,
                                               const std::optional<std::string>& arrived_via = std::nullopt);

  bool is_overdue(const storage::ReferralRecord& referral) const;

  // After first contact, the referral's contact (or their team lead) joins a
  // waiting referral to the household known at its address; the household's
  // fixed contact then takes it over, and the trail records the join in
  // that household's access log. Conflict when it already has a household
  // or has no first contact yet.
  storage::ReferralRecord join_household(storage::Connection& connection, const Actor& actor,
                                         const std::string& reference);
  // By the team lead of the request's team, while nobody has contacted the
  // resident yet (domain::may_reassign_referral): another professional of the
  // team takes it over, and with it the household the request made, whose
  // face they then are (recorded as an assignment: the resident has met
  // nobody yet, so there is no warm handover to make). NotFound for another
  // team's request; Conflict after first contact; ValidationError naming
  // "to_user_id" or "reason".
  storage::ReferralRecord reassign(storage::Connection& connection, const Actor& actor, const std::string& reference,
                                   std::int64_t to_user_id, const std::string& reason);
  // For a waiting referral that `actor` may see: the household known at its address, if any.
  std::optional<KnownHousehold> known_household(storage::Connection& connection, const Actor& actor,
                                                const storage::ReferralRecord& referral);

 private:
  std::vector<InboxItem> to_items(std::vector<storage::ReferralRecord> referrals) const;
  // A household for the referral's address, with `contact` as its fixed contact and involved.
  std::int64_t create_household(storage::Connection& connection, const domain::ValidReferral& referral,
                                const storage::UserRecord& contact, const std::string& reason,
                                const std::string& created_at);
  // Makes `contact` the household's fixed contact, recorded as an assignment
  // (with who it came from, if anyone), and involves them.
  void give_household_its_face(storage::Connection& connection, std::int64_t household_id,
                               const storage::UserRecord& contact, std::optional<std::int64_t> from_user_id,
                               const std::string& reason, std::optional<std::int64_t> by, const std::string& at);
  std::string new_reference(storage::Connection& connection);
  // The receipt of a stored referral, with its contact person as they are now.
  ReferralReceipt receipt_of(storage::Connection& connection, const storage::ReferralRecord& referral);
  // The referral if `actor` may see it; NotFound (logged as denied) if not.
  storage::ReferralRecord find_visible(storage::Connection& connection, const Actor& actor,
                                       const std::string& reference);

  DirectoryService& directory_;
  const Clock& clock_;
  RandomSource& random_;
  AuditTrail& audit_;
  SelfReferralLimit limit_;
};

// Who asks for help at the front door, for the audit trail: no account, so
// no name but the role and where the request came from.
Actor anonymous_requester(std::string client_address, std::string route);

// Channels of a first contact.
const std::vector<std::string>& first_contact_channels();

}  // namespace gezicht::service
