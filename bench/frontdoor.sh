#!/usr/bin/env bash
# Front-door benchmark: requests per second and p99 latency at 64 connections
# for the front-door page and the frontdoor API, side by side in the same run
# with nginx serving the same page saved as a static file.
# Usage: bench/frontdoor.sh [--households N] [--duration SECONDS] [--connections C]
set -euo pipefail
cd "$(dirname "$0")/.."
households=100000
duration=15
connections=64
while (($#)); do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh --with-test-tools >/dev/null
[[ -x build/gezicht ]] || scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF >/dev/null

work=$(mktemp -d /tmp/gezicht-bench.XXXXXX)
chmod 755 "$work"
server_pid=""
nginx_conf="$work/nginx.conf"
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && nginx -c "$nginx_conf" -s stop 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "generating $households households..." >&2
start=$(date +%s.%N)
build/gezicht demo --db "$work/bench.db" --households "$households" --json > "$work/demo.json"
generated=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
postcode=$(sed -E 's/.*"example_postcode":"([^"]+)".*/\1/' "$work/demo.json")

build/gezicht serve --db "$work/bench.db" --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -E 's/listening on //' "$work/serve.out" | head -1)

# The same page, saved as a static file for nginx.
mkdir -p "$work/www"
curl -sf "$base/?postcode=$postcode" -o "$work/www/index.html"
nginx_port=$((20000 + RANDOM % 12000))  # below the ephemeral range (32768 and up)
cat > "$nginx_conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $work/www; default_type text/html; }
  }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$nginx_conf"

run_wrk() {  # name url -> "name rps p50 p99"
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$2" > "$work/wrk.txt"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $4}' "$work/wrk.txt")
  printf "%-34s %12s %10s %10s %s\n" "$1" "$rps" "$p50" "$p99" "${non2xx:+($non2xx non-2xx!)}"
}

# Warm up both, so neither pays for first-touch costs in the measurement.
wrk -t1 -c8 -d2s "$base/?postcode=$postcode" >/dev/null
wrk -t1 -c8 -d2s "http://127.0.0.1:$nginx_port/index.html" >/dev/null

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "households: $households (generated in ${generated}s), postcode $postcode, $connections connections, ${duration}s each"
printf "%-34s %12s %10s %10s\n" "target" "requests/s" "p50" "p99"
run_wrk "nginx static (same page)" "http://127.0.0.1:$nginx_port/index.html"
run_wrk "gezicht page /?postcode=" "$base/?postcode=$postcode"
run_wrk "gezicht API /api/v1/frontdoor" "$base/api/v1/frontdoor?postcode=$postcode"
