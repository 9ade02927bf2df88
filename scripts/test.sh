#!/usr/bin/env bash
# One command that installs what is missing, builds, starts its own
# PostgreSQL on loopback, and runs every test: unit and storage tests
# (ctest, on SQLite and PostgreSQL), then the HTTP, browser, accessibility,
# README and durability tests (node --test) against the real server.
#
# The build and the tests run under strace, and scripts/check-deps.sh then
# fails the run when they used a Debian package that scripts/install-deps.sh
# does not install: a machine that has it by hand must not hide that a fresh
# Debian 12 lacks it. GEZICHT_CHECK_DEPS=0 skips the trace.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
scripts/install-deps.sh --with-test-tools

if [[ ${GEZICHT_CHECK_DEPS:-1} == 0 ]]; then
  scripts/run-tests.sh
  exit
fi

trace=$(mktemp /tmp/gezicht-trace.XXXXXX)
trap 'rm -f "$trace"' EXIT
# --seccomp-bpf stops the traced processes only at these two calls, so the
# trace costs little. strace returns when the last traced process has ended,
# PostgreSQL included (run-tests.sh stops it), so the trace is complete.
status=0
strace -f --seccomp-bpf -qq -s 4096 -e trace=openat,execve -e status=successful \
  -o "$trace" scripts/run-tests.sh || status=$?
echo "== Debian packages used against scripts/install-deps.sh"
scripts/check-deps.sh "$trace" --with-test-tools || status=1
echo "== done in $((SECONDS - started)) s"
exit "$status"
