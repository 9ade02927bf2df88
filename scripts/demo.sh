#!/usr/bin/env bash
# One command for a newcomer: install, build, generate a demo municipality in
# SQLite (var/demo.db) and start the server. Prints the URL and demo logins.
# Usage: scripts/demo.sh [--households N] [--port P] [--db FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
households=2000
port=8080
db=var/demo.db
while (($#)); do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    *) echo "demo.sh: unknown option '$1' (usage: scripts/demo.sh [--households N] [--port P] [--db FILE])" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
if [[ -f build/CMakeCache.txt ]]; then
  # A build directory that is already set up (with or without tests) only
  # needs the program brought up to date.
  cmake --build build --target gezicht -j "${GEZICHT_BUILD_JOBS:-2}"
else
  scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF
fi
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
build/gezicht demo --db "$db" --households "$households"
echo
outbox="$(dirname "$db")/outbox"
echo "Open http://127.0.0.1:${port}/ in your browser (Ctrl+C stops the server)."
echo "E-mails (residents' login codes, invitations) are written to ${outbox}/ as .eml files."
exec build/gezicht serve --db "$db" --listen "127.0.0.1:${port}" --mail-outbox "$outbox"
