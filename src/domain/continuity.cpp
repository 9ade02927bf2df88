#include "domain/continuity.hpp"

#include <algorithm>
#include <array>

namespace gezicht::domain {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr int kRecentDays = 90;
// Households with more contacts in the window than this use the heap.
constexpr std::size_t kInlineContacts = 64;

// Half-open at the far end so a contact exactly `days` ago no longer counts;
// contacts logged in the future (clock skew, planned visits) never count.
bool within(const Contact& contact, std::int64_t now, int days) {
  return now - days * kSecondsPerDay < contact.at && contact.at <= now;
}

// A small buffer on the stack, the heap only for an unusually long list.
template <typename T>
class Scratch {
 public:
  explicit Scratch(std::size_t size) : size_(size) {
    if (size > kInlineContacts) heap_.resize(size);
  }
  T* data() { return size_ > kInlineContacts ? heap_.data() : inline_.data(); }
  std::span<T> span() { return {data(), size_}; }

 private:
  std::size_t size_;
  std::array<T, kInlineContacts> inline_{};
  std::vector<T> heap_;
};

int distinct(std::span<std::int64_t> sorted_faces) {
  return static_cast<int>(std::unique(sorted_faces.begin(), sorted_faces.end()) - sorted_faces.begin());
}

}  // namespace

namespace {

// The usual case, contacts in time order (as every store keeps them): one
// pass, each face counted in a short list, no copy and no sort.
std::optional<ContinuityIndices> in_time_order(std::span<const Contact> contacts, std::int64_t now, int window_days) {
  struct Face {
    std::int64_t professional = 0;
    std::int64_t count = 0;
    bool recent = false;
  };
  constexpr std::size_t most_faces = 16;
  std::array<Face, most_faces> faces;
  std::size_t distinct_faces = 0;
  std::int64_t n = 0;
  std::int64_t same = 0;
  const Contact* previous = nullptr;
  for (const auto& contact : contacts) {
    if (previous && contact.at < previous->at) return std::nullopt;  // not in time order
    if (!within(contact, now, window_days)) continue;
    std::size_t face = 0;
    while (face < distinct_faces && faces[face].professional != contact.professional) ++face;
    if (face == distinct_faces) {
      if (distinct_faces == most_faces) return std::nullopt;  // many faces: the general way
      faces[distinct_faces++] = {contact.professional, 0, false};
    }
    ++faces[face].count;
    faces[face].recent = faces[face].recent || within(contact, now, kRecentDays);
    if (previous && previous->professional == contact.professional) ++same;
    previous = &contact;
    ++n;
  }
  ContinuityIndices indices;
  indices.window_days = window_days;
  indices.contacts = static_cast<int>(n);
  indices.distinct_faces = static_cast<int>(distinct_faces);
  std::int64_t most = 0;
  std::int64_t sum_of_squares = 0;
  for (std::size_t face = 0; face < distinct_faces; ++face) {
    most = std::max(most, faces[face].count);
    sum_of_squares += faces[face].count * faces[face].count;
    indices.distinct_faces_90d += faces[face].recent ? 1 : 0;
  }
  if (n < 2) return indices;
  indices.upc = static_cast<double>(most) / static_cast<double>(n);
  indices.coc = static_cast<double>(sum_of_squares - n) / static_cast<double>(n * (n - 1));
  indices.secon = static_cast<double>(same) / static_cast<double>(n - 1);
  return indices;
}

// Any order, any number of faces.
ContinuityIndices in_any_order(std::span<const Contact> contacts, std::int64_t now, int window_days) {
  ContinuityIndices indices;
  indices.window_days = window_days;
  // Keeps input order, which SECON uses to break ties in time.
  std::size_t n = 0;
  for (const auto& contact : contacts) n += within(contact, now, window_days) ? 1 : 0;
  Scratch<Contact> counted_buffer(n);
  auto counted = counted_buffer.span();
  std::size_t next = 0;
  for (const auto& contact : contacts) {
    if (within(contact, now, window_days)) counted[next++] = contact;
  }
  indices.contacts = static_cast<int>(n);

  Scratch<std::int64_t> faces_buffer(n);
  auto faces = faces_buffer.span();
  // Taken from the counted contacts, so a window shorter than 90 days also limits it.
  std::size_t recent = 0;
  for (const auto& contact : counted) {
    if (within(contact, now, kRecentDays)) faces[recent++] = contact.professional;
  }
  std::sort(faces.begin(), faces.begin() + static_cast<std::ptrdiff_t>(recent));
  indices.distinct_faces_90d = distinct(faces.first(recent));

  for (std::size_t i = 0; i < n; ++i) faces[i] = counted[i].professional;
  std::sort(faces.begin(), faces.end());
  // Runs of one face in the sorted list are its contacts: n_j.
  std::int64_t most = 0;
  std::int64_t sum_of_squares = 0;
  int distinct_faces = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && faces[j] == faces[i]) ++j;
    const auto count = static_cast<std::int64_t>(j - i);
    most = std::max(most, count);
    sum_of_squares += count * count;
    ++distinct_faces;
    i = j;
  }
  indices.distinct_faces = distinct_faces;
  // With fewer than two contacts there is no continuity to measure, good or bad.
  if (n < 2) return indices;
  const auto total = static_cast<std::int64_t>(n);
  indices.upc = static_cast<double>(most) / static_cast<double>(total);
  // Integer sums keep COC exactly 1 when all contacts are with one face.
  indices.coc = static_cast<double>(sum_of_squares - total) / static_cast<double>(total * (total - 1));
  // Stable sort: contacts logged at the same second keep the order they were given in.
  const auto earlier = [](const Contact& a, const Contact& b) { return a.at < b.at; };
  if (!std::is_sorted(counted.begin(), counted.end(), earlier)) {
    std::stable_sort(counted.begin(), counted.end(), earlier);
  }
  std::int64_t same = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (counted[i].professional == counted[i - 1].professional) ++same;
  }
  indices.secon = static_cast<double>(same) / static_cast<double>(total - 1);
  return indices;
}

}  // namespace

ContinuityIndices continuity_indices(std::span<const Contact> contacts, std::int64_t now, int window_days) {
  if (auto indices = in_time_order(contacts, now, window_days)) return *indices;
  return in_any_order(contacts, now, window_days);
}

ContinuityFlags continuity_flags(const ContinuityIndices& indices, int fixed_contact_changes_in_year) {
  ContinuityFlags flags;
  flags.many_faces = indices.distinct_faces_90d > max_faces_in_90_days;
  flags.fixed_contact_changes = fixed_contact_changes_in_year > max_fixed_contact_changes_in_year;
  return flags;
}

}  // namespace gezicht::domain
