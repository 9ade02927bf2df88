#pragma once
// Residents log in without a password to remember: a one-time code sent to
// their e-mail address. An account finds its household through an
// invitation: a professional's from the record, or the one a resident asked
// for in the self-referral. DigiD is in resident_digid_service.hpp.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/auth_service.hpp"
#include "service/clock.hpp"
#include "service/mail_queue.hpp"
#include "service/random.hpp"
#include "service/rate_window.hpp"
#include "storage/database.hpp"
#include "storage/resident_repository.hpp"

namespace gezicht::service {

struct CodeRequest {
  std::string email;
  std::string language;
  std::string client_address;
};

struct CodeLogin {
  std::string email;
  std::string code;
  std::string invitation;  // the token from an invitation's link, if the resident came that way
  std::string client_address;
  std::string previous_token;
};

struct InvitationInput {
  std::string email;
  std::optional<std::int64_t> member_id;
  std::string language;  // of the e-mail; empty: the household's preferred language
};

// What the invitation's page shows before the resident asks for a code.
struct InvitationSummary {
  std::string masked_email;
  std::string expires_at;
};

class ResidentLoginService {
 public:
  // public_url: where residents reach the server ("https://mijn.gemeente.nl"),
  // for the links in e-mails.
  ResidentLoginService(const Clock& clock, RandomSource& random, AuthService& auth, AuditTrail& audit, MailQueue& mail,
                       std::string public_url);

  // Sends a code when the address has an account or an open invitation, and
  // fewer than domain::login_codes_per_address_per_hour were sent; otherwise
  // nothing, with the same answer. ValidationError("email") for a malformed
  // address; Throttled when this client asked too often.
  void request_code(storage::Connection& connection, const CodeRequest& request);

  // ok with a session (assurance email_code); failed for an unknown address,
  // a wrong, used or expired code or a sixth try (all alike); throttled
  // before anything is checked. The first login of an invited address makes
  // its account; a given invitation must be open and for this address.
  LoginOutcome login(storage::Connection& connection, const CodeLogin& attempt);

  // By someone who may change the household's record (fixed contact,
  // involved). ValidationError on "email" or "member_id"; NotFound for a
  // household the actor may not see; Conflict("invitation.email_in_use")
  // when the address belongs to another household's account. Returns the id.
  std::int64_t invite(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                      const InvitationInput& input);
  // After a professional met the resident of a request (first contact, or
  // the request joined to its household): the invitation the resident asked
  // for in the self-referral, once.
  void invite_follower(storage::Connection& connection, const std::string& reference);
  // NotFound("invitation.unknown") for an unknown token,
  // Conflict("invitation.used"/"invitation.expired") for one that was.
  InvitationSummary invitation(storage::Connection& connection, const std::string& token);
  // The invited address, with the same checks; for sending its code (never shown).
  std::string invitation_email(storage::Connection& connection, const std::string& token);

  const std::string& public_url() const { return public_url_; }
  // Once the server knows its port (before it takes requests).
  void set_public_url(std::string url) { public_url_ = std::move(url); }

 private:
  struct NewInvitation {
    std::int64_t id;
    std::string token;  // for the link; only its hash is kept
  };
  NewInvitation new_invitation(storage::Connection& connection, std::int64_t household_id,
                               std::optional<std::int64_t> member_id, const std::string& email,
                               std::optional<std::int64_t> invited_by);
  // The account for a verified address, made from an invitation the first time.
  std::optional<storage::UserRecord> account_for(storage::Connection& connection, const std::string& email,
                                                 const std::string& invitation_token);
  bool client_may_ask(storage::Connection& connection, const std::string& client_address);

  const Clock& clock_;
  RandomSource& random_;
  AuthService& auth_;
  AuditTrail& audit_;
  MailQueue& mail_;
  std::string public_url_;
  RateWindow code_requests_;  // per client address
};

}  // namespace gezicht::service
