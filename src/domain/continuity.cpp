#include "domain/continuity.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gezicht::domain {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr int kRecentDays = 90;

// Half-open at the far end so a contact exactly `days` ago no longer counts;
// contacts logged in the future (clock skew, planned visits) never count.
bool within(const Contact& contact, std::int64_t now, int days) {
  return now - days * kSecondsPerDay < contact.at && contact.at <= now;
}

// Keeps input order, which SECON uses to break ties in time.
std::vector<Contact> in_window(const std::vector<Contact>& contacts, std::int64_t now, int days) {
  std::vector<Contact> kept;
  for (const auto& contact : contacts) {
    if (within(contact, now, days)) kept.push_back(contact);
  }
  return kept;
}

int distinct_faces(const std::vector<Contact>& contacts) {
  std::set<std::int64_t> faces;
  for (const auto& contact : contacts) faces.insert(contact.professional);
  return static_cast<int>(faces.size());
}

std::map<std::int64_t, std::int64_t> contacts_per_face(const std::vector<Contact>& contacts) {
  std::map<std::int64_t, std::int64_t> counts;
  for (const auto& contact : contacts) ++counts[contact.professional];
  return counts;
}

double upc(const std::map<std::int64_t, std::int64_t>& counts, std::int64_t n) {
  std::int64_t most = 0;
  for (const auto& [face, count] : counts) most = std::max(most, count);
  return static_cast<double>(most) / static_cast<double>(n);
}

// Integer sums keep COC exactly 1 when all contacts are with one face.
double coc(const std::map<std::int64_t, std::int64_t>& counts, std::int64_t n) {
  std::int64_t sum_of_squares = 0;
  for (const auto& [face, count] : counts) sum_of_squares += count * count;
  return static_cast<double>(sum_of_squares - n) / static_cast<double>(n * (n - 1));
}

// Stable sort: contacts logged at the same second keep the order they were given in.
double secon(std::vector<Contact> contacts) {
  std::stable_sort(contacts.begin(), contacts.end(), [](const Contact& a, const Contact& b) { return a.at < b.at; });
  std::int64_t same = 0;
  for (std::size_t i = 1; i < contacts.size(); ++i) {
    if (contacts[i].professional == contacts[i - 1].professional) ++same;
  }
  return static_cast<double>(same) / static_cast<double>(contacts.size() - 1);
}

}  // namespace

ContinuityIndices continuity_indices(const std::vector<Contact>& contacts, std::int64_t now, int window_days) {
  const auto counted = in_window(contacts, now, window_days);
  ContinuityIndices indices;
  indices.window_days = window_days;
  indices.contacts = static_cast<int>(counted.size());
  indices.distinct_faces = distinct_faces(counted);
  // Taken from the counted contacts, so a window shorter than 90 days also limits it.
  indices.distinct_faces_90d = distinct_faces(in_window(counted, now, kRecentDays));
  // With fewer than two contacts there is no continuity to measure, good or bad.
  if (counted.size() < 2) return indices;
  const auto n = static_cast<std::int64_t>(counted.size());
  const auto counts = contacts_per_face(counted);
  indices.upc = upc(counts, n);
  indices.coc = coc(counts, n);
  indices.secon = secon(counted);
  return indices;
}

ContinuityFlags continuity_flags(const ContinuityIndices& indices, int fixed_contact_changes_in_year) {
  ContinuityFlags flags;
  flags.many_faces = indices.distinct_faces_90d > max_faces_in_90_days;
  flags.fixed_contact_changes = fixed_contact_changes_in_year > max_fixed_contact_changes_in_year;
  return flags;
}

}  // namespace gezicht::domain
