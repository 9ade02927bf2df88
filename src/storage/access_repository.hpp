#pragma once
// Rows behind need-to-know beyond involvement: breaking the glass, the legal
// bases for sharing and households' sharing agreements.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage {

class AccessRepository {
 public:
  explicit AccessRepository(Connection& connection) : connection_(connection) {}

  std::int64_t add_emergency_access(std::int64_t household_id, std::int64_t user_id, const std::string& reason,
                                    const std::string& granted_at, const std::string& expires_at);
  // When the user's emergency access to the household ends, if it has not yet at `now`.
  std::optional<std::string> emergency_access_until(std::int64_t household_id, std::int64_t user_id,
                                                    const std::string& now);

  std::int64_t add_legal_basis(const LegalBasisRecord& basis);
  std::vector<LegalBasisRecord> legal_bases(bool active_only);
  // The same as a query and a reader, for reading alongside other parts (run_together).
  std::unique_ptr<Statement> query_legal_bases(bool active_only);
  static std::vector<LegalBasisRecord> read_legal_bases(Statement& rows);
  std::optional<LegalBasisRecord> legal_basis(std::int64_t id);

  std::int64_t add_sharing(std::int64_t household_id, std::int64_t legal_basis_id, const std::string& parts,
                           const std::string& resident_wish, std::int64_t by, const std::string& at);
  // False when no such agreement of the household is still in force.
  bool withdraw_sharing(std::int64_t household_id, std::int64_t agreement_id, std::int64_t by, const std::string& at);
  // All of a household's agreements, withdrawn ones too, the newest first.
  std::unique_ptr<Statement> query_sharing(std::int64_t household_id);
  static std::vector<SharingAgreementRecord> read_sharing(Statement& rows);
  std::vector<SharingAgreementRecord> sharing(std::int64_t household_id);

  // The agreements in force on an active basis of `domain`, the newest
  // first, at most `limit`, each with its household's address.
  std::vector<DomainShareRow> shares_with_domain(const std::string& domain, int limit);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
