#!/usr/bin/env bash
# Proves a README command on a brand-new Debian 12: builds a minbase root with
# mmdebstrap, copies this checkout in (the files git tracks or would track, as
# they are in the work tree), and runs the command there as a newcomer would.
#   demo: scripts/demo.sh; passes when the server answers /healthz and the
#         front door (a postcode search) with the demo municipality's team
#   test: .ci/run (scripts/test.sh); passes when it exits 0
#   package: builds the .deb from debian/ with exactly its Build-Depends
#         (dpkg-buildpackage -us -uc -b), installs it with apt-get into a
#         second brand-new root, checks what the maintainer scripts made,
#         runs the unit's ExecStart as the unit would (no systemd runs in a
#         root: see TEST-PLAN.md), reaches /healthz and the front door,
#         stops it with SIGTERM, checks the unit with systemd-analyze, and
#         purges the package
# The root gets only what a company machine behind a TLS-inspecting proxy
# needs to reach the registries: the host's extra CA certificates and its npm
# configuration. Everything else the scripts must install themselves.
#
# Usage: sudo scripts/check-fresh-machine.sh demo|test|package [--keep] [--mirror URL]
#   --keep        leave the root in place (its path is printed) for a look
#   --mirror URL  the Debian mirror (default: the host's own apt sources)
# Needs root (chroot, mounts), about 4 GB in /var/tmp, and 20-60 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD

