#!/usr/bin/env bash
# Container churn: N quiet containers monitored with `-m all` by the dashboard (offscreen) and by
# headless mode at once, while one container is created and another removed every second for
# S seconds. Prints each process's RSS every 30 s and whether the curve is flat: finished tasks
# must be released (row, log lines, task entry) once MonitorSettings::releaseAfterMs has passed,
# and every bounded history must stop growing once full.
#   bench/churn.sh [containers=200] [seconds=900] [release after ms=60000] [history MiB=4]
# The dashboard gets the release delay and the run history's budget through a private settings
# file (both are dashboard settings); headless uses the default release delay (300000 ms) and
# keeps no history. Heartbeats (1 s) and samples (100 ms) run compressed so that the charts'
# rings (60 min of samples at the default 1 s, 50,000 heartbeats) and the Events table (5,000
# rows) fill within the first ~7 minutes: the verdict is taken after that, when each is full.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
n=${1:-200}
seconds=${2:-900}
release=${3:-60000}
history=${4:-4}
app=${DOCKPULSE_APP:-$repo/build/dev/app/dockpulse}
[ -x "$app" ] || { echo "churn: build the app first (cmake --build --preset dev --target dockpulse)" >&2; exit 1; }
url=$("$repo/scripts/engine-sandbox.sh" start "$repo/.sandbox/bench")
export DOCKER_HOST=$url
out=$(mktemp -d /tmp/dp-churn-XXXXXX)
image=dockpulse-busybox:test

cleanup() {
    kill "${dash:-}" "${head:-}" 2>/dev/null || true
    docker ps -aq --filter label=dp.churn=1 | xargs -r docker rm -f >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "churn: starting $n quiet containers" >&2
docker ps -aq --filter label=dp.churn=1 | xargs -r docker rm -f >/dev/null 2>&1 || true
for i in $(seq 1 "$n"); do
    docker run -d --name "dp-churn-fixed-$i" --network none --label dp.churn=1 "$image" \
        sh -c 'echo up; exec sleep 100000' >/dev/null
done

mkdir -p "$out/config/dockpulse"
printf '[settings]\nv1\\releaseAfterMs=%s\nv1\\historyBudgetMiB=%s\n' "$release" "$history" \
    >"$out/config/dockpulse/dockpulse.conf"
common=(-H "$url" -m all --tail 0 --cleanup-every 10000 --heartbeat-every 1000 --sample-every 100)
XDG_CONFIG_HOME=$out/config QT_QPA_PLATFORM=offscreen "$app" "${common[@]}" >"$out/dash.log" 2>&1 &
dash=$!
"$app" --headless "${common[@]}" --duration $((seconds + 60)) >"$out/head.log" 2>&1 &
head=$!
sleep 20 # start-up (200 tasks) is not what we measure

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
tasks_of() { grep -o '[0-9]* tasks' "$out/head.log" | tail -1 | cut -d' ' -f1; }
echo "t_s dashboard_rss_kb headless_rss_kb containers_created" | tee "$out/curve.txt"
start=$(date +%s)
created=0
next_sample=0
while :; do
    now=$(($(date +%s) - start))
    [ "$now" -ge "$next_sample" ] && {
        echo "$now $(rss_kb $dash) $(rss_kb $head) $created" | tee -a "$out/curve.txt"
        next_sample=$((next_sample + 30))
    }
    [ "$now" -ge "$seconds" ] && break
    tick=$(date +%s%N)
    created=$((created + 1))
    # Each churn container writes a few lines and lives ~5 s: created now, removed 5 s later.
    docker run -d --name "dp-churn-$created" --network none --label dp.churn=1 "$image" \
        sh -c 'for j in 1 2 3 4 5 6 7 8 9 10; do echo "churn line $j"; done; exec sleep 100000' >/dev/null
    [ $created -gt 5 ] && docker rm -f "dp-churn-$((created - 5))" >/dev/null 2>&1 || true
    spent=$((($(date +%s%N) - tick) / 1000000))
    [ $spent -lt 1000 ] && sleep "$(printf '0.%03d' $((1000 - spent)))"
done

python3 - "$out/curve.txt" "$release" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])][1:]
t = [int(r[0]) for r in rows]
def verdict(name, col, settle_s):
    pts = [(t[i], int(r[col])) for i, r in enumerate(rows) if t[i] >= settle_s]
    if len(pts) < 3:
        print(f"{name}: too few samples after {settle_s} s"); return
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x in xs)  # KB/s
    spread = max(ys) - min(ys)
    flat = abs(slope) * 600 < 0.02 * my
    print(f"{name}: from {settle_s} s: RSS {min(ys)/1024:.1f}-{max(ys)/1024:.1f} MB, "
          f"trend {slope*600/1024:+.2f} MB per 10 min ({'flat' if flat else 'NOT flat'}: "
          f"threshold 2% of the mean per 10 min)")
print(f"churn: {rows[-1][3]} containers created and removed, {len(rows)} samples")
# Released tasks only leave once the release delay has passed after their container went.
verdict("dashboard", 1, max(int(sys.argv[2]) // 1000 + 60, 420))
verdict("headless", 2, 300 + 60)
PY
echo "churn: curve in $out/curve.txt" >&2
