#!/usr/bin/env bash
# Installs the Debian packages dockpulse needs to build, test and run, when any is missing.
# As root it uses apt-get; otherwise it prints the command to run.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config clang-format
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libqt6svg6
    docker.io busybox-static curl openssl openssh-client openssh-server
    xvfb xauth imagemagick
    help2man dpkg-dev desktop-file-utils appstream
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
# Install, never start: openssh-server and docker.io would otherwise start system services
# (sshd on port 22, the system dockerd); tests and the sandbox run private ones.
export RUNLEVEL=1
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: installed ${missing[*]}" >&2
