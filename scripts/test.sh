#!/usr/bin/env bash
# One command that installs what is missing, builds, starts its own
# PostgreSQL on loopback, and runs every test: unit and storage tests
# (ctest, on SQLite and PostgreSQL), then the HTTP, browser, accessibility
# and durability tests (node --test) against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --with-test-tools
scripts/build.sh -DGEZICHT_BUILD_TESTS=ON

work=$(mktemp -d /tmp/gezicht-test.XXXXXX)
chmod 755 "$work"
pg_port=${GEZICHT_TEST_PG_PORT:-55433}
cleanup() {
  scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export GEZICHT_TEST_POSTGRES_URL
GEZICHT_TEST_POSTGRES_URL=$(scripts/start-postgres.sh "$work/pg" "$pg_port")
export GEZICHT_REQUIRE_POSTGRES=1
export GEZICHT_BIN="$PWD/build/gezicht"

echo "== style: clang-format"
scripts/check-format.sh

echo "== unit and storage tests (SQLite and PostgreSQL)"
(cd build && ctest --output-on-failure --timeout 300)

echo "== HTTP, browser, accessibility and durability tests"
npm run --silent test:e2e
