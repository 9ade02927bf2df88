#!/usr/bin/env bash
# Counts the SQL statements that PostgreSQL runs for one first
# self-referral (POST /api/v1/referrals for an address not known yet, the
# request that makes a household), from the server's own statement log.
#
# Usage: bench/statements.sh [GEZICHT_BINARY ...]   (default build/gezicht)
# Several binaries are counted side by side, each on a fresh database, so a
# change can be compared with the binary from before it. Beside the
# statements the server sends, it counts those the database runs inside
# its triggers (the read models, storage/read_models.hpp), from
# pg_stat_statements with nested statements tracked.
set -euo pipefail
cd "$(dirname "$0")/.."
binaries=("$@")
((${#binaries[@]})) || binaries=(build/gezicht)
for tool in curl psql; do command -v "$tool" >/dev/null || { echo "statements: $tool is missing" >&2; exit 1; }; done

work=$(mktemp -d /tmp/gezicht-statements.XXXXXX)
chmod 755 "$work"
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
pg_port=$(scripts/free-port.sh)
url=$(scripts/start-postgres.sh "$work/pg" "$pg_port" 2>/dev/null)
log="$work/pg/server.log"
as_owner() {
  # The database user may not reload; the server's owner may.
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}
reload() { as_owner /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" reload >/dev/null; }
# pg_stat_statements is loaded at start-up only.
printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = 'all'\n" >>"$work/pg/gezicht.conf"
as_owner /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" restart -w -l "$log" >/dev/null
superuser="postgresql://postgres@/gezicht?host=$work/pg&port=$pg_port"
# In a schema of its own: `gezicht migrate --reset` drops the public schema.
psql "$superuser" -X -q -c "CREATE SCHEMA stats" -c "CREATE EXTENSION pg_stat_statements SCHEMA stats" >/dev/null

printf '%-40s %s\n' "binary" "statements for one first self-referral: sent by the server / run in triggers"
for binary in "${binaries[@]}"; do
  "$binary" migrate --db "$url" --reset >/dev/null
  "$binary" demo --db "$url" --households 100 --json >"$work/demo.json"
  port=$(scripts/free-port.sh)
  "$binary" serve --db "$url" --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  # Statements are logged from here on: only the self-referral's (the
  # server does nothing else meanwhile; the read audit writer has nothing queued).
  echo "log_statement = 'all'" >>"$work/pg/gezicht.conf"
  reload
  sleep 0.5
  before=$(wc -l <"$log")
  psql "$superuser" -X -q -c "SELECT stats.pg_stat_statements_reset()" >/dev/null
  curl -sf -o /dev/null -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$port/api/v1/referrals" \
    --data '{"postcode":"2500AB","house_number":"999","name":"Meting Statements","phone":"0612345678","email":"","question":"Hoeveel statements?","language":"nl","channel":"phone","trusted_person":false}' ||
    { echo "statements: the self-referral was refused by $binary" >&2; exit 1; }
  sleep 1  # the audit trail writes its batch
  count=$(tail -n +"$((before + 1))" "$log" | grep -cE 'LOG:  (statement|execute [^ ]*):' || true)
  nested=$(psql "$superuser" -X -q -A -t -c "SELECT COALESCE(SUM(calls), 0) FROM stats.pg_stat_statements WHERE NOT toplevel")
  sed -i "/^log_statement = 'all'$/d" "$work/pg/gezicht.conf"
  reload
  kill "$server"; wait "$server" 2>/dev/null || true
  server=""
  printf '%-40s %s / %s\n' "$binary" "$count" "$nested"
done
