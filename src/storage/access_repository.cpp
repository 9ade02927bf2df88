#include "storage/access_repository.hpp"

namespace gezicht::storage {

std::int64_t AccessRepository::add_emergency_access(std::int64_t household_id, std::int64_t user_id,
                                                    const std::string& reason, const std::string& granted_at,
                                                    const std::string& expires_at) {
  auto row = query(connection_,
                   "INSERT INTO emergency_access (household_id, user_id, reason, granted_at, expires_at) "
                   "VALUES (?, ?, ?, ?, ?) RETURNING id",
                   household_id, user_id, reason, granted_at, expires_at);
  if (!row->step()) throw DatabaseError("INSERT INTO emergency_access returned no id");
  return row->int64(0);
}

std::optional<std::string> AccessRepository::emergency_access_until(std::int64_t household_id, std::int64_t user_id,
                                                                    const std::string& now) {
  auto row = query(connection_,
                   "SELECT MAX(expires_at) FROM emergency_access WHERE household_id = ? AND user_id = ? "
                   "AND expires_at > ?",
                   household_id, user_id, now);
  if (!row->step()) return std::nullopt;
  return row->optional_text(0);
}

std::int64_t AccessRepository::add_legal_basis(const LegalBasisRecord& basis) {
  auto row = query(
      connection_,
      "INSERT INTO legal_bases (domain, purpose, parts, description, active, ground) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      basis.domain, basis.purpose, basis.parts, basis.description, std::int64_t{basis.active ? 1 : 0}, basis.ground);
  if (!row->step()) throw DatabaseError("INSERT INTO legal_bases returned no id");
  return row->int64(0);
}

namespace {

constexpr const char* basis_columns =
    "SELECT id, domain, purpose, parts, description, active, ground FROM legal_bases ";

LegalBasisRecord read_basis(const Statement& row, int first = 0) {
  return LegalBasisRecord{row.int64(first),    row.text(first + 1),       row.text(first + 2), row.text(first + 3),
                          row.text(first + 4), row.int64(first + 5) != 0, row.text(first + 6)};
}

}  // namespace

std::unique_ptr<Statement> AccessRepository::query_legal_bases(bool active_only) {
  return query(connection_,
               std::string(basis_columns) + (active_only ? "WHERE active = 1 " : "") + "ORDER BY domain, purpose, id");
}

std::vector<LegalBasisRecord> AccessRepository::read_legal_bases(Statement& rows) {
  std::vector<LegalBasisRecord> bases;
  while (rows.step()) bases.push_back(read_basis(rows));
  return bases;
}

std::vector<LegalBasisRecord> AccessRepository::legal_bases(bool active_only) {
  return read_legal_bases(*query_legal_bases(active_only));
}

std::optional<LegalBasisRecord> AccessRepository::legal_basis(std::int64_t id) {
  auto row = query(connection_, std::string(basis_columns) + "WHERE id = ?", id);
  if (!row->step()) return std::nullopt;
  return read_basis(*row);
}

std::int64_t AccessRepository::add_sharing(std::int64_t household_id, std::int64_t legal_basis_id,
                                           const std::string& parts, const std::string& resident_wish, std::int64_t by,
                                           const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO sharing_agreements (household_id, legal_basis_id, parts, resident_wish, recorded_by, "
                   "recorded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                   household_id, legal_basis_id, parts, resident_wish, by, at);
  if (!row->step()) throw DatabaseError("INSERT INTO sharing_agreements returned no id");
  return row->int64(0);
}

bool AccessRepository::withdraw_sharing(std::int64_t household_id, std::int64_t agreement_id, std::int64_t by,
                                        const std::string& at) {
  return exec(connection_,
              "UPDATE sharing_agreements SET withdrawn_by = ?, withdrawn_at = ? "
              "WHERE id = ? AND household_id = ? AND withdrawn_at IS NULL",
              by, at, agreement_id, household_id) == 1;
}

std::unique_ptr<Statement> AccessRepository::query_sharing(std::int64_t household_id) {
  return query(connection_,
               "SELECT s.id, b.id, b.domain, b.purpose, b.parts, b.description, b.active, b.ground, s.parts, "
               "s.resident_wish, "
               "r.name, s.recorded_at, w.name, s.withdrawn_at "
               "FROM sharing_agreements s JOIN legal_bases b ON b.id = s.legal_basis_id "
               "JOIN users r ON r.id = s.recorded_by LEFT JOIN users w ON w.id = s.withdrawn_by "
               "WHERE s.household_id = ? ORDER BY s.id DESC",
               household_id);
}

namespace {

// Columns as in query_sharing: the agreement, its basis, who recorded and withdrew it.
SharingAgreementRecord read_agreement(const Statement& rows) {
  SharingAgreementRecord agreement;
  agreement.id = rows.int64(0);
  agreement.basis = read_basis(rows, 1);
  agreement.parts = rows.text(8);
  agreement.resident_wish = rows.text(9);
  agreement.recorded_by_name = rows.text(10);
  agreement.recorded_at = rows.text(11);
  agreement.withdrawn_by_name = rows.optional_text(12);
  agreement.withdrawn_at = rows.optional_text(13);
  return agreement;
}

}  // namespace

std::vector<SharingAgreementRecord> AccessRepository::read_sharing(Statement& rows) {
  std::vector<SharingAgreementRecord> agreements;
  while (rows.step()) {
    agreements.push_back(read_agreement(rows));
  }
  return agreements;
}

std::vector<SharingAgreementRecord> AccessRepository::sharing(std::int64_t household_id) {
  return read_sharing(*query_sharing(household_id));
}

std::vector<DomainShareRow> AccessRepository::shares_with_domain(const std::string& domain, int limit) {
  auto rows = query(connection_,
                    "SELECT s.id, b.id, b.domain, b.purpose, b.parts, b.description, b.active, b.ground, s.parts, "
                    "s.resident_wish, r.name, s.recorded_at, NULL, NULL, h.id, h.postcode, h.house_number "
                    "FROM legal_bases b JOIN sharing_agreements s ON s.legal_basis_id = b.id "
                    "JOIN users r ON r.id = s.recorded_by JOIN households h ON h.id = s.household_id "
                    "WHERE b.domain = ? AND b.active = 1 AND s.withdrawn_at IS NULL "
                    "ORDER BY s.recorded_at DESC, s.id DESC LIMIT ?",
                    domain, static_cast<std::int64_t>(limit));
  std::vector<DomainShareRow> shares;
  while (rows->step()) shares.push_back({rows->int64(14), rows->text(15), rows->text(16), read_agreement(*rows)});
  return shares;
}

}  // namespace gezicht::storage
