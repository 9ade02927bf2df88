#pragma once
// When a queued message is tried again, and how long each kind is worth
// sending. A message that cannot be handed to the mail server waits longer
// after each failure, so a mail server that is down for an hour is not asked
// thousands of times, and a message that comes too late to be of use (an
// expired code or link) is not sent at all.

#include <cstdint>
#include <string>

namespace gezicht::domain {

// The first retry after a minute, then twice as long each time, at most an hour.
inline constexpr std::int64_t first_mail_retry_seconds = 60;
inline constexpr std::int64_t longest_mail_retry_seconds = 60 * 60;
// A sender that takes a message has this long to hand it on before another
// sender may take it (the sender crashed, or its server was killed).
inline constexpr std::int64_t mail_lease_seconds = 5 * 60;

// When to try again after `attempts` failed attempts (1 or more), from `now`.
std::int64_t next_mail_attempt(std::int64_t attempts, std::int64_t now);

// How long after queuing a message of this kind is still worth sending: a
// login code as long as the code, an invitation as long as its link, a
// confirmation of a request for help and an invitation to give feedback
// for three days. Throws std::invalid_argument for a kind without texts.
std::int64_t mail_worth_sending_seconds(const std::string& kind);

}  // namespace gezicht::domain
