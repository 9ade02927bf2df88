#!/usr/bin/env bash
# Proves a README command on a brand-new Debian 12: builds a minbase root with
# mmdebstrap, copies this checkout in (the files git tracks or would track, as
# they are in the work tree), and runs the command there as a newcomer would.
#   demo: scripts/demo.sh; passes when the server answers /healthz and the
#         front door (a postcode search) with the demo municipality's team
#   test: .ci/run (scripts/test.sh); passes when it exits 0
# The root gets only what a company machine behind a TLS-inspecting proxy
# needs to reach the registries: the host's extra CA certificates and its npm
# configuration. Everything else the scripts must install themselves.
#
# Usage: sudo scripts/check-fresh-machine.sh demo|test [--keep] [--mirror URL]
#   --keep        leave the root in place (its path is printed) for a look
#   --mirror URL  the Debian mirror (default: the host's own apt sources)
# Needs root (chroot, mounts), about 4 GB in /var/tmp, and 20-60 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD

usage() { echo "usage: $0 demo|test [--keep] [--mirror URL]" >&2; exit 2; }
(($#)) || usage
mode=$1
shift
[[ $mode == demo || $mode == test ]] || usage
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
in_root() {
  chroot "\$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI=true \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    /bin/bash -c "\$1"
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
esac
INNER
chmod 700 "$inner"

echo "== $mode: running the README command in the new root (log: $log)" >&2
status=0
unshare --mount --pid --fork --propagation private "$inner" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
echo "== check-fresh-machine $mode: $( ((status == 0)) && echo passed || echo "FAILED (exit $status)") in $((SECONDS - started)) s" >&2
exit "$status"
