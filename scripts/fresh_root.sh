#!/usr/bin/env bash
# Run make targets of this repository inside a freshly built Debian root: nothing installed by hand on
# this machine can help, so a package missing from the Makefile fails here.
#
#   scripts/fresh_root.sh SUITE [TARGET...]     e.g. scripts/fresh_root.sh trixie test demo
#
# SUITE is a Debian suite (bookworm = QGIS 3.22, trixie = QGIS 3.40, sid = QGIS 3.44). The root is
# built with mmdebstrap from the distribution's default mirror; the host's CA bundle, pip configuration
# and resolver are copied in so that package downloads work as they do on the host. What is copied in
# is the committed HEAD (a clean clone), or the working tree with FRESH_WORKTREE=1.
# Environment: FRESH_ROOTS (where roots are built, default /var/tmp/resilience-roots), FRESH_KEEP=1
# keeps the root afterwards, FRESH_QUIET=1 shows only the end of the log on failure. Prints
# "== SUITE: QGIS <version>; pytest: <summary line>" (also written to $FRESH_ROOTS/SUITE.summary).
set -euo pipefail

suite=${1:?usage: scripts/fresh_root.sh SUITE [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(test)

repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/mounts.sh
. "$repo/scripts/mounts.sh"
base=${FRESH_ROOTS:-/var/tmp/resilience-roots}
root="$base/$suite"
log="$base/$suite.log"
mkdir -p "$base"

if ! command -v mmdebstrap >/dev/null; then
  echo "Installing mmdebstrap"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
fi

mounted=()
cleanup() {
  # nothing started in the root may outlive it
  local pid
  for pid in /proc/[0-9]*; do
    if [ "$(readlink "$pid/root" 2>/dev/null)" = "$root" ]; then kill -9 "${pid#/proc/}" 2>/dev/null || true; fi
  done
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R -l "${mounted[i]}" 2>/dev/null || true; done
  unmount_below "$root"
  if [ "${FRESH_KEEP:-0}" != 1 ]; then rm -rf --one-file-system "$root"; fi
}
trap cleanup EXIT

# what a killed earlier run left mounted
unmount_below "$root"
rm -rf --one-file-system "$root"
aptopts=()
# sid's Release file in the archive may be past its Valid-Until date
if [ "$suite" = sid ] || [ "$suite" = unstable ]; then aptopts+=(--aptopt='Acquire::Check-Valid-Until "false"'); fi
start=$(date +%s)
mmdebstrap --quiet --variant=apt --include=git,make,ca-certificates "${aptopts[@]}" "$suite" "$root" >"$log" 2>&1 \
  || { cat "$log"; echo "== $suite: mmdebstrap failed"; exit 1; }

cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
# services installed in the root (PostgreSQL's default cluster) are not started: tests start their own
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/pip.conf"
cp --remove-destination /etc/resolv.conf "$root/etc/resolv.conf"

mkdir -p "$root/src"
if [ "${FRESH_WORKTREE:-0}" = 1 ]; then
  mkdir -p "$root/src/repo"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$root/src/repo"
else
  git clone --quiet --no-hardlinks "$repo" "$root/src/repo"
fi

# /dev with what is mounted below it (/dev/shm for PostgreSQL's shared memory, /dev/pts)
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" && mounted+=("$root/dev")
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
mount -t sysfs -o ro sysfs "$root/sys" && mounted+=("$root/sys")

# The host's pip and proxy settings (not its paths: /opt/... does not exist in the root).
passenv=()
while IFS= read -r name; do
  case "$name" in PIP_FIND_LINKS) continue ;; esac
  passenv+=("$name=${!name}")
done < <(compgen -e | grep -E '^(PIP_[A-Z_]+|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY)$' || true)

set +e
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive CI="${CI:-}" "${passenv[@]}" \
  bash -c "cd /src/repo && make ${targets[*]}" >>"$log" 2>&1 &
make_pid=$!
[ "${FRESH_QUIET:-0}" = 1 ] || tail -n +1 -f "$log" --pid=$make_pid &
wait $make_pid
status=$?
wait
set -e
if [ "$status" != 0 ] && [ "${FRESH_QUIET:-0}" = 1 ]; then
  echo "---- last 150 lines of $log ----"
  tail -n 150 "$log"
fi

qgis=$(chroot "$root" dpkg-query -W -f='${Version}' qgis 2>/dev/null || echo "not installed")
summary=$({ grep -E '^=*.*[0-9]+ (passed|failed|error)' "$log" || true; } | tail -n 1 | sed -E 's/=+ ?//g; s/ ?=+$//')
setup=$({ grep -E '^(Platform|QGIS [0-9])' "$log" || true; } | tr '\n' ' ')
echo "== $suite: QGIS $qgis; pytest: ${summary:-no summary}; $(($(date +%s) - start)) s; make ${targets[*]} exit $status" \
  | tee "$base/$suite.summary"
echo "   $setup"
exit "$status"
