#!/usr/bin/env bash
# Faces benchmark: requests per second and p99 latency for a staff member's
# face, /gezichten/{id}, with a photo (read from the database and decoded from
# base64 per request) and without one (the initials), side by side in the
# same run with nginx serving the same JPEG as a static file.
# Usage: bench/faces.sh [--households N] [--duration SECONDS] [--connections C]
set -euo pipefail
cd "$(dirname "$0")/.."
households=2000
# shellcheck source=bench/side_by_side.sh
source bench/side_by_side.sh "$@"

echo "generating $households households..." >&2
build/gezicht demo --db "$work/bench.db" --households "$households" --json > "$work/demo.json"
username=$(node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1])); console.log(d.logins.find((l) => l.role === "professional").username)' "$work/demo.json")
# A 600 x 400 photo, made by the tests' own PNG writer, imported for that professional.
node --input-type=module -e "
  import { png } from '$PWD/tests/e2e/lib/images.mjs';
  import { writeFileSync } from 'node:fs';
  writeFileSync('$work/face.png', png(600, 400, (x, y) => [(x * 7) % 256, (y * 5) % 256, 120]));"
printf '{"teams": [], "photos": [{"username": "%s", "file": "face.png"}]}' "$username" > "$work/photos.json"
build/gezicht directory import --db "$work/bench.db" "$work/photos.json" >&2

start_gezicht "$work/bench.db"
with_photo=$(sqlite3 "$work/bench.db" "SELECT user_id FROM user_photos LIMIT 1")
without=$(sqlite3 "$work/bench.db" "SELECT id FROM users WHERE role = 'professional' AND id NOT IN (SELECT user_id FROM user_photos) LIMIT 1")

# The same JPEG, saved as a static file for nginx.
mkdir -p "$work/www"
curl -sf "$base/gezichten/$with_photo" -o "$work/www/face.jpg"
start_nginx image/jpeg

# Warm up both, so neither pays for first-touch costs in the measurement.
wrk -t1 -c8 -d2s "$base/gezichten/$with_photo" >/dev/null
wrk -t1 -c8 -d2s "http://127.0.0.1:$nginx_port/face.jpg" >/dev/null

print_machine
echo "households: $households, photo $(stat -c %s "$work/www/face.jpg") bytes, $connections connections, ${duration}s each"
printf "%-34s %12s %10s %10s\n" "target" "requests/s" "p50" "p99"
run_wrk "nginx static (same JPEG)" "http://127.0.0.1:$nginx_port/face.jpg"
run_wrk "gezicht /gezichten/{id} photo" "$base/gezichten/$with_photo"
run_wrk "gezicht /gezichten/{id} initials" "$base/gezichten/$without"
run_wrk "gezicht /avatars/{id}.svg" "$base/avatars/$without.svg"
