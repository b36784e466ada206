#!/usr/bin/env bash
# The README's first command timed from a fresh clone: clones this repository into a temporary
# folder, runs scripts/launch.sh there without ccache (the window offscreen) and prints the seconds
# from the clone to the window's process running, the build steps it took, and the machine's load
# (run it on a quiet machine: the figure is this machine's). Then it stops the window.
# COMMIT (default: HEAD) times an older state, e.g. the one before launch.sh built only the app.
#   bench/launch_time.sh [COMMIT]
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
clone=$(mktemp -d /tmp/dp-launch-XXXXXX)
log=$clone.log
start=$(date +%s.%N)
git clone -q "$repo" "$clone"
cd "$clone"
git checkout -q "${1:-HEAD}"
unset CMAKE_CXX_COMPILER_LAUNCHER CMAKE_C_COMPILER_LAUNCHER
export CCACHE_DISABLE=1 QT_QPA_PLATFORM=offscreen
scripts/launch.sh >"$log" 2>&1 &
launcher=$!
app="$clone/build/dev/app/dockpulse"
while ! pgrep -f "^$app" >/dev/null; do
    sleep 0.5
    kill -0 $launcher 2>/dev/null || { echo "launch_time: launch.sh ended early:" >&2; tail -5 "$log" >&2; exit 1; }
done
end=$(date +%s.%N)
steps=$(grep -o '\[[0-9]*/[0-9]*\]' "$log" | tail -1)
printf 'launch_time: %s: fresh clone to window: %.0f s, %s build steps, load %s, %s cores\n' \
    "$(git rev-parse --short HEAD)" "$(echo "$end - $start" | bc)" "$steps" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
sleep 3
pkill -f "^$app"
scripts/engine-sandbox.sh stop "$clone/.sandbox/engine" >/dev/null 2>&1 || true
rm -rf "$clone" "$log"
