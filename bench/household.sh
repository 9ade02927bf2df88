#!/usr/bin/env bash
# Household benchmark: requests per second and p50/p99 latency at 32
# connections for
#   - the household page  GET /huishoudens/{id}
#   - the household API   GET /api/v1/households/{id}
#     (200 random households with a fixed contact, each asked for by that
#     fixed contact's own session, round-robin), and
#   - the caseload page   GET /mijn-huishoudens
#     (the professional whose caseload is closest to 60 households),
# for demo municipalities of several sizes (20 contacts per household), on
# SQLite and on PostgreSQL (a throwaway server under the temp directory).
#
# Usage: bench/household.sh [--sizes "10000 100000 1000000"] [--backends "sqlite postgres"]
#                           [--duration SECONDS] [--connections C] [--contacts-per-household N]
#                           [--sample N] [--rounds N] [--prepare-only] [--baseline DIR]
# Two servers run on the same database, one logging every read to the audit
# trail and one with read logging off, for the audit trail's cost. Each
# target is measured --rounds times (default 3), the rounds interleaved
# (page, API, caseload, page and API without read logging, then again), and
# the tables show the median round with the range of p99 over the rounds:
# on a shared machine one slow minute should show as a range, not as the figure.
# --prepare-only generates, queries and logs in, writes the request lists,
# and stops before asking the household routes anything.
# --baseline DIR measures another build side by side in the same rounds:
# DIR is a checkout with its own build/gezicht (for example a git worktree of
# an earlier commit), run on its own database of the same size (its own file,
# or its own database on the same PostgreSQL server); its page, API and
# caseload are measured right after this build's in every round, and a last
# table gives the ratios. Figures from separate runs on a shared machine can
# differ by a quarter; figures from the same minutes cannot hide that way.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="10000 100000 1000000"
backends="sqlite postgres"
duration=15
connections=32
contacts=20
sample=200
rounds=3
prepare_only=0
baseline=""
while (($#)); do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --backends) backends="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --contacts-per-household) contacts="$2"; shift 2 ;;
    --sample) sample="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --prepare-only) prepare_only=1; shift ;;
    --baseline) baseline="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for size in $sizes; do
  [[ $size =~ ^[1-9][0-9]*$ ]] || { echo "--sizes: not a number of households: $size" >&2; exit 2; }
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "--rounds: a whole number from 1, not $rounds" >&2; exit 2; }
for backend in $backends; do
  [[ $backend == sqlite || $backend == postgres ]] || { echo "--backends: sqlite or postgres, not $backend" >&2; exit 2; }
done

if [[ -n $baseline ]]; then
  [[ -x $baseline/build/gezicht ]] || { echo "--baseline: no build at $baseline/build/gezicht" >&2; exit 2; }
  baseline=$(cd "$baseline" && pwd)
fi

scripts/install-deps.sh --with-test-tools >/dev/null
[[ -x build/gezicht ]] || scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF >/dev/null
for tool in wrk curl sqlite3 psql awk; do
  command -v "$tool" >/dev/null || { echo "household bench: $tool is missing" >&2; exit 1; }
done

password="welkom-in-de-wijk"  # every demo account's
work=$(mktemp -d /tmp/gezicht-household.XXXXXX)
chmod 755 "$work"  # the PostgreSQL server runs as another user
# The servers by name: "logged" logs every read, "unlogged" does not.
declare -A server_pids=() bases=()
# Each build's database and, on PostgreSQL, its database name.
declare -A databases=() pg_names=([this]=gezicht [baseline]=gezicht_baseline)
pg_started=0
stop_servers() {
  local name
  for name in "${!server_pids[@]}"; do
    kill "${server_pids[$name]}" 2>/dev/null || true
    wait "${server_pids[$name]}" 2>/dev/null || true
  done
  server_pids=()
  bases=()
}
cleanup() {
  stop_servers
  if ((pg_started)); then scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "household bench: $*" >&2
  exit 1
}

