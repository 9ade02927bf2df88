#pragma once
// "Hoe ging het contact?": after a visit, walk-in, phone or video call the
// household is asked a few statements and one open question. The answer is
// stored apart from the case (team, professional, quarter; no household, no
// time), so no professional ever sees an individual answer; the team lead
// sees shares per team and quarter, with small groups suppressed.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/experience.hpp"
#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "service/mail_queue.hpp"
#include "service/random.hpp"
#include "storage/database.hpp"
#include "storage/experience_repository.hpp"

namespace gezicht::service {

struct PendingFeedback {
  storage::FeedbackContactRow contact;
};

struct FeedbackForm {
  domain::StatementSet set;
  std::vector<PendingFeedback> contacts;  // not yet answered, the newest first
};

struct SetFigures {
  domain::StatementSet set;
  std::int64_t responses = 0;
  std::vector<domain::StatementFigure> figures;
};

struct TeamExperience {
  std::string quarter;
  int threshold = 0;
  // The newest set first (always there), then each older set that answers
  // of the quarter were given on.
  std::vector<SetFigures> sets;
  std::vector<std::string> comments;  // masked; empty below the threshold
};

class ExperienceService {
 public:
  // A contact can be judged this long after it took place.
  static constexpr std::int64_t feedback_days = 60;

  ExperienceService(const Clock& clock, RandomSource& random, AuditTrail& audit, MailQueue& mail,
                    std::function<std::string()> public_url)
      : clock_(clock), random_(random), audit_(audit), mail_(mail), public_url_(std::move(public_url)) {}

  // For a resident: the statements and the contacts still to judge.
  FeedbackForm pending(storage::Connection& connection, const Actor& actor);
  // NotFound("feedback.contact_unknown") for a contact that is not the
  // household's, too old or not a meeting; Conflict("feedback.given") when
  // answered already; ValidationError for answers (domain::validate_feedback).
  void give(storage::Connection& connection, const Actor& actor, std::int64_t contact_id,
            const std::map<std::string, std::string>& answers, const std::string& comment);
  // For a team lead: their team's figures in a quarter ("2026-Q4");
  // ValidationError("quarter") for anything else.
  TeamExperience team(storage::Connection& connection, const Actor& actor, const std::string& quarter);
  // With a contact being logged (in its transaction: HouseholdService's
  // `with_new`): an e-mail to the household's residents, if it was a meeting
  // and they have an address. In the household's language.
  void invite_after_contact(storage::Connection& connection, std::int64_t household_id, std::int64_t contact_id);

 private:
  domain::StatementSet newest_set(storage::Connection& connection);
  const Clock& clock_;
  RandomSource& random_;
  AuditTrail& audit_;
  MailQueue& mail_;
  std::function<std::string()> public_url_;
};

}  // namespace gezicht::service
