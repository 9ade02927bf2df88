#!/usr/bin/env bash
# One command for a newcomer: install, build, generate a demo municipality in
# SQLite (var/demo.db) and start the server. Prints the URL and demo logins.
# Usage: scripts/demo.sh [--households N] [--port P]
set -euo pipefail
cd "$(dirname "$0")/.."
households=2000
port=8080
while (($#)); do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF
mkdir -p var
rm -f var/demo.db var/demo.db-wal var/demo.db-shm
build/gezicht demo --db var/demo.db --households "$households"
echo
echo "Open http://127.0.0.1:${port}/ in your browser (Ctrl+C stops the server)."
exec build/gezicht serve --db var/demo.db --listen "127.0.0.1:${port}"
