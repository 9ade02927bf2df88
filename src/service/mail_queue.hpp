#pragma once
// Mail the services want sent, as intents: what kind of message, to whom, in
// which language, with which values. The web layer writes the words (it has
// the translations) and sends them off the request's thread, so a slow mail
// server never holds a request and an answer takes as long whether or not
// a message was sent (no enumeration of addresses by timing).

#include <map>
#include <string>

namespace gezicht::service {

struct MailIntent {
  std::string kind;      // login_code, invitation, referral_received, feedback_invitation
  std::string to;        // a checked address
  std::string language;  // the resident's language; the texts fall back to Dutch
  std::map<std::string, std::string> values;
};

class MailQueue {
 public:
  virtual ~MailQueue() = default;
  // Never throws for a mail problem: sending happens later and failures are logged.
  virtual void queue(MailIntent intent) = 0;
};

}  // namespace gezicht::service
