#!/usr/bin/env bash
# Makes and starts a streaming standby of a throwaway PostgreSQL 15 started
# with scripts/start-postgres.sh, and makes the primary's commits wait for it
# (synchronous replication): a write acknowledged to a resident is then on
# both servers. For tests and benchmarks on loopback; docs/operations.md says
# how to do the same on two machines.
# Usage: scripts/start-standby.sh PRIMARY_DIR PRIMARY_PORT STANDBY_DIR STANDBY_PORT
# Progress goes to stderr; the last line of stdout is the connection URL that
# names both servers and asks for the one that takes writes.
set -euo pipefail

if [[ $# -ne 4 ]]; then
  echo "usage: $0 PRIMARY_DIR PRIMARY_PORT STANDBY_DIR STANDBY_PORT" >&2
  exit 2
fi
primary_dir=$(realpath -m "$1")
primary_port=$2
standby_dir=$(realpath -m "$3")
standby_port=$4
pg_bin=/usr/lib/postgresql/15/bin
here=$(dirname "$(realpath "$0")")

as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}
primary_sql() {
  as_pg "$pg_bin/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$primary_dir" -p "$primary_port" -U postgres -d postgres -c "$1"
}

if [[ -e $standby_dir/PG_VERSION ]]; then
  echo "start-standby: $standby_dir already holds a database" >&2
  exit 1
fi
# An empty folder the postgres user owns (as in start-postgres.sh).
mkdir -p "$standby_dir"
chmod 700 "$standby_dir"
if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$standby_dir"; fi
# A copy of the running primary, streaming the WAL written meanwhile; -R
# writes standby.signal and primary_conninfo (the primary's socket, as the
# local superuser, whom the throwaway cluster trusts on its socket).
as_pg "$pg_bin/pg_basebackup" -D "$standby_dir" -h "$primary_dir" -p "$primary_port" -U postgres \
  -R -X stream -c fast >&2
# Named, so that the primary waits for this standby by name.
echo "primary_conninfo = 'host=''$primary_dir'' port=$primary_port user=postgres application_name=gezicht_standby'" |
  as_pg tee -a "$standby_dir/postgresql.auto.conf" >/dev/null
"$here/start-postgres.sh" "$standby_dir" "$standby_port" >/dev/null

# Only now, with the standby streaming: set earlier, every commit would wait.
primary_sql "ALTER SYSTEM SET synchronous_standby_names = 'gezicht_standby'" >&2
primary_sql "SELECT pg_reload_conf()" >/dev/null
for _ in $(seq 120); do
  state=$(primary_sql "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'gezicht_standby'")
  if [[ $state == sync ]]; then break; fi
  sleep 0.25
done
if [[ $state != sync ]]; then
  echo "start-standby: the standby is not synchronous after 30 s (state '$state'); see $standby_dir/server.log" >&2
  exit 1
fi
echo "start-standby: $standby_dir streams from port $primary_port, synchronously" >&2
echo "postgresql://gezicht:gezicht@127.0.0.1:$primary_port,127.0.0.1:$standby_port/gezicht?target_session_attrs=read-write"
