#!/usr/bin/env bash
# Installs what gezicht needs on Debian 12: the build tool chain and
# libraries (apt-get, only what is missing) and the front-end packages (npm ci).
# This file is the one list of the project's Debian packages: the test
# command's dependency check (scripts/check-deps.sh) fails on any package the
# build or the tests use that is neither named here nor pulled in by it.
#
# Usage: scripts/install-deps.sh [--with-test-tools] [--with-fuzz-tools]
#                                [--with-fresh-machine-tools] [--print-packages]
#   --with-test-tools           PostgreSQL, Chromium, nginx, wrk, GoogleTest,
#                               clang-format, clang-tidy, strace: what scripts/test.sh and bench/ use
#   --with-fuzz-tools           clang 14 and its sanitizer runtime (bench/fuzz.sh)
#   --with-fresh-machine-tools  mmdebstrap (scripts/check-fresh-machine.sh)
#   --print-packages            print the Debian packages the options select,
#                               one a line, including Node.js, and install nothing
set -euo pipefail
cd "$(dirname "$0")/.."

# Build: compiler, CMake and the libraries the binary links. libboost1.81-dev
# has the headers only; find_package(Boost COMPONENTS system) needs the
# component's CMake package, which comes with libboost-system1.81-dev.
packages=(
  build-essential cmake pkg-config g++
  libboost1.81-dev libboost-system1.81-dev libsodium-dev libsqlite3-dev libpq-dev zlib1g-dev
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  # /etc/gezicht/gezicht.toml (src/config): toml11 3.7, header-only.
  libtoml11-dev
  liboath-dev libqrencode-dev
  # Professionals' photos: decoded and re-encoded by the server (src/image).
  libjpeg62-turbo-dev libpng-dev
  # Residents' mail over SMTP and DigiD's OpenID Connect broker (libcurl); ID
  # token signatures (OpenSSL).
  libcurl4-openssl-dev libssl-dev
  # Staff reports downloaded as Excel workbooks (src/web/xlsx_table.cpp).
  libxlsxwriter-dev
  sqlite3
  # npm reaches its registry over HTTPS.
  ca-certificates
)
# Node.js runs npm (the NL Design System CSS) and the end-to-end tests. Debian 12
# ships Node.js 18, which the project supports; a newer Node.js that the machine
# already has (for example from NodeSource) is used as it is.
node_packages=(nodejs npm)
test_packages=(
  # Tests start their own PostgreSQL and Chromium; benchmarks use nginx and wrk;
  # the test command traces its own steps with strace (scripts/check-deps.sh).
  libgtest-dev libgmock-dev clang-format clang-tidy postgresql chromium nginx-light wrk strace
  # bench/household.sh asks the server with curl; scripts/check-format.sh
  # lists the files git tracks.
  curl git
  # bench/dashboard.sh compares the dashboard with the same figures computed
  # by pandas over a CSV export.
  python3-pandas
  # The tests' own SMTP server (tests/support/smtp_server.py) and OpenID
  # provider (tests/oidc/test_provider.py), run with Debian's python3.
  python3-aiosmtpd python3-cryptography
  # Python reads every .pth file in dist-packages at start-up, setuptools' one
  # among them where it is installed; named, so a machine that has it by hand
  # and a fresh one run the same Python (scripts/check-deps.sh).
  python3-setuptools
)
fuzz_packages=(clang-14 libclang-rt-14-dev)
fresh_machine_packages=(mmdebstrap)

print_only=false
while (($#)); do
  case "$1" in
    --with-test-tools) packages+=("${test_packages[@]}") ;;
    --with-fuzz-tools) packages+=("${fuzz_packages[@]}") ;;
    --with-fresh-machine-tools) packages+=("${fresh_machine_packages[@]}") ;;
    --print-packages) print_only=true ;;
    *) echo "install-deps: unknown option '$1' (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

if $print_only; then
  printf '%s\n' "${packages[@]}" "${node_packages[@]}"
  exit 0
fi

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null 2>&1; then
  packages+=("${node_packages[@]}")
elif (($(node_major) < 18)); then
  echo "install-deps: Node.js $(node --version) is too old; gezicht needs Node.js 18 or newer (Debian 12's nodejs package)" >&2
  exit 1
fi

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
if ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: node is installed but npm is not; install Debian's npm package or your Node.js distribution's npm" >&2
  exit 1
fi

# The NL Design System CSS (and, for tests, playwright-core and axe-core).
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules ]]; then
  npm ci --no-audit --no-fund >&2
  touch node_modules
fi
