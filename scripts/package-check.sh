#!/usr/bin/env bash
# Builds the Debian package, validates its desktop integration, installs it with apt, runs the
# installed dockpulse (--version, and a short headless run against a real engine), removes it and
# checks that nothing it installed is left behind. Needs root (apt, dockerd).
#   scripts/package-check.sh            (packs the dev build; DOCKPULSE_PRESET=release for release)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
preset=${DOCKPULSE_PRESET:-dev}
say() { printf 'package-check: %s\n' "$*" >&2; }

scripts/install-deps.sh
desktop-file-validate packaging/org.example.dockpulse.desktop
appstreamcli validate --no-net packaging/org.example.dockpulse.metainfo.xml
say "desktop entry and AppStream metainfo are valid"

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
rm -f "build/$preset"/dockpulse_*.deb
(cd "build/$preset" && cpack -G DEB >/dev/null)
deb=$(ls "build/$preset"/dockpulse_*.deb)
say "built $deb"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Package\|Version\|Depends\|Recommends\):/  &/p' >&2

# Try the install tree layout too: cmake --install lays out the same files under any prefix.
stage=$(mktemp -d)
cmake --install "build/$preset" --prefix "$stage/usr" >/dev/null
for f in usr/bin/dockpulse usr/share/applications/org.example.dockpulse.desktop \
         usr/share/metainfo/org.example.dockpulse.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/org.example.dockpulse.svg \
         usr/share/icons/hicolor/48x48/apps/org.example.dockpulse.png usr/share/man/man1/dockpulse.1.gz \
         usr/share/doc/dockpulse/dockpulse-headless.service; do
    [ -e "$stage/$f" ] || { say "cmake --install did not install $f"; exit 1; }
done
rm -rf "$stage"

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
say "installed: $(dpkg -s dockpulse | grep '^Version')"
dpkg -L dockpulse | sort >/tmp/dockpulse-files.txt
[ "$(command -v dockpulse)" = /usr/bin/dockpulse ] || { say "dockpulse is not on PATH"; exit 1; }
dockpulse --version
man -w dockpulse >/dev/null 2>&1 || [ -e /usr/share/man/man1/dockpulse.1.gz ]

# A short headless run of the installed program against a real engine.
sandbox="$repo/.sandbox/package-engine"
url=$(scripts/engine-sandbox.sh start "$sandbox")
trap 'scripts/engine-sandbox.sh stop "$sandbox"' EXIT
DOCKER_HOST=$url docker rm -f dp-package-check >/dev/null 2>&1 || true
DOCKER_HOST=$url docker run --name dp-package-check --network none dockpulse-busybox:test \
    sh -c 'for i in 1 2 3 4 5; do echo packaged line $i; done' >/dev/null
out=$(mktemp -d)
dockpulse --headless -H "$url" -m dp-package-check --until-exit --export-dir "$out" \
    --read-deadline 300 --context-timeout 350 --heartbeat-every 300 --task-timeout 3000
lines=$(grep -c 'packaged line' "$out/logs.csv")
[ "$lines" = 5 ] || { say "the installed dockpulse exported $lines lines, expected 5"; exit 1; }
say "the installed dockpulse ran headless against $url and exported 5 lines"
rm -rf "$out"

DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq --purge dockpulse >/dev/null
left=0
while IFS= read -r f; do
    [ -f "$f" ] || [ -L "$f" ] || continue
    say "left behind after removal: $f"
    left=1
done </tmp/dockpulse-files.txt
[ $left = 0 ] || exit 1
say "removed; nothing left behind"
