#!/usr/bin/env bash
# Installs what gezicht needs on Debian 12: the build tool chain and
# libraries (apt-get, only what is missing) and the front-end packages (npm ci).
# Usage: scripts/install-deps.sh [--with-test-tools]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config g++
  libboost1.81-dev libsodium-dev libsqlite3-dev libpq-dev zlib1g-dev
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  liboath-dev libqrencode-dev
  sqlite3
)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  # Tests start their own PostgreSQL and Chromium; benchmarks use nginx and wrk.
  packages+=(libgtest-dev clang-format postgresql chromium nginx-light wrk)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The NL Design System CSS (and, for tests, playwright-core and axe-core).
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules ]]; then
  npm ci --no-audit --no-fund >&2
  touch node_modules
fi
