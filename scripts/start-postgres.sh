#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for tests and benchmarks.
# Usage: scripts/start-postgres.sh DATA_DIR PORT
# Progress goes to stderr; the last (only) line of stdout is the connection URL.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 DATA_DIR PORT" >&2
  exit 2
fi
port=$2
pg_bin=/usr/lib/postgresql/15/bin
# Absolute, because the server commands run from / (see as_pg).
data_dir=$(realpath -m "$1")

# initdb and postgres refuse to run as root, so as root we become the
# postgres system user. cd / because root's working directory may be
# unreadable to that user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

mkdir -p "$(dirname "$data_dir")"
if [[ ! -f $data_dir/PG_VERSION ]]; then
  mkdir -p "$data_dir"
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$data_dir"; fi
  if ! as_pg test -w "$data_dir"; then
    echo "start-postgres: the postgres user cannot write $data_dir (check the parent directories' permissions)" >&2
    exit 1
  fi
  # C collation sorts text bytewise, like SQLite, so both databases order
  # postcodes and ISO timestamps the same. Local socket connections (only
  # this user can reach the socket in DATA_DIR) are trusted; TCP needs the password.
  as_pg "$pg_bin/initdb" -D "$data_dir" --encoding=UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >&2
  # Settings that can change per start (the port) live in a file we rewrite.
  echo "include_if_exists = 'gezicht.conf'" >>"$data_dir/postgresql.conf"
fi

if as_pg "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
  echo "start-postgres: already running in $data_dir" >&2
else
  # Only loopback TCP, and the socket in DATA_DIR since /var/run/postgresql
  # belongs to the system cluster. fsync stays on so benchmarks measure
  # real durable commits. A quote in the path is doubled for the config syntax.
  # random_page_cost = 1.1 is the usual setting for a database on SSD or in
  # memory. With the default 4 the planner hashed the whole users and
  # sessions tables to find one row (the session, a household's fixed
  # contact); it now uses their primary keys. See docs/performance.md.
  socket_dir=${data_dir//\'/\'\'}
  as_pg tee "$data_dir/gezicht.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket_dir'
fsync = on
random_page_cost = 1.1
CONF
  # -w waits (bounded by -t) until the server accepts connections: right
  # after a start without waiting, `pg_ctl status` may not see the new
  # postmaster yet, which looked like a failed start.
  if ! as_pg "$pg_bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 start >&2; then
    echo "start-postgres: the server did not start; end of $data_dir/server.log:" >&2
    tail -n 20 "$data_dir/server.log" >&2 || true
    exit 1
  fi
fi

# Bounded wait: a server that does not come up must fail the run, not hang it.
# Asking through this server's own socket, because 127.0.0.1:PORT may answer
# from another server; ours only gets there once its TCP listener is up too.
ready() { "$pg_bin/pg_isready" -q -h "$data_dir" -p "$port"; }
for _ in $(seq 60); do
  if ready; then break; fi
  sleep 0.5
done
if ! ready; then
  echo "start-postgres: not accepting connections on 127.0.0.1:$port after 30 s; see $data_dir/server.log" >&2
  exit 1
fi

# \gexec runs the generated statement only when it is needed, so reruns are harmless.
as_pg "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data_dir" -p "$port" -U postgres -d postgres <<'SQL'
SELECT 'CREATE ROLE gezicht LOGIN PASSWORD ''gezicht'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gezicht') \gexec
SELECT 'CREATE DATABASE gezicht OWNER gezicht'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'gezicht') \gexec
SQL

echo "postgresql://gezicht:gezicht@127.0.0.1:$port/gezicht"
