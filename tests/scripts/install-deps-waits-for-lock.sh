#!/usr/bin/env bash
# Checks that scripts/install-deps.sh waits for another apt client instead of failing at once:
# while a stand-in holds the package lists lock (what a running `apt-get update` holds) and then
# the dpkg frontend lock (a running install), install-deps.sh installs a small package it is
# given. Needs root and a reachable Debian mirror; removes the package again.
#   tests/scripts/install-deps-waits-for-lock.sh [package=hello]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pkg=${1:-hello}
say() { printf 'install-deps-waits-for-lock: %s\n' "$*" >&2; }
[ "$(id -u)" = 0 ] || { say "needs root (apt)"; exit 2; }
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    say "$pkg is already installed: pick a package that is not"; exit 2
fi

# hold LOCKFILE SECONDS: an fcntl write lock, the kind apt and dpkg take.
hold() {
    python3 -c 'import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o640)
fcntl.lockf(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(float(sys.argv[2]))' "$1" "$2"
}

fail=0
for lock in /var/lib/apt/lists/lock /var/lib/dpkg/lock-frontend; do
    log=$(mktemp)
    coproc HOLDER { hold "$lock" 8; }
    holder=$HOLDER_PID # bash unsets HOLDER_PID when the holder ends
    read -r _ <&"${HOLDER[0]}" # the lock is held from here on
    start=$(date +%s)
    if "$repo/scripts/install-deps.sh" "$pkg" >"$log" 2>&1; then
        say "ok: installed $pkg while $lock was held (waited, took $(($(date +%s) - start)) s)"
    else
        say "FAILED: with $lock held, install-deps.sh exited after $(($(date +%s) - start)) s:"
        sed 's/^/    /' "$log" >&2
        fail=1
    fi
    wait "$holder" 2>/dev/null || true
    rm -f "$log"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$pkg" >/dev/null 2>&1 || true
done
exit $fail
