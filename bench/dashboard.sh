#!/usr/bin/env bash
# Dashboard benchmark (issue 17): the full dashboard (every metric, split by
# neighbourhood) of a demo municipality, on SQLite and on PostgreSQL, from
# the server's in-memory copy (service/dashboard_store.hpp); in the same run
# the same figures computed (a) by one SQL script on PostgreSQL and (b) by a
# pandas script over a CSV export, each checked against the server's rows.
#
# Usage: bench/dashboard.sh [--households N] [--contacts-per-household C]
#                           [--requests R] [--keep DIR]
#   --keep DIR  keep the generated databases in DIR and use them again when
#               the script runs with the same DIR (1,000,000 households take
#               minutes to generate); without it a temporary folder is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
households=1000000
contacts_per_household=20
requests=20
keep=""
while (($#)); do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --contacts-per-household) contacts_per_household="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh --with-test-tools >/dev/null
[[ -x build/gezicht ]] || scripts/build.sh -DGEZICHT_BUILD_TESTS=OFF >/dev/null
for tool in curl sqlite3 psql python3; do
  command -v "$tool" >/dev/null || { echo "bench/dashboard.sh: $tool is missing" >&2; exit 1; }
done
/usr/bin/python3 -c 'import pandas' 2>/dev/null || { echo "bench/dashboard.sh: python3-pandas is missing" >&2; exit 1; }

if [[ -n $keep ]]; then
  work=$(realpath -m "$keep")
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/gezicht-dashboard.XXXXXX)
fi
chmod 755 "$work"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [[ -f "$work/pg/postmaster.pid" ]]; then
    (cd / && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -m fast stop >/dev/null 2>&1) ||
      /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  fi
  [[ -z $keep ]] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

seconds_since() { awk -v now="$(date +%s.%N)" -v then="$1" 'BEGIN { printf "%.2f", now - then }'; }

# --- The databases (generated once per --keep folder) -------------------------------------------
sqlite_db="$work/dashboard.db"
if [[ ! -f "$work/sqlite.done" ]]; then
  rm -f "$sqlite_db" "$sqlite_db"-*
  echo "generating $households households, $contacts_per_household contacts each (SQLite)..." >&2
  began=$(date +%s.%N)
  build/gezicht demo --db "$sqlite_db" --households "$households" \
    --contacts-per-household "$contacts_per_household" --json > "$work/demo-sqlite.json"
  echo "  $(seconds_since "$began") s" >&2
  touch "$work/sqlite.done"
fi
pg_url=$(scripts/start-postgres.sh "$work/pg" "$(scripts/free-port.sh)" 2>/dev/null | tail -1)
if [[ ! -f "$work/postgres.done" ]]; then
  echo "generating $households households, $contacts_per_household contacts each (PostgreSQL)..." >&2
  began=$(date +%s.%N)
  build/gezicht demo --db "$pg_url" --households "$households" \
    --contacts-per-household "$contacts_per_household" --json > "$work/demo-postgres.json"
  echo "  $(seconds_since "$began") s" >&2
  psql -X -q "$pg_url" -c "ANALYZE" >/dev/null
  touch "$work/postgres.done"
fi

# --- The periods: Amsterdam days, the last 91 (the page's default) and the last 365 ------------
today=$(TZ=Europe/Amsterdam date +%F)
utc_midnight() { date -u -d "@$(TZ=Europe/Amsterdam date -d "$1 00:00" +%s)" +%FT%TZ; }
quarter_from=$(date -d "$today -90 days" +%F)
year_from=$(date -d "$today -364 days" +%F)
period_end=$(utc_midnight "$(date -d "$today +1 day" +%F)")
now=$(date -u +%FT%TZ)

# --- The server ------------------------------------------------------------------------------------
declare -A figure
login() {  # demo json -> cookie jar $work/jar
  local username
  username=$(python3 -c 'import json,sys; print(next(l["username"] for l in json.load(open(sys.argv[1]))["logins"] if l["role"] == "policy"))' "$1")
  curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
    --data "{\"username\":\"$username\",\"password\":\"welkom-in-de-wijk\"}" "$base/api/v1/login" >/dev/null
}
ask() {  # from -> seconds; the JSON in $work/answer.json
  curl -sf -b "$work/jar" -o "$work/answer.json" -w '%{time_total}' \
    "$base/api/v1/dashboard?from=$1&to=$today&split=neighbourhood"
}
median_and_p90() {  # seconds, one a line -> "median p90" in ms
  sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.0f %.0f", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)] }'
}
write_contact() {  # db: one contact with a random household, as a professional would log it
  local sql="INSERT INTO contacts (household_id, involved_id, at, channel, recorded_by, recorded_at)
    SELECT household_id, id, '$now', 'phone', (SELECT MIN(id) FROM users WHERE role = 'professional'), '$now'
    FROM involved WHERE household_id = (SELECT MIN(household_id) FROM involved WHERE household_id >= $((RANDOM * 32 % households + 1))) LIMIT 1"
  if [[ $1 == postgresql://* ]]; then psql -X -q "$1" -c "$sql" >/dev/null; else sqlite3 "$1" "$sql"; fi
}

measure_server() {  # label db demo-json
  local label=$1 db=$2 started log loaded first_answer first_year quarter year after
  started=$(date +%s.%N)
  build/gezicht serve --db "$db" --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
  server_pid=$!
  for _ in $(seq 300); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
  base=$(grep -m1 listening "$work/serve.out" | sed -E 's/listening on //')
  login "$3"
  # Asked at once: it waits for the copy that loads at start.
  ask "$quarter_from" >/dev/null
  first_answer=$(seconds_since "$started")
  log=$(grep -h "dashboard copy loaded" "$work/serve.out" "$work/serve.err" || true)
  loaded=$(sed -E 's/.* in ([0-9]+) ms/\1/' <<< "$log")
  # The year: its medians' intervals not drawn before, as on a first request.
  first_year=$(ask "$year_from" | awk '{ printf "%.0f", $1 * 1000 }')
  quarter=$(for _ in $(seq "$requests"); do ask "$quarter_from"; echo; done | median_and_p90)
  year=$(for _ in $(seq "$requests"); do ask "$year_from"; echo; done | median_and_p90)
  # A contact logged before each request: the copy reads that household again.
  after=$(for _ in $(seq "$requests"); do write_contact "$db"; ask "$year_from"; echo; done | median_and_p90)
  # The figures the SQL and pandas are checked against: after those writes, as they read the data.
  ask "$year_from" >/dev/null
  cp "$work/answer.json" "$work/server-$label.json"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  printf "%-11s %9s %12s %10s %15s %15s %15s\n" "$label" "$((loaded / 1000)).$(((loaded % 1000) / 100)) s" \
    "$first_answer s" "$first_year ms" "${quarter% *} / ${quarter#* } ms" "${year% *} / ${year#* } ms" \
    "${after% *} / ${after#* } ms"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $households households, $(sqlite3 "$sqlite_db" 'SELECT COUNT(*) FROM contacts') contacts (SQLite)"
echo "periods: quarter $quarter_from..$today, year $year_from..$today (Amsterdam days); $requests requests each"
printf "%-11s %9s %12s %10s %15s %15s %15s\n" "server" "copy load" "first answer" "first year" "quarter p50/p90" "year p50/p90" "after a write"
measure_server sqlite "$sqlite_db" "$work/demo-sqlite.json"
measure_server postgres "$pg_url" "$work/demo-postgres.json"

# --- SQL on PostgreSQL ---------------------------------------------------------------------------------
run_sql() {  # from-date -> seconds
  local began
  began=$(date +%s.%N)
  psql -X -q -A -t -F $'\t' "$pg_url" -v start="$(utc_midnight "$1")" -v end="$period_end" -v today="$today" \
    -v now="$now" -f bench/dashboard.sql > "$work/sql-$1.tsv"
  seconds_since "$began"
}
sql_quarter=$(for _ in 1 2 3; do run_sql "$quarter_from"; echo; done | sort -n | head -1)
sql_year=$(for _ in 1 2 3; do run_sql "$year_from"; echo; done | sort -n | head -1)

# --- pandas over a CSV export ----------------------------------------------------------------------
mkdir -p "$work/csv"
began=$(date +%s.%N)
psql -X -q "$pg_url" -v dir="$work/csv" -f bench/dashboard_export.sql >/dev/null
export_seconds=$(seconds_since "$began")
/usr/bin/python3 bench/dashboard_pandas.py "$work/csv" "$(utc_midnight "$year_from")" "$period_end" "$today" "$now" \
  > "$work/pandas-year.tsv" 2> "$work/pandas.err"
pandas_read=$(sed -nE 's/^read ([0-9.]+) s.*/\1/p' "$work/pandas.err")
pandas_compute=$(sed -nE 's/^computed ([0-9.]+) s.*/\1/p' "$work/pandas.err")

echo
printf "%-32s %12s %12s\n" "the same figures" "quarter" "year"
printf "%-32s %12s %12s\n" "SQL on PostgreSQL (best of 3)" "$sql_quarter s" "$sql_year s"
printf "%-32s %12s %12s\n" "pandas: read the CSV export" "" "$pandas_read s"
printf "%-32s %12s %12s\n" "pandas: compute" "" "$pandas_compute s"
echo "CSV export from PostgreSQL: $export_seconds s. The server also draws 1,000 bootstrap resamples for"
echo "every median and group; the SQL and pandas scripts compute the point figures and Wilson intervals only."

# --- The three agree -------------------------------------------------------------------------------------
python3 - "$work/server-postgres.json" "$work/sql-$year_from.tsv" "$work/pandas-year.tsv" <<'EOF'
import json, sys
server = {}
for row in json.load(open(sys.argv[1]))["rows"]:
    if not row.get("suppressed"):
        server[(row["metric"], row["group"])] = (row["n"], row["value"])
failures = 0
for name, path in (("SQL", sys.argv[2]), ("pandas", sys.argv[3])):
    theirs = {}
    for line in open(path):
        fields = line.rstrip("\n").split("\t")
        if len(fields) >= 4:
            theirs[(fields[0], fields[1])] = (int(float(fields[2])), float(fields[3]))
    missing = [key for key in server if key not in theirs]
    wrong = [key for key in server if key in theirs and (theirs[key][0] != server[key][0] or
             abs(theirs[key][1] - server[key][1]) > 1e-9 * max(1.0, abs(server[key][1])))]
    failures += len(missing) + len(wrong)
    print(f"{name}: {len(server) - len(missing) - len(wrong)} of {len(server)} shown server figures agree"
          + (f"; missing {missing[:3]}" if missing else "") + (f"; differ {wrong[:3]}" if wrong else ""))
sys.exit(1 if failures else 0)
EOF
