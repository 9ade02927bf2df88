#pragma once
// The auditor's pages: searching the audit trail, exporting a search as CSV
// and verifying the trail's hash chain.

#include "web/router.hpp"

namespace gezicht::web {

void add_audit_pages(Router& router);

}  // namespace gezicht::web
