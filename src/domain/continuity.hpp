#pragma once
// Continuity of care, measured from a household's contacts log: how many
// different faces a household meets, and how concentrated its contacts are
// on one person. Pure functions; the window is chosen by the caller.
//
// Indices (N = contacts in the window, n_j = contacts with professional j):
//   UPC  (Usual Provider of Care)     = max_j n_j / N
//   COC  (Bice-Boxerman)              = (sum_j n_j^2 - N) / (N (N - 1))
//   SECON (sequential continuity)     = consecutive pairs with the same professional / (N - 1)
// Each is undefined (nullopt), not 0 or 1, when N < 2.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace gezicht::domain {

struct Contact {
  std::int64_t at = 0;            // seconds since the epoch, UTC
  std::int64_t professional = 0;  // who the household met: one face, whatever their organisation
};

struct ContinuityIndices {
  int window_days = 365;
  int contacts = 0;            // N
  int distinct_faces = 0;      // over the window
  int distinct_faces_90d = 0;  // over the last 90 days of the window
  std::optional<double> upc;
  std::optional<double> coc;
  std::optional<double> secon;
};

// Contacts with at in (now - window_days, now] count; they need not be sorted
// (SECON orders them by time, ties by input order). Allocates nothing for a
// household's usual few dozen contacts: the dashboard runs it for every
// household of the municipality on each request.
ContinuityIndices continuity_indices(std::span<const Contact> contacts, std::int64_t now, int window_days = 365);
inline ContinuityIndices continuity_indices(const std::vector<Contact>& contacts, std::int64_t now,
                                            int window_days = 365) {
  return continuity_indices(std::span<const Contact>(contacts), now, window_days);
}

// The thresholds that put a household on the list of the professional and
// the team lead: more than 3 distinct faces in 90 days, or a fixed contact
// that changed twice or more in the last year.
struct ContinuityFlags {
  bool many_faces = false;
  bool fixed_contact_changes = false;
  bool any() const { return many_faces || fixed_contact_changes; }
};

inline constexpr int max_faces_in_90_days = 3;
inline constexpr int max_fixed_contact_changes_in_year = 1;

// fixed_contact_changes_in_year: changes of fixed contact in the 365 days before now.
ContinuityFlags continuity_flags(const ContinuityIndices& indices, int fixed_contact_changes_in_year);

}  // namespace gezicht::domain
