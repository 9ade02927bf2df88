#!/usr/bin/env bash
# Fails when the build or the tests used a Debian package that
# scripts/install-deps.sh neither installs nor pulls in, naming the package.
# A machine that already has the package (installed by hand, or by the image)
# passes the build while a newcomer's fresh Debian 12 fails; this catches that
# from one traced run on any machine.
#
# Usage: scripts/check-deps.sh TRACE [install-deps options...]
#   TRACE: the output of strace -f -s 4096 -e trace=openat,execve -e status=successful
#   options: those the traced run's scripts/install-deps.sh call was given
#
# Allowed: the packages the options select (--print-packages), everything they
# depend on (apt-cache depends --recurse, without recommends, as apt-get
# installs them), and a minbase Debian (the Essential packages, apt, and their
# dependencies). A file no package owns (the build, node_modules, /tmp) is ours.
set -euo pipefail
cd "$(dirname "$0")/.."

if (($# < 1)) || [[ ! -r $1 ]]; then
  echo "usage: $0 TRACE [install-deps options...]" >&2
  exit 2
fi
trace=$1
shift

work=$(mktemp -d /tmp/gezicht-deps.XXXXXX)
trap 'rm -rf "$work"' EXIT

closure() {
  # Lines at column 0 are packages; indented ones are the relations.
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances "$@" 2>/dev/null |
    grep -v '^ ' | grep -v '^<' | sed 's/:.*//'
}
{
  scripts/install-deps.sh --print-packages "$@"
  dpkg-query -W -f='${Package} ${Essential}\n' | awk '$2 == "yes" { print $1 }'
  echo apt
} | sort -u >"$work/roots"
# shellcheck disable=SC2046
closure $(cat "$work/roots") | cat - "$work/roots" | sort -u >"$work/allowed"
if [[ $(wc -l <"$work/allowed") -lt 50 ]]; then
  echo "check-deps: apt-cache resolved only $(wc -l <"$work/allowed") packages; run apt-get update first" >&2
  exit 1
fi

# Files opened for reading or run, with the program that did it. A
# directory (O_DIRECTORY) belongs to many packages and says nothing.
awk '
  / execve\("/ {
    match($0, /execve\("[^"]*"/); path = substr($0, RSTART + 8, RLENGTH - 9)
    n = split(path, parts, "/"); program[$1] = parts[n]
    print path "\t" parts[n]; next
  }
  / openat\(/ && !/O_DIRECTORY/ {
    if (!match($0, /, "[^"]*"/)) next
    path = substr($0, RSTART + 3, RLENGTH - 4)
    if (path !~ /^\//) next
    print path "\t" (($1 in program) ? program[$1] : "?")
  }
' "$trace" | sort -u -t $'\t' -k1,1 >"$work/used"

# Each path as opened, resolved (symlinks, ..), and in its other merged-/usr
# spelling, since dpkg records either /lib/... or /usr/lib/.... Left out:
# directories (opened to list them; many packages own each), and plug-in
# places, where a program loads whatever happens to be installed and works
# the same without it: the linker's configuration snippets and plug-ins, PAM
# and NSS modules, and the fonts fontconfig finds (Chromium's own
# dependencies bring one).
plugin_places='^/etc/ld\.so\.conf\.d/|/bfd-plugins/|/security/pam_[a-z_]+\.so$|/libnss_[a-z]+\.so|^/usr/share/fonts/'
cut -f1 "$work/used" | tr '\n' '\0' | xargs -0 realpath -m -- >"$work/resolved"
paste "$work/used" "$work/resolved" | while IFS=$'\t' read -r path program resolved; do
  [[ -d $resolved || $path =~ $plugin_places || $resolved =~ $plugin_places ]] || printf '%s\t%s\t%s\n' "$path" "$program" "$resolved"
done | awk -F '\t' '
  function spellings(p) {
    print p "\t" $1 "\t" $2
    if (p ~ /^\/usr\/(bin|sbin|lib|lib32|lib64|libx32)\//) print substr(p, 5) "\t" $1 "\t" $2
    else if (p ~ /^\/(bin|sbin|lib|lib32|lib64|libx32)\//) print "/usr" p "\t" $1 "\t" $2
  }
  { spellings($1); if ($3 != $1) spellings($3) }
' >"$work/candidates"

# Which package owns each file, from dpkg's own lists (dpkg -S, all at once).
for list in /var/lib/dpkg/info/*.list; do
  package=${list##*/}
  package=${package%.list}
  package=${package%%:*}
  awk -v package="$package" '{ print $0 "\t" package }' "$list"
done >"$work/owners"

awk -F '\t' '
  FILENAME == ARGV[1] { allowed[$1] = 1; next }
  FILENAME == ARGV[2] { owner[$1] = $2; next }
  ($1 in owner) && !(owner[$1] in allowed) && !(($2, owner[$1]) in seen) {
    seen[$2, owner[$1]] = 1
    print owner[$1] "\t" $2 "\t" $3
  }
' "$work/allowed" "$work/owners" "$work/candidates" | sort -u -t $'\t' -k1,1 >"$work/missing"

if [[ -s $work/missing ]]; then
  echo "check-deps: the build or the tests used Debian packages that scripts/install-deps.sh does not install:" >&2
  while IFS=$'\t' read -r package path program; do
    echo "  $package (for example $path, opened by $program)" >&2
  done <"$work/missing"
  echo "Add each to scripts/install-deps.sh, or stop using it; a fresh Debian 12 does not have it." >&2
  exit 1
fi
echo "check-deps: every Debian package the build and the tests used ($(cut -f1 "$work/used" | wc -l) files) comes from scripts/install-deps.sh or a minbase Debian"
