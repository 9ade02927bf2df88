#!/usr/bin/env bash
# Fuzzes what the server reads from the network (fuzz/: HTTP requests, forms
# and cookies, JSON bodies, templates) with libFuzzer, ASan and UBSan, each
# target for N seconds on a copy of its corpus, and prints per target the
# executions, executions per second, coverage and whether it crashed.
# A crashing input is kept under build-fuzz/fuzz-artifacts/; add it to
# fuzz/regressions/<target>/ once fixed.
# Usage: bench/fuzz.sh [--seconds N] [--target NAME]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
only=""
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --target) only="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

targets=(http_request url_encoding json_body template multipart photo)
if [[ -n "$only" ]]; then
  [[ " ${targets[*]} " == *" $only "* ]] || { echo "unknown target '$only' (one of: ${targets[*]})" >&2; exit 2; }
  targets=("$only")
fi

scripts/install-deps.sh --with-fuzz-tools

# Its own build directory: the libraries are compiled by clang with coverage
# instrumentation and sanitizers, which the normal build must not have.
# -O1 without debug information: clang 14 fails on Beast with debug information,
# coverage and UBSan ("Cannot represent a difference across sections"), and it
# builds faster. NDEBUG as in production: Beast 1.81 has an assertion that is
# wrong (boostorg/beast#2861) and the server is never built with assertions.
build=build-fuzz
CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -DNDEBUG" \
  -DGEZICHT_FUZZ=ON -DGEZICHT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"${GEZICHT_BUILD_JOBS:-2}" --target "${targets[@]/#/fuzz_}" >&2

work=$(mktemp -d /tmp/gezicht-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
artifacts="$PWD/$build/fuzz-artifacts"
failed=0
printf '%-14s %12s %9s %7s %7s  %s\n' target executions exec/s cov ft result
for target in "${targets[@]}"; do
  # A working corpus in a temp folder: what libFuzzer adds does not pollute the repository's seeds.
  corpus="$work/$target"
  mkdir -p "$corpus" "$artifacts/$target"
  cp fuzz/corpus/"$target"/* "$corpus"/
  find fuzz/regressions/"$target" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$corpus"/ \;
  dict=()
  [[ -f fuzz/dictionaries/$target.dict ]] && dict=(-dict="fuzz/dictionaries/$target.dict")
  log="$artifacts/$target/last-run.log"
  status=0
  "$build/fuzz/fuzz_$target" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$target/" "$corpus" >"$log" 2>&1 || status=$?
  executions=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  per_second=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -1)
  coverage=$(grep -E '^#[0-9]+.*cov: [0-9]+' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$coverage")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$coverage")
  reproducer=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -1 | sed 's/Test unit written to //' || true)
  if ((status != 0)) || [[ -n "$reproducer" ]]; then
    failed=1
    result="CRASH (exit $status) reproducer: ${reproducer:-none written}; log: $log"
  else
    result=ok
  fi
  printf '%-14s %12s %9s %7s %7s  %s\n' "$target" "${executions:-?}" "${per_second:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
if ((failed)); then
  echo "A target crashed: run its binary on the reproducer (build-fuzz/fuzz/fuzz_TARGET FILE) to see why." >&2
fi
exit "$failed"
