#!/usr/bin/env bash
# Several servers on one PostgreSQL: a mixed load (bench/cluster.lua: household
# pages, API reads and contacts written, each by the household's own fixed
# contact) against one server and against two, both behind the same nginx
# setup, on the same database, in turn. Prints requests per second, p50 and
# p99 side by side, and the CPU time per request of the servers, PostgreSQL
# and nginx, which says where the time goes on a machine this small.
#
# Usage: bench/cluster.sh [--households N] [--duration SECONDS] [--connections C] [--rounds R]
set -euo pipefail
cd "$(dirname "$0")/.."
households=10000
duration=15
connections=32
rounds=2
sample=200
while (($#)); do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ $households =~ ^[1-9][0-9]*$ ]] || { echo "--households: a number, not $households" >&2; exit 2; }
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "--rounds: a whole number from 1, not $rounds" >&2; exit 2; }

scripts/install-deps.sh --with-test-tools >/dev/null
[[ -x build/gezicht ]] || scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF >/dev/null
for tool in wrk curl psql nginx awk python3; do
  command -v "$tool" >/dev/null || { echo "cluster bench: $tool is missing" >&2; exit 1; }
done

password="welkom-in-de-wijk"  # every demo account's
work=$(mktemp -d /tmp/gezicht-cluster.XXXXXX)
chmod 755 "$work"  # PostgreSQL and nginx's workers run as other users
declare -A server_pids=() nginx_ports=()
pg_started=0
cleanup() {
  local pid
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for conf in "$work"/nginx-*.conf; do
    [[ -f $conf ]] && nginx -c "$conf" -e "$work/nginx-error.log" -s stop 2>/dev/null || true
  done
  if ((pg_started)); then scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "cluster bench: $*" >&2
  exit 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
tree_ticks() {  # a process and its children (PostgreSQL's backends, nginx's workers)
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1"); do total=$((total + $(cpu_ticks "$pid"))); done
  echo "$total"
}

# --- PostgreSQL and the demo --------------------------------------------------------------------
pg_port=$(scripts/free-port.sh)
db=$(scripts/start-postgres.sh "$work/pg" "$pg_port" 2>"$work/pg-start.log" | tail -n 1) ||
  { cat "$work/pg-start.log" >&2; fail "PostgreSQL did not start"; }
pg_started=1
build/gezicht migrate --db "$db" --reset >/dev/null
echo "generating $households households (20 contacts each) ..." >&2
build/gezicht demo --db "$db" --households "$households" --contacts-per-household 20 --json > "$work/demo.json"
psql "postgresql://postgres@/gezicht?host=$work/pg&port=$pg_port" -X -q -c "VACUUM (ANALYZE)" -c CHECKPOINT ||
  fail "VACUUM and CHECKPOINT after the demo load failed"

# --- Two servers (the one-server setup uses the first only) -------------------------------------
start_server() {  # name
  "build/gezicht" serve --db "$db" --listen 127.0.0.1:0 --trusted-proxy 127.0.0.1 --mail-outbox "$work/outbox" \
    > "$work/serve-$1.out" 2> "$work/serve-$1.log" &
  server_pids[$1]=$!
  for _ in $(seq 600); do
    grep -q '^listening on ' "$work/serve-$1.out" && return 0
    kill -0 "${server_pids[$1]}" 2>/dev/null || { tail -n 20 "$work/serve-$1.log" >&2; fail "server $1 exited"; }
    sleep 0.1
  done
  fail "server $1 did not start"
}
start_server a
start_server b
port_of() { sed -nE 's/^listening on http:\/\/127\.0\.0\.1:([0-9]+).*/\1/p' "$work/serve-$1.out" | head -n 1; }

start_nginx() {  # name server-names...
  local name=$1 port upstream="" server
  shift
  port=$(scripts/free-port.sh)
  for server in "$@"; do upstream+="    server 127.0.0.1:$(port_of "$server");"$'\n'; done
  mkdir -p "$work/nginx-tmp"
  chmod 777 "$work/nginx-tmp"
  cat > "$work/nginx-$name.conf" <<CONF
worker_processes 1;
pid $work/nginx-$name.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp;
  scgi_temp_path $work/nginx-tmp;
  upstream gezicht {
$upstream    keepalive 64;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://gezicht;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF
  nginx -c "$work/nginx-$name.conf" -e "$work/nginx-error.log" || fail "nginx $name did not start"
  nginx_ports[$name]=$port
}
start_nginx one a
start_nginx two a b

# --- Who asks for what ----------------------------------------------------------------------------
at=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
psql "$db" -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -c "
  SELECT h.id, u.username, u.id FROM households h JOIN users u ON u.id = h.fixed_contact_id
  WHERE u.active = 1 ORDER BY md5(h.id::text) LIMIT $sample" > "$work/sample.tsv"
[[ -s $work/sample.tsv ]] || fail "no households with a fixed contact"
declare -A cookies=() csrfs=()
: > "$work/targets.tsv"
n=0
while IFS=$'\t' read -r household username user_id; do
  if [[ -z ${cookies[$username]:-} ]]; then
    rm -f "$work/jar"
    curl -sf -c "$work/jar" -o "$work/login.json" -H 'Content-Type: application/json' \
      --data "{\"username\":\"$username\",\"password\":\"$password\"}" "http://127.0.0.1:$(port_of a)/api/v1/login" ||
      fail "login as $username failed"
    cookies[$username]=$(awk '$6 == "gz_session" {print $7}' "$work/jar")
    csrfs[$username]=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$work/login.json")
  fi
  cookie=${cookies[$username]}
  printf 'GET\t/huishoudens/%s\t%s\t-\t-\n' "$household" "$cookie" >> "$work/targets.tsv"
  printf 'GET\t/api/v1/households/%s\t%s\t-\t-\n' "$household" "$cookie" >> "$work/targets.tsv"
  if ((n % 2 == 0)); then
    printf 'POST\t/api/v1/households/%s/contacts\t%s\t%s\t{"professional_id":%s,"at":"%s","channel":"phone"}\n' \
      "$household" "$cookie" "${csrfs[$username]}" "$user_id" "$at" >> "$work/targets.tsv"
  fi
  n=$((n + 1))
done < "$work/sample.tsv"
# Each request once, before wrk: a refused one would measure nothing.
while IFS=$'\t' read -r method path cookie csrf body; do
  if [[ $method == GET ]]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: gz_session=$cookie" "http://127.0.0.1:${nginx_ports[two]}$path")
    [[ $status == 200 ]] || fail "GET $path answered $status"
  else
    status=$(curl -s -o "$work/post.out" -w '%{http_code}' -H "Cookie: gz_session=$cookie" -H "X-CSRF-Token: $csrf" \
      -H 'Content-Type: application/json' --data "$body" "http://127.0.0.1:${nginx_ports[two]}$path")
    [[ $status == 201 ]] || fail "POST $path answered $status: $(head -c 300 "$work/post.out")"
  fi
done < "$work/targets.tsv"
reads=$(grep -c '^GET' "$work/targets.tsv")
writes=$(grep -c '^POST' "$work/targets.tsv")
echo "mix: $reads reads (page and API) and $writes contact writes per round of the list, $(wc -l < "$work/sample.tsv") households" >&2

# --- Rounds -----------------------------------------------------------------------------------------
hz=$(getconf CLK_TCK)
postmaster=$(head -n 1 "$work/pg/postmaster.pid")
: > "$work/rounds.txt"
measure() {  # setup-name
  local port=${nginx_ports[$1]} nginx_master
  nginx_master=$(cat "$work/nginx-$1.pid")
  wrk -t2 -c8 -d2s -s bench/cluster.lua "http://127.0.0.1:$port" -- "$work/targets.tsv" >/dev/null 2>&1 || true
  local s0 p0 n0
  s0=$(($(cpu_ticks "${server_pids[a]}") + $(cpu_ticks "${server_pids[b]}")))
  p0=$(tree_ticks "$postmaster")
  n0=$(tree_ticks "$nginx_master")
  wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s -s bench/cluster.lua "http://127.0.0.1:$port" \
    -- "$work/targets.tsv" > "$work/wrk.txt" 2>&1 || { cat "$work/wrk.txt" >&2; fail "wrk failed"; }
  local result requests
  result=$(grep '^RESULT ' "$work/wrk.txt") || { cat "$work/wrk.txt" >&2; fail "wrk printed no RESULT"; }
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
  local server_us pg_us nginx_us
  server_us=$(awk -v t=$(($(cpu_ticks "${server_pids[a]}") + $(cpu_ticks "${server_pids[b]}") - s0)) -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')
  pg_us=$(awk -v t=$(($(tree_ticks "$postmaster") - p0)) -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')
  nginx_us=$(awk -v t=$(($(tree_ticks "$nginx_master") - n0)) -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')
  echo "$1 $(sed -E 's/.* rps=([^ ]+) p50_ms=([^ ]+) p99_ms=([^ ]+) status_errors=([0-9]+) socket_errors=([0-9]+).*/\1 \2 \3 \4+\5/' <<<"$result") $server_us $pg_us $nginx_us" >> "$work/rounds.txt"
  echo "  $1 server(s): $(tail -n 1 "$work/rounds.txt")" >&2
}
for ((r = 1; r <= rounds; r++)); do
  measure one
  measure two
done

echo
echo "machine: $(nproc) cores; $households households on PostgreSQL 15; wrk -t2 -c$connections -d${duration}s, $rounds round(s), both setups behind nginx"
printf "%-12s %10s %9s %9s %8s %16s %14s %13s\n" "servers" "req/s" "p50 ms" "p99 ms" "errors" "server µs/req" "PG µs/req" "nginx µs/req"
for setup in one two; do
  awk -v s="$setup" '$1 == s' "$work/rounds.txt" | sort -k2 -n | awk -v rounds="$rounds" '
    { line[NR] = $0 } END { split(line[int((NR + 1) / 2)], f, " ");
      printf "%-12s %10s %9s %9s %8s %16s %14s %13s\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8] }'
done
echo "(the median round by req/s; each round: one, then two)"
