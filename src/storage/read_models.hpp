#pragma once
// Read models: tables derived from the base tables that the database keeps
// itself, with triggers on every change to the tables they are made from,
// so that no write path, manual SQL fix, retention run or loader can leave
// them stale. Application code never writes them. Each carries a format
// version in `read_models`; a build whose definition differs rebuilds it
// from the base tables when it migrates. Access is never decided from one.
//
// face_latest_contacts: each face's latest contact with each household,
// MAX(contacts.at) per (household_id, involved_id).
// household_caseload: a household's row of the caseload, with the inputs of
// its figures (the first adult, open actions' due dates, each face's latest
// contact, the changes of fixed contact) as small JSON lists, which the
// domain's rules count for the day asked about. The caseload of 60 reads 60
// rows instead of several hundred index steps (docs/performance.md).

#include "storage/database.hpp"

namespace gezicht::storage {

// Builds every read model whose stored format differs from this build's (or
// that is missing), and removes those this build no longer has, each with
// the removal SQL stored when it was built. Called by apply_migrations once
// all migrations are in; one transaction.
void ensure_read_models(Connection& connection);

// For bulk loaders, inside the loader's own transaction: remove every read
// model (row triggers would fire for each loaded row), then, after the
// load, build them set-based. If the load fails the rollback restores them.
void drop_read_models(Connection& connection);
void build_read_models(Connection& connection);

}  // namespace gezicht::storage
