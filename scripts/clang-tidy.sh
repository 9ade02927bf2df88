#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) on the domain, storage and
# service layers, one process per core, using build/compile_commands.json.
# The web layer is left out: its Beast and Asio headers take minutes per
# file to analyse, and its own rules are checked by the HTTP tests.
# Usage: scripts/clang-tidy.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[[ -f $build/compile_commands.json ]] || { echo "clang-tidy: no $build/compile_commands.json (build first)" >&2; exit 1; }
command -v clang-tidy >/dev/null || { echo "clang-tidy: not installed (scripts/install-deps.sh --with-test-tools)" >&2; exit 1; }
# From the tree, not from git: a copy without .git (the fresh-machine check) has the same files.
mapfile -t files < <(find src/domain src/storage src/service -name '*.cpp' | sort)
((${#files[@]})) || { echo "clang-tidy: no sources under src/domain, src/storage, src/service" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! printf '%s\0' "${files[@]}" | xargs -0 -n 4 -P "$(nproc)" clang-tidy -p "$build" --quiet >"$log" 2>&1; then
  grep -E "(error|warning):" "$log" >&2 || cat "$log" >&2
  echo "clang-tidy: findings above (checks in .clang-tidy)" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} files clean"
