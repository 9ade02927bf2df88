#pragma once
// Mail the services want sent, as intents: what kind of message, to whom, in
// which language, with which values. The intent is saved in the caller's
// transaction (StoredMailQueue), so the message and what it tells of are
// saved together; the web layer writes the words (it has the translations)
// and sends them later, off the request's thread, so a slow mail server never
// holds a request and an answer takes as long whether or not a message was
// sent (no enumeration of addresses by timing).

#include <functional>
#include <map>
#include <string>

#include "service/clock.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct MailIntent {
  std::string kind;      // login_code, invitation, invitation_self, referral_received, feedback_invitation
  std::string to;        // a checked address
  std::string language;  // the resident's language; the texts fall back to Dutch
  std::map<std::string, std::string> values;
};

class MailQueue {
 public:
  virtual ~MailQueue() = default;
  // Saves the intent over `connection`, inside its open transaction if it has
  // one. Throws only what the database throws: sending happens later and its
  // failures are logged and tried again.
  virtual void queue(storage::Connection& connection, MailIntent intent) = 0;
};

// The queue in the database (storage::MailQueueRepository). `queued` is
// called after each intent is saved, to wake a sender.
class StoredMailQueue final : public MailQueue {
 public:
  explicit StoredMailQueue(const Clock& clock, std::function<void()> queued = {})
      : clock_(clock), queued_(std::move(queued)) {}
  void queue(storage::Connection& connection, MailIntent intent) override;

 private:
  const Clock& clock_;
  std::function<void()> queued_;
};

}  // namespace gezicht::service
