#!/usr/bin/env bash
# Front-door benchmark: requests per second and p99 latency at 64 connections
# for the front-door page and the frontdoor API, side by side in the same run
# with nginx serving the same page saved as a static file.
# Usage: bench/frontdoor.sh [--households N] [--duration SECONDS] [--connections C]
set -euo pipefail
cd "$(dirname "$0")/.."
households=100000
# shellcheck source=bench/side_by_side.sh
source bench/side_by_side.sh "$@"

echo "generating $households households..." >&2
start=$(date +%s.%N)
build/gezicht demo --db "$work/bench.db" --households "$households" --json > "$work/demo.json"
generated=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
postcode=$(sed -E 's/.*"example_postcode":"([^"]+)".*/\1/' "$work/demo.json")

start_gezicht "$work/bench.db"

# The same page, saved as a static file for nginx.
mkdir -p "$work/www"
curl -sf "$base/?postcode=$postcode" -o "$work/www/index.html"
start_nginx text/html

# Warm up both, so neither pays for first-touch costs in the measurement.
wrk -t1 -c8 -d2s "$base/?postcode=$postcode" >/dev/null
wrk -t1 -c8 -d2s "http://127.0.0.1:$nginx_port/index.html" >/dev/null

print_machine
echo "households: $households (generated in ${generated}s), postcode $postcode, $connections connections, ${duration}s each"
printf "%-34s %12s %10s %10s\n" "target" "requests/s" "p50" "p99"
run_wrk "nginx static (same page)" "http://127.0.0.1:$nginx_port/index.html"
run_wrk "gezicht page /?postcode=" "$base/?postcode=$postcode"
run_wrk "gezicht API /api/v1/frontdoor" "$base/api/v1/frontdoor?postcode=$postcode"