# A loopback port nobody listens on, below the range the kernel hands out
# to outgoing connections: a port picked there may be taken by one of wrk's
# connections by the time PostgreSQL binds it (seen as "Address already in use").
free_port() {
  local port ephemeral
  ephemeral=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  ((ephemeral > 21000)) || ephemeral=32768
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % (ephemeral - 20000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port found"
}

# SQL -> rows of tab-separated fields, on the current backend.
query() {
  if [[ $backend == sqlite ]]; then
    sqlite3 -batch -noheader -separator $'\t' "$db" "$1"
  else
    psql "$db" -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -c "$1"
  fi
}

start_server() {  # name binary [extra serve options]
  local name=$1 binary=$2 pid url
  shift 2
  : > "$work/serve-$name.out"
  "$binary" serve --db "$db" --listen 127.0.0.1:0 "$@" > "$work/serve-$name.out" 2> "$work/serve-$name.log" &
  pid=$!
  server_pids[$name]=$pid
  for _ in $(seq 600); do
    grep -q '^listening on ' "$work/serve-$name.out" && break
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$work/serve-$name.log" >&2
      unset "server_pids[$name]"
      fail "the $name server exited during startup"
    fi
    sleep 0.1
  done
  # Log lines may come first on standard output (a warning at start-up).
  url=$(sed -nE 's/^listening on (http:\/\/[^ ]+).*/\1/p' "$work/serve-$name.out" | head -n 1)
  [[ -n $url ]] || { cat "$work/serve-$name.out" "$work/serve-$name.log" >&2; fail "the $name server did not say where it listens"; }
  bases[$name]=$url
}

# username server -> the gz_session cookie of a fresh session
login() {
  local jar="$work/cookies.txt" status
  rm -f "$jar"
  status=$(curl -s --max-time 30 -o "$work/login.out" -w '%{http_code}' -c "$jar" \
    -H 'Content-Type: application/json' \
    --data "{\"username\":\"$1\",\"password\":\"$password\"}" "${bases[$2]}/api/v1/login") || status="no answer"
  [[ $status == 200 ]] || fail "POST /api/v1/login as $1 answered $status: $(head -c 300 "$work/login.out" 2>/dev/null)"
  awk '$6 == "gz_session" {print $7}' "$jar"
}

# Every line of a targets file must answer 200 before wrk measures it; the
# first one that does not stops the run with its status and the start of the body.
check_targets() {  # label file server
  local path cookie status checked=0
  while IFS=$'\t' read -r path cookie; do
    status=$(curl -s --max-time 30 -o "$work/check.out" -w '%{http_code}' \
      -H "Cookie: gz_session=$cookie" "${bases[$3]}$path") || status="no answer"
    if [[ $status != 200 ]]; then
      echo "household bench: GET $path ($1, $3 server, as a professional who may see it) answered $status, not 200." >&2
      echo "First bytes of the answer:" >&2
      head -c 400 "$work/check.out" >&2 2>/dev/null || true
      echo >&2
      fail "stopping before wrk: $1 does not answer 200"
    fi
    checked=$((checked + 1))
  done < "$2"
  echo "  checked $checked x GET $1 ($3 server): all 200" >&2
}

# CPU time (user + system, in clock ticks) of a process and its threads.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# CPU ticks of every process of the PostgreSQL server (its backends come and
# go with connections, so they are found anew each time).
postgres_ticks() {
  local postmaster total=0 pid
  [[ $backend == postgres ]] || { echo 0; return; }
  postmaster=$(head -n 1 "$work/pg/postmaster.pid")
  for pid in $postmaster $(pgrep -P "$postmaster"); do total=$((total + $(cpu_ticks "$pid"))); done
  echo "$total"
}

# label targets-file server -> one measured round, a line of
# $work/rounds-$backend.txt. Besides latency it records the CPU time per
# request of the server and of PostgreSQL: less noisy than p99 on a shared
# machine, and it says where the time goes.
run_wrk() {
  local base=${bases[$3]} server_pid=${server_pids[$3]}
  # A short warm-up first, so no target pays for first-touch costs.
  wrk -t2 -c8 -d2s -s bench/household.lua "$base" -- "$2" > /dev/null 2>&1 || true
  local server_before postgres_before
  server_before=$(cpu_ticks "$server_pid")
  postgres_before=$(postgres_ticks)
  wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s -s bench/household.lua "$base" -- "$2" \
    > "$work/wrk.txt" 2>&1 || { cat "$work/wrk.txt" >&2; fail "wrk failed for $1"; }
  local server_ticks=$(($(cpu_ticks "$server_pid") - server_before))
  local postgres_cpu=$(($(postgres_ticks) - postgres_before))
  local result rps p50 p99 errors requests server_us postgres_us
  result=$(grep '^RESULT ' "$work/wrk.txt") || { cat "$work/wrk.txt" >&2; fail "wrk printed no RESULT line for $1"; }
  rps=$(sed -E 's/.* rps=([^ ]+).*/\1/' <<<"$result")
  p50=$(sed -E 's/.* p50_ms=([^ ]+).*/\1/' <<<"$result")
  p99=$(sed -E 's/.* p99_ms=([^ ]+).*/\1/' <<<"$result")
  errors=$(sed -E 's/.* status_errors=([0-9]+) socket_errors=([0-9]+).*/\1+\2/' <<<"$result")
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
  local hz
  hz=$(getconf CLK_TCK)
  server_us=$(awk -v t="$server_ticks" -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')
  postgres_us=$(awk -v t="$postgres_cpu" -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')
  [[ $backend == postgres ]] || postgres_us="-"
  echo "$size|$1|$rps|$p50|$p99|$server_us|$postgres_us|$errors" >> "$work/rounds-$backend.txt"
  echo "  round: $1: $rps req/s, p99 $p99 ms, server $server_us µs, pg $postgres_us µs" >&2
}

# variant binary -> a demo database of $size households made by that build,
# its servers started, its professionals logged in, and its request lists in
# $work/{page,api,caseload}$suffix.tsv. The variant is "this" for this build
# (no suffix) and "baseline" for --baseline (suffix -baseline); its servers
# are named logged$suffix (and, for this build, unlogged).
prepare_variant() {
  local variant=$1 binary=$2 suffix=""
  [[ $variant == this ]] || suffix="-$variant"
  db=${databases[$variant]}
  if [[ $backend == sqlite ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
  else
    "$binary" migrate --db "$db" --reset > /dev/null
  fi
  local start generated
  start=$(date +%s.%N)
  "$binary" demo --db "$db" --households "$size" --contacts-per-household "$contacts" --json > "$work/demo.json"
  generated=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  if [[ $backend == postgres ]]; then
    # Measure the steady state, not the aftermath of the bulk load: without
    # this, autovacuum visits the freshly loaded tables and the next
    # checkpoint writes out their pages during the first measurements (seen
    # as PostgreSQL CPU per request 40 % higher and p99 doubling between
    # runs). Local socket connections are trusted, so the superuser may ask.
    psql "postgresql://postgres@/${pg_names[$variant]}?host=$work/pg&port=$pg_port" -X -q -c "VACUUM (ANALYZE)" \
      -c CHECKPOINT || fail "VACUUM and CHECKPOINT after the demo load failed"
  fi
  local counts
  counts=$(query "SELECT (SELECT COUNT(*) FROM households), (SELECT COUNT(*) FROM contacts),
                         (SELECT COUNT(*) FROM households WHERE fixed_contact_id IS NOT NULL)")
  echo "  $variant build: generated in ${generated}s: $(tr '\t' ' ' <<<"$counts" |
    awk '{print $1 " households, " $2 " contacts, " $3 " with a fixed contact"}')" >&2

  # Random households with a fixed contact, the same ones on every backend.
  query "SELECT h.id, u.username FROM households h JOIN users u ON u.id = h.fixed_contact_id
         ORDER BY (h.id * 2654435761) % 1000003, h.id LIMIT $sample" > "$work/sample.tsv"
  [[ -s $work/sample.tsv ]] || fail "no households with a fixed contact"
  local caseload caseload_user
  caseload=$(query "SELECT u.username, COUNT(*) FROM households h JOIN users u ON u.id = h.fixed_contact_id
                    GROUP BY u.id, u.username ORDER BY ABS(COUNT(*) - 60), u.id LIMIT 1")
  IFS=$'\t' read -r caseload_user caseload_count <<<"$caseload"
  [[ -n $caseload_user ]] || fail "no professional with a caseload"

  start_server "logged$suffix" "$binary"
  [[ $variant != this ]] || start_server unlogged "$binary" --benchmark-without-read-audit
  local start_logins users
  start_logins=$(date +%s.%N)
  declare -A cookies=()
  local id username
  while IFS=$'\t' read -r id username; do
    [[ -n ${cookies[$username]:-} ]] || cookies[$username]=$(login "$username" "logged$suffix")
    [[ -n ${cookies[$username]} ]] || fail "no gz_session cookie after logging in as $username"
  done < "$work/sample.tsv"
  [[ -n ${cookies[$caseload_user]:-} ]] || cookies[$caseload_user]=$(login "$caseload_user" "logged$suffix")
  users=${#cookies[@]}
  : > "$work/page$suffix.tsv"
  : > "$work/api$suffix.tsv"
  while IFS=$'\t' read -r id username; do
    printf '/huishoudens/%s\t%s\n' "$id" "${cookies[$username]}" >> "$work/page$suffix.tsv"
    printf '/api/v1/households/%s\t%s\n' "$id" "${cookies[$username]}" >> "$work/api$suffix.tsv"
  done < "$work/sample.tsv"
  printf '/mijn-huishoudens\t%s\n' "${cookies[$caseload_user]}" > "$work/caseload$suffix.tsv"
  echo "  $(wc -l < "$work/sample.tsv") households, $users professionals logged in in" \
    "$(awk -v s="$start_logins" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')s;" \
    "caseload: $caseload_user with $caseload_count households" >&2
  printf "%-10s %-10s %10s %12s %10s %8s %s\n" "$size" "$variant" "${generated}s" "$(cut -f2 <<<"$counts")" \
    "$(wc -l < "$work/sample.tsv")" "$users" "$caseload_user ($caseload_count)" >> "$work/generated-$backend.txt"
}

run_size() {
  echo "== $backend, $size households, $contacts contacts per household" >&2
  local caseload_count baseline_caseload_count=""
  prepare_variant this build/gezicht
  local this_caseload_count=$caseload_count
  if [[ -n $baseline ]]; then
    prepare_variant baseline "$baseline/build/gezicht"
    baseline_caseload_count=$caseload_count
  fi

  if ((prepare_only)); then
    echo "  --prepare-only: request lists in $work (removed on exit):" >&2
    head -n 2 "$work"/page*.tsv "$work"/api*.tsv "$work"/caseload*.tsv | sed -E 's/\t.*/\t<cookie>/; s/^/    /' >&2
  else
    local server
    for server in logged unlogged; do
      check_targets "/huishoudens/{id}" "$work/page.tsv" $server
      check_targets "/api/v1/households/{id}" "$work/api.tsv" $server
    done
    check_targets "/mijn-huishoudens" "$work/caseload.tsv" logged
    if [[ -n $baseline ]]; then
      check_targets "/huishoudens/{id}" "$work/page-baseline.tsv" logged-baseline
      check_targets "/api/v1/households/{id}" "$work/api-baseline.tsv" logged-baseline
      check_targets "/mijn-huishoudens" "$work/caseload-baseline.tsv" logged-baseline
    fi
    local round
    for round in $(seq "$rounds"); do
      echo "  round $round of $rounds" >&2
      run_wrk "page /huishoudens/{id}" "$work/page.tsv" logged
      run_wrk "API /api/v1/households/{id}" "$work/api.tsv" logged
      run_wrk "page /mijn-huishoudens ($this_caseload_count)" "$work/caseload.tsv" logged
      # The same reads with the audit trail's read logging off, in the same
      # round, for the ratio: logging every read must not make reading slow.
      run_wrk "page, audit off" "$work/page.tsv" unlogged
      run_wrk "API, audit off" "$work/api.tsv" unlogged
      if [[ -n $baseline ]]; then
        run_wrk "baseline: page /huishoudens/{id}" "$work/page-baseline.tsv" logged-baseline
        run_wrk "baseline: API /api/v1/households/{id}" "$work/api-baseline.tsv" logged-baseline
        run_wrk "baseline: page /mijn-huishoudens ($baseline_caseload_count)" "$work/caseload-baseline.tsv" \
          logged-baseline
      fi
    done
  fi
  stop_servers
  if [[ $backend == sqlite ]]; then
    local variant
    for variant in "${!databases[@]}"; do rm -f "${databases[$variant]}"{,-wal,-shm}; done
  fi
}

# Lines "size|target|rps|p50|p99|server|pg|errors" of every round -> one
# line per size and target: the median of each figure, the range of p99,
# and the errors of all rounds together (a run with errors is flagged).
# With "raw": lines "size|target|median p99|median server µs" instead.
summarise_rounds() {
  awk -F'|' -v raw="${1:-}" '
    function median(list,    n, v, i, j, t) {
      n = split(list, v, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    {
      key = $1 "|" $2
      if (!(key in seen)) { seen[key] = 1; order[++count] = key }
      rps[key] = rps[key] " " $3; p50[key] = p50[key] " " $4; p99[key] = p99[key] " " $5
      server[key] = server[key] " " $6; pg[key] = pg[key] " " $7
      if (!(key in low) || $5 + 0 < low[key] + 0) low[key] = $5
      if (!(key in high) || $5 + 0 > high[key] + 0) high[key] = $5
      split($8, e, "+"); errors[key] += e[1] + e[2]
    }
    END {
      for (i = 1; i <= count; i++) {
        key = order[i]; split(key, k, "|")
        if (raw) { printf "%s|%s|%.2f|%.0f\n", k[1], k[2], median(p99[key]), median(server[key]); continue }
        pgfig = pg[key] ~ /-/ ? "-" : sprintf("%.0f", median(pg[key]))
        printf "%-10s %-44s %12.1f %10.2f %10.2f %14s %10.0f %10s%s\n", k[1], k[2], median(rps[key]), median(p50[key]),
          median(p99[key]), low[key] "-" high[key], median(server[key]), pgfig,
          errors[key] ? " (" errors[key] " errors!)" : ""
      }
    }'
}

print_tables() {
  echo
  echo "== $backend"
  printf "%-10s %-10s %10s %12s %10s %8s %s\n" "size" "build" "generated" "contacts" "sampled" "logins" \
    "caseload user (households)"
  cat "$work/generated-$backend.txt"
  if [[ -s $work/rounds-$backend.txt ]]; then
    echo
    echo "median of $rounds rounds; p99 range: lowest-highest p99 of the rounds"
    printf "%-10s %-44s %12s %10s %10s %14s %10s %10s\n" "size" "target" "requests/s" "p50 ms" "p99 ms" "p99 range" \
      "server µs" "pg µs"
    echo "(server µs and pg µs: CPU time per request of the gezicht process and of all PostgreSQL processes)"
    summarise_rounds < "$work/rounds-$backend.txt"
    echo
    echo "audit trail: median p99 with every read logged / with read logging off (goal: under 1.2)"
    summarise_rounds raw < "$work/rounds-$backend.txt" | awk -F'|' '
      $2 == "page /huishoudens/{id}" { on[$1 "|page"] = $3 }
      $2 == "API /api/v1/households/{id}" { on[$1 "|API"] = $3 }
      $2 == "page, audit off" { off[$1 "|page"] = $3 }
      $2 == "API, audit off" { off[$1 "|API"] = $3 }
      END { for (key in off) if (key in on) { split(key, k, "|");
              printf "%-10s %-5s %8.2f / %-8.2f = %.2f\n", k[1], k[2], on[key], off[key], on[key] / off[key] } }' | sort
    if [[ -n $baseline ]]; then
      echo
      echo "this build / baseline ($baseline), same rounds: median p99 and median server µs"
      summarise_rounds raw < "$work/rounds-$backend.txt" | awk -F'|' '
        { target = $2; side = sub(/^baseline: /, "", target) ? "baseline" : "this"
          sub(/ \([0-9]+\)$/, "", target)  # the caseload label carries its size
          if (target ~ /audit off/) next
          key = $1 "|" target; p99[key "|" side] = $3; cpu[key "|" side] = $4; keys[key] = 1 }
        END { for (key in keys) if ((key "|baseline") in p99) { split(key, k, "|")
                printf "%-10s %-32s p99 %6.2f / %-6.2f = %.2f   server µs %5.0f / %-5.0f = %.2f\n", k[1], k[2],
                  p99[key "|this"], p99[key "|baseline"], p99[key "|this"] / p99[key "|baseline"],
                  cpu[key "|this"], cpu[key "|baseline"], cpu[key "|this"] / cpu[key "|baseline"] } }' | sort -n
    fi
  fi
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "sizes: $sizes; $contacts contacts per household; $connections connections, ${duration}s each; $sample random households"
for backend in $backends; do
  : > "$work/generated-$backend.txt"
  : > "$work/rounds-$backend.txt"
  if [[ $backend == postgres ]] && ((!pg_started)); then
    pg_port=$(free_port)
    scripts/start-postgres.sh "$work/pg" "$pg_port" > /dev/null 2> "$work/pg-start.log" ||
      { cat "$work/pg-start.log" >&2; fail "PostgreSQL did not start"; }
    pg_started=1
    # Over the server's Unix socket, as a PostgreSQL on the same machine is
    # reached in production; loopback TCP costs about 10 % more per request.
    if [[ -n $baseline ]]; then
      psql "postgresql://postgres@/gezicht?host=$work/pg&port=$pg_port" -X -q -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE gezicht_baseline OWNER gezicht" || fail "could not create the baseline's database"
    fi
  fi
  databases=()
  if [[ $backend == sqlite ]]; then
    databases[this]="$work/household.db"
    databases[baseline]="$work/household-baseline.db"
  else
    databases[this]="postgresql://gezicht@/gezicht?host=$work/pg&port=$pg_port"
    databases[baseline]="postgresql://gezicht@/gezicht_baseline?host=$work/pg&port=$pg_port"
  fi
  for size in $sizes; do run_size; done
  print_tables
done
