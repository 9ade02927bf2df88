#pragma once
// A plain-text mail from the application, and its rendering as an RFC 5322 /
// MIME 1.0 message. Rendering is pure (time and Message-ID come from the
// caller) so the exact bytes can be tested.

#include <cstdint>
#include <string>
#include <string_view>

namespace gezicht::mail {

struct MailMessage {
  std::string from_address;  // plain addr-spec: name@example.nl
  std::string from_name;     // display name, any UTF-8; may be empty
  std::string to_address;    // plain addr-spec
  std::string subject;       // UTF-8
  std::string body_text;     // UTF-8; LF, CRLF or CR line breaks
  std::string language;      // BCP 47 tag (nl, ar, tr, uk, en-GB); goes in Content-Language
};

// The message with CRLF line endings: Date (UTC, +0000), From, To, Subject,
// Message-ID <message_id_local_part@domain>, MIME-Version, Content-Type
// text/plain; charset=utf-8, Content-Transfer-Encoding: quoted-printable,
// Content-Language and Auto-Submitted: auto-generated, then the body.
// Non-ASCII names and subjects become RFC 2047 encoded-words (UTF-8, base64);
// header lines are folded to at most 78 characters (an address longer than
// the line allows is the one exception), body lines to at most 76.
// Throws std::invalid_argument, naming the field but not its value (values
// are personal data and the message goes to the log), for CR or LF in a
// header value, an address that is not a plain addr-spec, text that is not
// UTF-8, a malformed language tag, Message-ID part or domain.
std::string to_rfc5322(const MailMessage& message, std::int64_t unix_time, const std::string& message_id_local_part,
                       const std::string& domain);

// Decodes a quoted-printable body (RFC 2045 section 6.7): soft line breaks
// removed, =XX decoded, whitespace at line ends dropped; hard line breaks
// are kept as they are. Malformed escapes are kept literally.
std::string decode_quoted_printable(std::string_view encoded);

// What follows the last '@' of an address: the default Message-ID domain.
std::string domain_of(std::string_view address);

}  // namespace gezicht::mail
