#!/usr/bin/env bash
# Resident portal benchmark: GET /mijn-gezicht (the portal's home: the
# contact person, open actions, requests with their promise, what was asked)
# for random residents, at 32 connections, on SQLite and PostgreSQL. Each
# of --sample residents is a resident account of a random household with a
# session of its own (made in the database, as a code login would), asked
# for round-robin by wrk with bench/household.lua. Prints requests/s, p50
# and p99 per backend; the goal is p99 under 20 ms at 1,000,000 households.
#
# Usage: bench/portal.sh [--households N] [--backends "sqlite postgres"]
#                        [--duration SECONDS] [--connections C] [--sample N]
set -euo pipefail
cd "$(dirname "$0")/.."
households=1000000
backends="sqlite postgres"
duration=15
connections=32
sample=200
while (($#)); do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --backends) backends="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --sample) sample="$2"; shift 2 ;;
    *) echo "portal bench: unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ $households =~ ^[1-9][0-9]*$ ]] || { echo "--households: a whole number, not $households" >&2; exit 2; }

scripts/install-deps.sh --with-test-tools >/dev/null
[[ -x build/gezicht ]] || scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF >/dev/null
for tool in wrk curl sqlite3 psql python3; do
  command -v "$tool" >/dev/null || { echo "portal bench: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d /tmp/gezicht-portal.XXXXXX)
chmod 755 "$work"  # the PostgreSQL server runs as another user
server_pid=""
pg_started=0
cleanup() {
  [[ -n $server_pid ]] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  if ((pg_started)); then scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The SQL that makes the residents and their sessions: random households
# (seeded, so runs compare), each a resident with a session token whose
# BLAKE2b-256 the database keeps, as the server does (service/random.cpp).
make_residents() {
  python3 - "$households" "$sample" "$work/targets.txt" <<'PY'
import hashlib, random, secrets, sys
households, sample, targets = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(20261205)
chosen = rng.sample(range(1, households + 1), min(sample, households))
now = "2099-01-01T00:00:00Z"  # never idle in the run (sessions compare text)
with open(targets, "w") as lines:
    for n, household in enumerate(chosen):
        token = secrets.token_urlsafe(32)
        digest = hashlib.blake2b(token.encode(), digest_size=32).hexdigest()
        email = f"bench{n}@example.nl"
        print(f"INSERT INTO users (username, password_hash, name, role, languages, created_at, household_id, email) "
              f"VALUES ('{email}', '', 'Bewoner {n}', 'resident', 'nl', '2026-01-01T00:00:00Z', {household}, '{email}');")
        print(f"INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, assurance) "
              f"SELECT '{digest}', id, 'x', '{now}', '{now}', 'email_code' FROM users WHERE username = '{email}';")
        lines.write(f"/mijn-gezicht\t{token}\n")
PY
}

run_backend() {
  local backend=$1 db
  if [[ $backend == sqlite ]]; then
    db="$work/portal.db"
  else
    db=$(scripts/start-postgres.sh "$work/pg" "$(scripts/free-port.sh)" | tail -1)
    pg_started=1
  fi
  local started=$SECONDS
  build/gezicht demo --db "$db" --households "$households" >/dev/null 2>&1
  echo "$backend: demo of $households households in $((SECONDS - started)) s" >&2
  make_residents >"$work/residents.sql"
  if [[ $backend == sqlite ]]; then sqlite3 "$db" <"$work/residents.sql"; else psql -q "$db" -f "$work/residents.sql" >/dev/null; fi
  local port
  port=$(scripts/free-port.sh)
  build/gezicht serve --db "$db" --listen "127.0.0.1:$port" --mail-outbox "$work/outbox" >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  # Every resident's home answers 200 before it is measured.
  while IFS=$'\t' read -r path token; do
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: gz_session=$token" "http://127.0.0.1:$port$path")
    [[ $code == 200 ]] || { echo "portal bench: $path answered $code" >&2; exit 1; }
  done <"$work/targets.txt"
  wrk -t2 "-c$connections" "-d${duration}s" -s bench/household.lua "http://127.0.0.1:$port" -- "$work/targets.txt" \
    | awk -v backend="$backend" -v households="$households" '/^RESULT/ {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "| %s | %s | %.0f | %.1f ms | %.1f ms | %s |\n", backend, households, v["rps"], v["p50_ms"], v["p99_ms"], v["status_errors"] }'
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [[ $backend == postgres ]]; then scripts/stop-postgres.sh "$work/pg" >/dev/null; pg_started=0; fi
}

echo "| backend | households | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
for backend in $backends; do run_backend "$backend"; done
