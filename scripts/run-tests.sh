#!/usr/bin/env bash
# Builds gezicht with its tests, starts a throwaway PostgreSQL on a free
# loopback port, and runs every test. Expects what scripts/install-deps.sh
# --with-test-tools installs; scripts/test.sh runs both (the README's command).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh -DGEZICHT_BUILD_TESTS=ON

work=$(mktemp -d /tmp/gezicht-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# A free port, so that two test runs on one machine do not collide. The
# kernel hands out ephemeral ports in order and PostgreSQL binds only later,
# so the port is checked again by start-postgres.sh's own bind (it fails
# clearly if another server took it meanwhile).
pg_port=${GEZICHT_TEST_PG_PORT:-$(scripts/free-port.sh)}
export GEZICHT_TEST_POSTGRES_URL
GEZICHT_TEST_POSTGRES_URL=$(scripts/start-postgres.sh "$work/pg" "$pg_port")
export GEZICHT_REQUIRE_POSTGRES=1
export GEZICHT_BIN="$PWD/build/gezicht"

echo "== style: clang-format"
scripts/check-format.sh

echo "== static analysis: clang-tidy"
scripts/clang-tidy.sh

echo "== unit and storage tests (SQLite and PostgreSQL)"
(cd build && ctest --output-on-failure --timeout 300)

echo "== HTTP, browser, accessibility and durability tests"
npm run --silent test:e2e
