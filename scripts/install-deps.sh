#!/usr/bin/env bash
# Installs the Debian packages dockpulse needs to build, test and run, when any is missing.
# As root it uses apt-get; otherwise it prints the command to run.
set -euo pipefail

packages=(
    cmake ninja-build g++ lld pkg-config clang-format
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libqt6svg6
    docker.io busybox-static curl openssl openssh-client openssh-server
    xvfb xauth imagemagick
    libsqlite3-dev
    help2man dpkg-dev desktop-file-utils appstream
    prometheus
)
[ $# -gt 0 ] && packages+=("$@")

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Install, never start: openssh-server, docker.io and prometheus would otherwise start system
# services (sshd on port 22, the system dockerd, a Prometheus on port 9090); tests and the sandbox
# run private ones (tst_metricsendpoint starts its own prometheus and runs promtool).
export RUNLEVEL=1
# Another apt client (unattended-upgrades, a software centre, a second terminal) may hold the
# locks: wait for it rather than fail a newcomer's first command. DOCKPULSE_APT_LOCK_WAIT seconds.
lock_wait=${DOCKPULSE_APT_LOCK_WAIT:-600}
# apt-get update takes the package lists lock at once, whatever DPkg::Lock::Timeout says.
update_lists() {
    local deadline=$(($(date +%s) + lock_wait)) out said=0
    while ! out=$(apt-get -o DPkg::Lock::Timeout="$lock_wait" update -qq 2>&1); do
        if ! grep -q 'Could not get lock' <<<"$out" || [ "$(date +%s)" -ge "$deadline" ]; then
            printf '%s\n' "$out" >&2
            return 1
        fi
        [ $said = 1 ] || echo "install-deps: another apt client holds the package lists; waiting up to ${lock_wait} s" >&2
        said=1
        sleep 2
    done
    [ -z "$out" ] || printf '%s\n' "$out" >&2
}
update_lists
# The dpkg lock: apt-get waits for it itself (and says "Waiting for cache lock").
apt-get -o DPkg::Lock::Timeout="$lock_wait" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: installed ${missing[*]}" >&2