usage() { echo "usage: $0 demo|test|package [--keep] [--mirror URL]" >&2; exit 2; }
(($#)) || usage
mode=$1
shift
[[ $mode == demo || $mode == test || $mode == package ]] || usage
keep=false
mirror=""
while (($#)); do
  case "$1" in
    --keep) keep=true; shift ;;
    --mirror) mirror="$2"; shift 2 ;;
    *) usage ;;
  esac
done
if [[ $EUID -ne 0 ]]; then
  echo "check-fresh-machine: needs root (mmdebstrap, chroot and mounts); run it with sudo" >&2
  exit 1
fi

scripts/install-deps.sh --with-fresh-machine-tools >/dev/null
command -v unshare >/dev/null && command -v curl >/dev/null || {
  echo "check-fresh-machine: needs unshare (util-linux) and curl on this machine" >&2
  exit 1
}

started=$SECONDS
work=$(mktemp -d /var/tmp/gezicht-fresh.XXXXXX)
root=$work/root
# package: the .deb is installed into a second root that never saw the build.
target=$work/target
log=$work/run.log

# The root's mounts live in a private mount namespace (see below), so they end
# with it. Still, never delete a tree that has anything mounted under it:
# rm would walk into the host's /dev or /proc.
mounted_under() { awk -v root="$1" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo; }
cleanup() {
  local status=$?
  if $keep; then
    echo "check-fresh-machine: kept $work (remove it with: rm -rf --one-file-system $work)" >&2
  elif [[ -n $(mounted_under "$work") ]]; then
    echo "check-fresh-machine: NOT removing $work, still mounted there:" >&2
    mounted_under "$work" >&2
  else
    rm -rf --one-file-system "$work"
  fi
  exit "$status"
}
trap cleanup EXIT

echo "== a minbase Debian 12 in $root" >&2
sources=()
if [[ -n $mirror ]]; then
  sources=("$mirror")
else
  # The host's own sources (a deb822 or one-line file), so the root sees the
  # same mirror, proxy and snapshot as this machine's apt.
  for file in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
    [[ -s $file ]] && grep -q debian "$file" && sources+=("$file")
  done
fi
# Snapshot mirrors serve Release files past their Valid-Until date.
mmdebstrap --variant=minbase --mode=root --quiet \
  --aptopt='Acquire::Check-Valid-Until "false"' \
  bookworm "$root" "${sources[@]}"
if [[ $mode == package ]]; then
  echo "== and another, for installing the package, in $target" >&2
  mmdebstrap --variant=minbase --mode=root --quiet \
    --aptopt='Acquire::Check-Valid-Until "false"' \
    bookworm "$target" "${sources[@]}"
  cp /etc/resolv.conf "$target/etc/resolv.conf"
fi

# The proxy's CA. A minbase root has no ca-certificates package; when
# install-deps.sh installs it (npm needs it), its update-ca-certificates adds
# everything in /usr/local/share/ca-certificates to the store npm reads. apt
# fetches over plain HTTP (signed), so nothing needs the CA before that.
mkdir -p "$root/usr/local/share/ca-certificates"
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
# npm's configuration: the registry and the CA file it trusts.
for npmrc in /root/.npmrc /etc/npmrc /usr/etc/npmrc; do
  [[ -f $npmrc ]] || continue
  mkdir -p "$root$(dirname "$npmrc")"
  cp "$npmrc" "$root$npmrc"
done
cp /etc/resolv.conf "$root/etc/resolv.conf"

echo "== the checkout, as git would clone it" >&2
mkdir -p "$root/src/gezicht"
git -C "$checkout" ls-files -z --cached --others --exclude-standard |
  (cd "$checkout" && xargs -0 -r tar --create --no-recursion --file=- -- 2>/dev/null) |
  tar --extract --file=- --directory="$root/src/gezicht"

port=$(scripts/free-port.sh)
inner=$work/inner.sh
# Runs inside new mount and PID namespaces: the mounts are private to it and
# every process it starts (PostgreSQL, Chromium, the demo server) ends with it.
cat >"$inner" <<INNER
#!/bin/bash
set -euo pipefail
root='$root'
mount -t proc proc "\$root/proc"
mount -t sysfs sysfs "\$root/sys"
mount --bind /dev "\$root/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "\$root/dev/pts" 2>/dev/null || true
mount -t tmpfs -o mode=1777 tmpfs "\$root/dev/shm"
run_in() {
  chroot "\$1" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI=true \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    /bin/bash -c "\$2"
}
in_root() { run_in "\$root" "\$1"; }
# run_in, replacing the calling (sub)shell: \$! of "( exec_in ... ) &" is then
# the process that ends up as the command itself, for kill and wait.
exec_in() {
  exec chroot "\$1" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI=true \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "\$2"
}
case '$mode' in
  test)
    in_root 'cd /src/gezicht && bash .ci/run'
    ;;
  demo)
    out='$work/demo.out'
    in_root 'cd /src/gezicht && exec scripts/demo.sh --port $port' >"\$out" 2>&1 &
    demo=\$!
    tail -f "\$out" --pid="\$demo" &
    base=http://127.0.0.1:$port
    # Up to 60 minutes: the first build on 2 cores takes most of it.
    for _ in \$(seq 3600); do
      kill -0 "\$demo" 2>/dev/null || { echo "check-fresh-machine: scripts/demo.sh ended before serving" >&2; exit 1; }
      curl -sf -o /dev/null "\$base/healthz" && break
      sleep 1
    done
    fail() { echo "check-fresh-machine: \$1" >&2; exit 1; }
    curl -sf "\$base/healthz" >/dev/null || fail "no answer on \$base/healthz"
    grep -q '^Demo logins' "\$out" || fail "scripts/demo.sh printed no demo logins"
    postcode=\$(sed -n 's/^Try postcode \(.*\) on the front door\.\$/\1/p' "\$out")
    [[ -n \$postcode ]] || fail "scripts/demo.sh printed no example postcode"
    curl -sf "\$base/" | grep -q 'name="postcode"' || fail "the front door has no postcode field"
    curl -sf "\$base/?postcode=\${postcode/ /+}" | grep -qi 'buurtteam' ||
      fail "the front door shows no neighbourhood team for \$postcode"
    echo "check-fresh-machine: the demo prints its logins and answers /healthz and the front door (postcode \$postcode) at \$base"
    kill "\$demo"
    ;;
  package)
    fail() { echo "check-fresh-machine: \$1" >&2; exit 1; }
    apt_get='DEBIAN_FRONTEND=noninteractive apt-get -y -qq --no-install-recommends'
    # 1. The NL Design System CSS the package ships. Node.js only for this
    #    step, then purged with what it pulled in: npm depends on node-gyp and
    #    libnode-dev, which bring libssl-dev and zlib1g-dev and would hide a
    #    Build-Depends that debian/control forgot.
    in_root "apt-get update -qq && \$apt_get install nodejs npm ca-certificates >/dev/null &&
             cd /src/gezicht && npm ci --omit=dev --no-audit --no-fund &&
             \$apt_get purge --autoremove nodejs npm >/dev/null"
    # 2. Exactly the Build-Depends of debian/control (apt adds build-essential),
    #    then the binary package, unsigned.
    in_root "cd /src/gezicht && \$apt_get build-dep ./ >/dev/null && DEB_BUILD_OPTIONS=parallel=\$(nproc) dpkg-buildpackage -us -uc -b"
    debs=()   # gezicht_VERSION_ARCH.deb, not gezicht-dbgsym_...
    for f in "\$root"/src/gezicht_[0-9]*_*.deb; do [[ -e \$f ]] && debs+=("\$f"); done
    ((\${#debs[@]} == 1)) || fail "expected one gezicht_*.deb, found: \${debs[*]:-none}"
    echo "check-fresh-machine: built \${debs[0]##*/}"
    # What debhelper generated: the conffile, its mode, and the unit's stop on
    # removal (dh_installsystemd --no-start must still stop it in the prerm).
    in_root "cd /src && rm -rf ctrl && dpkg-deb -e \${debs[0]##*/} ctrl &&
             grep -qx /etc/gezicht/gezicht.toml ctrl/conffiles &&
             grep -q 'deb-systemd-invoke stop .gezicht.service' ctrl/prerm &&
             dpkg-deb -c \${debs[0]##*/} | grep -q '^-rw-r----- root/root .* ./etc/gezicht/gezicht.toml\$'" ||
      fail "the .deb lacks the conffile, its 0640 mode, or the prerm's stop of gezicht.service"
    # Debian's own checks, errors only (no-manual-page and the like are warnings).
    in_root "\$apt_get install lintian >/dev/null && cd /src && lintian --fail-on error \${debs[0]##*/}" ||
      fail "lintian reports errors"
    mkdir -p '$target/tmp/deb' && cp "\${debs[0]}" '$target/tmp/deb/'
    deb=/tmp/deb/\${debs[0]##*/}

    # 3. A root that never saw the build: apt resolves Depends and runs the
    #    maintainer scripts (adduser, statoverride, migrate as gezicht).
    target='$target'
    mount -t proc proc "\$target/proc"
    mount -t sysfs sysfs "\$target/sys"
    mount --bind /dev "\$target/dev"
    in_target() { run_in "\$target" "\$1"; }
    in_target "apt-get update -qq && \$apt_get install \$deb" || fail "apt-get install \$deb failed"
    in_target 'dpkg -s gezicht' | grep -qx 'Status: install ok installed' ||
      fail "gezicht is not installed and configured"
    in_target 'set -e
      pw=\$(getent passwd gezicht); echo "\$pw"
      [ "\$(echo "\$pw" | cut -d: -f3)" -lt 1000 ]              # a system user
      [ "\$(echo "\$pw" | cut -d: -f6)" = /var/lib/gezicht ]
      [ "\$(echo "\$pw" | cut -d: -f7)" = /usr/sbin/nologin ]
      getent group gezicht
      [ "\$(stat -c "%a %U:%G" /etc/gezicht)" = "750 root:gezicht" ]
      [ "\$(stat -c "%a %U:%G" /etc/gezicht/gezicht.toml)" = "640 root:gezicht" ]
      dpkg-statoverride --list /etc/gezicht/gezicht.toml
      dpkg -s gezicht | grep -q "^ /etc/gezicht/gezicht.toml "     # a conffile
      [ "\$(stat -c "%a %U:%G" /var/lib/gezicht)" = "750 gezicht:gezicht" ]
      [ "\$(stat -c "%a %U" /var/lib/gezicht/gezicht.db)" = "600 gezicht" ]   # migrate ran, umask 077
      test -s /usr/share/gezicht/assets/@utrecht/component-library-css/dist/index.css
      test -s /usr/share/gezicht/assets/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css
      test -x /usr/bin/gezicht
      runuser -u gezicht -- gezicht config check --config /etc/gezicht/gezicht.toml' ||
      fail "the installed package is not as the maintainer scripts should leave it (above)"
    # Installing the same .deb again (postinst a second time) changes nothing.
    in_target "\$apt_get install --reinstall \$deb >/dev/null" || fail "reinstalling failed"

    # 4. The server, started as the unit starts it: the ExecStart= line of the
    #    installed unit, as user gezicht, with no capabilities and
    #    no_new_privs (setpriv), in WorkingDirectory=, with UMask=, an empty
    #    environment and the port from GEZICHT_LISTEN (the environment over
    #    the file). Namespaces, seccomp and MemoryDenyWriteExecute= are NOT
    #    applied here: that needs systemd as PID 1 (TEST-PLAN.md, level 2).
    in_target 'runuser -u gezicht -- gezicht directory import --config /etc/gezicht/gezicht.toml /usr/share/doc/gezicht/examples/municipality.json' ||
      fail "directory import failed"
    exec_start=\$(sed -n 's/^ExecStart=//p' "\$target/lib/systemd/system/gezicht.service")
    [[ -n \$exec_start ]] || fail "the unit has no ExecStart="
    out='$work/serve.out'
    ( exec_in "\$target" "cd /var/lib/gezicht && umask 077 &&
      exec setpriv --reuid=gezicht --regid=gezicht --init-groups --no-new-privs \\
        --bounding-set=-all --inh-caps=-all \\
        env -i HOME=/var/lib/gezicht LANG=C.UTF-8 PATH=/usr/bin:/bin GEZICHT_LISTEN=127.0.0.1:$port \\
        \$exec_start" ) >"\$out" 2>&1 &
    server=\$!
    base=http://127.0.0.1:$port
    for _ in \$(seq 60); do
      kill -0 "\$server" 2>/dev/null || { cat "\$out"; fail "the server ended before serving"; }
      curl -sf -o /dev/null "\$base/healthz" && break
      sleep 1
    done
    curl -sf "\$base/healthz" >/dev/null || { cat "\$out"; fail "no answer on \$base/healthz"; }
    curl -sf "\$base/" | grep -q 'name="postcode"' || fail "the front door has no postcode field"
    curl -sf "\$base/static/utrecht.css" -o /dev/null || fail "the packaged NL Design System CSS is not served"
    # SIGTERM, as systemd stops it: exit 0 within TimeoutStopSec=30s.
    kill -TERM "\$server"
    for _ in \$(seq 30); do kill -0 "\$server" 2>/dev/null || break; sleep 1; done
    kill -0 "\$server" 2>/dev/null && fail "the server did not stop within 30 s of SIGTERM"
    wait "\$server" || fail "the server exited \$? on SIGTERM, not 0"
    echo "check-fresh-machine: the packaged server answered /healthz and the front door at \$base and stopped on SIGTERM"

    # 5. The unit, read by systemd's own tools (installed now, after the
    #    install was checked without them: the package does not need systemd).
    in_target "\$apt_get install systemd >/dev/null" || fail "installing systemd for systemd-analyze failed"
    in_target 'systemd-analyze verify --man=no /lib/systemd/system/gezicht.service' ||
      fail "systemd-analyze verify finds fault with gezicht.service"
    in_target 'systemd-analyze --offline=true security --no-pager /lib/systemd/system/gezicht.service' |
      tee '$work/security.txt'
    exposure=\$(sed -n 's/.*Overall exposure level for gezicht.service: \([0-9.]*\).*/\1/p' '$work/security.txt')
    echo "check-fresh-machine: systemd-analyze security: exposure \${exposure:-unknown} (0 best, 10 worst)"
    # TODO(TEST-PLAN.md): pin this once the first run shows the number.
    awk -v e="\${exposure:-99}" 'BEGIN { exit !(e <= 2.5) }' || fail "exposure \$exposure is above 2.5"

    # 6. Remove keeps the configuration; purge removes it and the
    #    statoverrides, and keeps the database (postrm).
    in_target "\$apt_get remove gezicht >/dev/null && test -f /etc/gezicht/gezicht.toml" ||
      fail "apt-get remove did not keep /etc/gezicht/gezicht.toml"
    in_target "\$apt_get purge gezicht >/dev/null" || fail "apt-get purge failed"
    in_target 'set -e
      ! dpkg-statoverride --list /etc/gezicht/gezicht.toml || exit 1   # (set -e ignores a bare !)
      ! dpkg-statoverride --list /etc/gezicht || exit 1
      test ! -e /etc/gezicht/gezicht.toml
      test -f /var/lib/gezicht/gezicht.db' || fail "purge did not leave what the postrm promises"
    echo "check-fresh-machine: install, reinstall, remove and purge leave what the maintainer scripts promise"
    ;;
esac
INNER
chmod 700 "$inner"

echo "== $mode: running the README command in the new root (log: $log)" >&2
status=0
unshare --mount --pid --fork --propagation private "$inner" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
echo "== check-fresh-machine $mode: $( ((status == 0)) && echo passed || echo "FAILED (exit $status)") in $((SECONDS - started)) s" >&2
exit "$status"
