#!/usr/bin/env bash
# Configures and builds gezicht (and its tests) into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
# Two parallel jobs fit this project's 2-core machines and their memory.
cmake --build build -j "${GEZICHT_BUILD_JOBS:-2}"
