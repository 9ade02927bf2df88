#!/usr/bin/env bash
# Breakthrough benchmark, on SQLite and PostgreSQL: a demo municipality of
# --households households with --requests breakthrough requests asked this
# quarter (2% still open, the rest decided or carried out). Measures
#  - the team's queue (GET /api/v1/breakthroughs as a breakthrough member) at
#    32 connections with wrk: requests/s, p50, p99 (goal: p99 under 20 ms at
#    1,000,000 households);
#  - the policy report over all requests (GET /api/v1/breakthroughs/report):
#    the median and the slowest of 15 runs, one at a time (goal: under 200 ms
#    at 100,000 requests), and the XLSX export the same way.
#
# Usage: bench/breakthrough.sh [--households N] [--requests N] [--backends "sqlite postgres"] [--duration S]
set -euo pipefail
cd "$(dirname "$0")/.."
households=1000000
requests=100000
backends="sqlite postgres"
duration=15
while (($#)); do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --backends) backends="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) echo "breakthrough bench: unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ $households =~ ^[1-9][0-9]*$ ]] || { echo "--households: a whole number, not $households" >&2; exit 2; }
[[ $requests =~ ^[1-9][0-9]*$ ]] || { echo "--requests: a whole number, not $requests" >&2; exit 2; }

scripts/install-deps.sh --with-test-tools >/dev/null
[[ -x build/gezicht ]] || scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF >/dev/null
for tool in wrk curl sqlite3 psql python3; do
  command -v "$tool" >/dev/null || { echo "breakthrough bench: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d /tmp/gezicht-breakthrough.XXXXXX)
chmod 755 "$work"  # the PostgreSQL server runs as another user
server_pid=""
pg_started=0
cleanup() {
  [[ -n $server_pid ]] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  if ((pg_started)); then scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The requests (seeded, so runs compare) and a session for the demo's
# breakthrough member, whose token's BLAKE2b-256 the database keeps as the
# server does (service/random.cpp). Times fall in this quarter, before now.
make_requests() {
  python3 - "$households" "$requests" "$work/token" <<'PY'
import datetime, hashlib, random, secrets, sys
households, count, token_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(20261205)
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
start = datetime.datetime(now.year, (now.month - 1) // 3 * 3 + 1, 1, tzinfo=datetime.timezone.utc)
span = max(1, int((now - start).total_seconds()) - 7200)
categories = ["scheme_rule", "schemes_conflict", "organisation", "waiting_list", "creditor", "other"]
rules = ["Beleidsregel bijzondere bijstand", "Wachtlijst jeugdzorg", "Kostendelersnorm", "Woningcorporatie",
         "Belastingdienst toeslagen", "Schuldeiser incasso", "Participatiewet artikel 18"]
def ts(t): return t.strftime("%Y-%m-%dT%H:%M:%SZ")
def q(s): return "'" + s.replace("'", "''") + "'"
print("BEGIN;")
rows = []
for i in range(count):
    asked = start + datetime.timedelta(seconds=rng.randrange(span))
    roll = rng.random()
    state = "submitted" if roll < 0.02 else "rejected" if roll < 0.3 else "granted" if roll < 0.7 else "executed"
    decided = None if state == "submitted" else asked + datetime.timedelta(seconds=rng.randrange(3600, 5 * 86400))
    if decided and decided > now: decided = now
    granted = "NULL" if state in ("submitted", "rejected") else str(rng.randrange(0, 500000))
    actual = str(rng.randrange(0, 500000)) if state == "executed" else "NULL"
    deadline = (asked + datetime.timedelta(days=7)).strftime("%Y-%m-%d")
    rows.append("(%d, (SELECT id FROM users WHERE role = 'professional' ORDER BY id LIMIT 1), %s, 'normal', %s, "
                "'Vast', 'Vast', %s, %s, 'Doel', 'Nodig', 'Wens', 'Voorstel', %d, 0, %d, 3, 12, %s, %s, %s, %s)" % (
        rng.randrange(1, households + 1), q(ts(asked)), q(deadline), q(rng.choice(categories)), q(rng.choice(rules)),
        rng.randrange(0, 500000), rng.randrange(0, 3000000), q(state), "NULL" if not decided else q(ts(decided)),
        granted, actual))
    if len(rows) == 1000 or i == count - 1:
        print("INSERT INTO breakthroughs (household_id, requested_by, asked_at, urgency, deadline, stuck_resident, "
              "stuck_professional, category, blocking_rule, rule_purpose, professional_judgement, resident_wish, "
              "proposal, one_off_cents, monthly_cents, muddling_yearly_cents, muddling_faces, muddling_contacts, state, "
              "decided_at, granted_cents, actual_cents) VALUES\n" + ",\n".join(rows) + ";")
        rows = []
token = secrets.token_urlsafe(32)
digest = hashlib.blake2b(token.encode(), digest_size=32).hexdigest()
print("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, assurance) "
      "SELECT '%s', id, 'x', '2099-01-01T00:00:00Z', '2099-01-01T00:00:00Z', 'password' FROM users "
      "WHERE role = 'breakthrough_member' ORDER BY id LIMIT 1;" % digest)
print("COMMIT;")
open(token_file, "w").write(token)
PY
}

# Median and slowest of 15 timed GETs, one at a time, in milliseconds.
time_get() {
  local url=$1 token=$2
  for _ in $(seq 15); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: gz_session=$token" "$url"
  done | awk '$1 != 200 { print "breakthrough bench: " $1 " from the report" > "/dev/stderr"; exit 1 }
              { print $2 * 1000 }' | sort -n | awk '{ t[NR] = $1 } END { printf "%.0f ms | %.0f ms", t[int((NR + 1) / 2)], t[NR] }'
}

run_backend() {
  local backend=$1 db
  if [[ $backend == sqlite ]]; then
    db="$work/breakthrough.db"
  else
    db=$(scripts/start-postgres.sh "$work/pg" "$(scripts/free-port.sh)" | tail -1)
    pg_started=1
  fi
  build/gezicht demo --db "$db" --households "$households" >/dev/null 2>&1
  make_requests >"$work/requests.sql"
  if [[ $backend == sqlite ]]; then sqlite3 "$db" <"$work/requests.sql"; else psql -q "$db" -f "$work/requests.sql" >/dev/null; fi
  if [[ $backend == sqlite ]]; then sqlite3 "$db" 'ANALYZE;'; else psql -q "$db" -c 'ANALYZE;' >/dev/null; fi
  local token port
  token=$(cat "$work/token")
  port=$(scripts/free-port.sh)
  build/gezicht serve --db "$db" --listen "127.0.0.1:$port" --mail-outbox "$work/outbox" >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: gz_session=$token" "http://127.0.0.1:$port/api/v1/breakthroughs")
  [[ $code == 200 ]] || { echo "breakthrough bench: the queue answered $code" >&2; exit 1; }
  printf '/api/v1/breakthroughs\t%s\n' "$token" >"$work/targets.txt"
  local queue report xlsx
  queue=$(wrk -t2 -c32 "-d${duration}s" -s bench/household.lua "http://127.0.0.1:$port" -- "$work/targets.txt" |
    awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                     printf "%.0f | %.1f ms | %.1f ms | %s", v["rps"], v["p50_ms"], v["p99_ms"], v["status_errors"] }')
  report=$(time_get "http://127.0.0.1:$port/api/v1/breakthroughs/report" "$token")
  xlsx=$(time_get "http://127.0.0.1:$port/api/v1/breakthroughs/report?format=xlsx" "$token")
  echo "| $backend | $households | $requests | $queue | $report | $xlsx |"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [[ $backend == postgres ]]; then scripts/stop-postgres.sh "$work/pg" >/dev/null; pg_started=0; fi
}

echo "| backend | households | requests | queue requests/s | queue p50 | queue p99 | errors | report median | report slowest | xlsx median | xlsx slowest |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for backend in $backends; do run_backend "$backend"; done
