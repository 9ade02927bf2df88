#!/usr/bin/env bash
# Stops a server started by scripts/start-postgres.sh.
# Usage: scripts/stop-postgres.sh DATA_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DATA_DIR" >&2
  exit 2
fi
pg_bin=/usr/lib/postgresql/15/bin
data_dir=$(realpath -m "$1")

# The server runs as the postgres user (see start-postgres.sh).
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Stopping a server that is not running is not an error, so cleanup can always call this.
if ! as_pg "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
  echo "stop-postgres: no server running in $data_dir" >&2
  exit 0
fi
# fast: roll back open sessions instead of waiting for clients to leave.
as_pg "$pg_bin/pg_ctl" -D "$data_dir" -m fast -w stop >&2
