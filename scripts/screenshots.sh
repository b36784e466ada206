#!/usr/bin/env bash
# Runs the real dashboard under Xvfb against real containers on a private engine, with the seed's
# timings compressed so that the charts move within a minute, and saves a screenshot of each view
# into docs/screenshots/. Look at every picture before committing it.
#   scripts/screenshots.sh               # every picture
#   scripts/screenshots.sh NAME...       # only these (e.g. dashboard-events timeout-banner)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
scripts/install-deps.sh xdotool
cmake --preset dev >/dev/null
cmake --build --preset dev --target dockpulse
app="$repo/build/dev/app/dockpulse"
sandbox="$repo/.sandbox/screenshots"
url=$(scripts/engine-sandbox.sh start "$sandbox")
scripts/engine-sandbox.sh samples "$sandbox"
trap 'scripts/engine-sandbox.sh stop "$sandbox"' EXIT
out="$repo/docs/screenshots"
mkdir -p "$out"
home=$(mktemp -d)

# One run of the app: the session file picks the tab and the chart window, then a screenshot
# (after SHOOT_ACTION, commands run in the X session just before it: clicks, keys; SHOOT_SIZE: the
# screen and window size, 1400x900 unless given).
wanted=("$@")
shoot() { # name tab seconds [extra dockpulse args...]
    local name=$1 tab=$2 seconds=$3 size=${SHOOT_SIZE:-1400x900}
    shift 3
    if ((${#wanted[@]})) && [[ " ${wanted[*]} " != *" $name "* ]]; then return 0; fi
    mkdir -p "$home/.config/dockpulse"
    printf '[session]\nv1\\tab=%s\nv1\\chartWindowMinutes=1\n' "$tab" >"$home/.config/dockpulse/dockpulse.conf"
    HOME=$home XDG_CONFIG_HOME=$home/.config xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
        "$0" "$@" >/dev/null 2>&1 &
        pid=$!
        sleep 3
        w=$(xdotool search --sync --name "^dockpulse$" | head -1)
        xdotool windowsize "$w" '"${size%x*} ${size#*x}"' windowmove "$w" 0 0
        sleep '"$seconds"'
        '"${SHOOT_ACTION:-}"'
        import -window root "'"$out/$name"'.png"
        kill -TERM $pid; wait $pid || true' "$app" "$@"
    echo "screenshots: $out/$name.png" >&2
}

timings=(--read-deadline 3000 --context-timeout 3500 --heartbeat-every 2000 --task-timeout 20000
         --cleanup-every 2000 --sample-every 500)
monitor=(-m dockpulse-sample-web -m dockpulse-sample-worker -m dockpulse-sample-noisy)
shoot dashboard-logs 0 15 -H "$url" "${monitor[@]}" "${timings[@]}"
shoot dashboard-charts 1 50 -H "$url" "${monitor[@]}" "${timings[@]}"
# Events of every task (the tasks table clicked, Ctrl+A) after a restart and a stop and start.
SHOOT_ACTION="docker -H $url restart -t 1 dockpulse-sample-worker >/dev/null
    docker -H $url stop -t 1 dockpulse-sample-noisy >/dev/null; sleep 3
    docker -H $url start dockpulse-sample-noisy >/dev/null; sleep 4
    xdotool mousemove 760 72 click 1 key ctrl+a; sleep 1
    xdotool mousemove 700 600 click 1 key ctrl+End; sleep 1" \
    shoot dashboard-events 2 8 -H "$url" "${monitor[@]}" "${timings[@]}"
# Lines in the level forms programs write, for the coloured levels; the context menu on a container.
docker -H "$url" rm -f dockpulse-sample-levels >/dev/null 2>&1 || true
docker -H "$url" run -d --name dockpulse-sample-levels --network none dockpulse-busybox:test sh -c '
  i=0; while true; do i=$((i+1))
    echo "2026-12-01T10:00:00.000Z INFO  request $i served in 12 ms"
    echo "level=debug msg=\"cache lookup\" key=user:$i"
    echo "{\"level\":\"warn\",\"msg\":\"slow query\",\"ms\":850,\"n\":$i}"
    echo "[ERROR] upstream refused connection (attempt $i)" >&2
    echo "plain line without a level $i"
    [ $((i % 5)) -eq 0 ] && echo "FATAL: out of memory in worker $i" >&2
    sleep 1; done' >/dev/null
shoot log-levels 0 12 -H "$url" -m dockpulse-sample-levels "${timings[@]}"
SHOOT_ACTION='xdotool mousemove 200 120 click 3; sleep 1' \
    shoot container-menu 0 6 -H "$url" -m dockpulse-sample-web "${timings[@]}"
shoot engine-unreachable 0 6 -H "unix://$sandbox/no-such-engine.sock"
# Twelve tasks on the heartbeat timeline: the three samples and nine more that log now and then.
fleet=()
for n in 01 02 03 04 05 06 07 08 09; do
    docker -H "$url" rm -f "dockpulse-fleet-$n" >/dev/null 2>&1 || true
    docker -H "$url" run -d --name "dockpulse-fleet-$n" --network none dockpulse-busybox:test sh -c \
        "while true; do echo fleet $n tick; sleep $((${n#0} % 4 + 1)); done" >/dev/null
    fleet+=(-m "dockpulse-fleet-$n")
done
SHOOT_SIZE=1400x1400 shoot timeline-12-tasks 1 55 -H "$url" "${monitor[@]}" "${fleet[@]}" "${timings[@]}"
# A long JSON line, whole and pretty-printed in the detail pane (a click on a line, then Enter).
docker -H "$url" rm -f dockpulse-sample-json >/dev/null 2>&1 || true
docker -H "$url" run -d --name dockpulse-sample-json --network none dockpulse-busybox:test sh -c '
  i=0; while true; do i=$((i+1))
    echo "{\"time\":\"2026-12-01T10:00:0$((i % 10)).123Z\",\"level\":\"info\",\"msg\":\"request served\",\"request\":{\"id\":\"req-$i\",\"method\":\"POST\",\"path\":\"/api/v2/orders/batch\",\"query\":{\"dry_run\":false,\"notify\":[\"email\",\"webhook\"]},\"remote\":\"10.0.3.17:51234\",\"user_agent\":\"shop-client/4.2.1 (linux; x86_64)\"},\"response\":{\"status\":201,\"bytes\":18234,\"duration_ms\":87.4},\"items\":[{\"sku\":\"A-1001\",\"qty\":2},{\"sku\":\"B-2002\",\"qty\":1},{\"sku\":\"C-3003\",\"qty\":5}],\"trace\":{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\"}}"
    sleep 2; done' >/dev/null
# The detail pane is then dragged taller by its splitter handle.
SHOOT_ACTION='xdotool mousemove 700 400 click 1; sleep 0.5; xdotool key Return; sleep 1
    xdotool mousemove 700 727 mousedown 1 mousemove 700 600 sleep 0.2 mousemove 700 480 mouseup 1; sleep 1' \
    shoot log-detail-json 0 8 -H "$url" -m dockpulse-sample-json "${timings[@]}"
# No heartbeat at all: every task times out after 8 s; the banner lists them, Events shows why.
shoot timeout-banner 2 14 -H "$url" "${monitor[@]}" --strategy none --task-timeout 8000 --cleanup-every 1000 \
    --read-deadline 3000 --context-timeout 3500 --sample-every 500
rm -rf "$home"
