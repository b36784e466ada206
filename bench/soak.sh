#!/usr/bin/env bash
# Soak: N tasks rotating every 100 ms until each has done R rotations (defaults: 50 tasks, 1000
# rotations). Checks and prints: readers never above tasks, threads flat, RSS growth after warm-up
# (target under 5%), no safety_net, every task's lines a gapless sequence (nothing lost or repeated).
#   bench/soak.sh [tasks=50] [rotations=1000] [preset=release]      (preset asan: the ASan build)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
tasks=${1:-50}
rotations=${2:-1000}
preset=${3:-release}
app="$repo/build/$preset/app/dockpulse"
[ -x "$app" ] || { echo "soak: build the $preset preset first" >&2; exit 1; }
sandbox="$repo/.sandbox/soak"
url=$("$repo/scripts/engine-sandbox.sh" start "$sandbox")
export DOCKER_HOST=$url
out=$(mktemp -d /tmp/dp-soak-XXXXXX)
names=()
for i in $(seq 1 "$tasks"); do
    n=dp-soak-$i
    names+=(-m "$n")
    docker rm -f "$n" >/dev/null 2>&1 || true
    docker run -d --name "$n" --network none dockpulse-busybox:test \
        sh -c 'i=0; while true; do i=$((i+1)); echo "n $i"; sleep 0.2; done' >/dev/null
done
seconds=$(( rotations / 10 + 15 ))
echo "soak: $tasks tasks, read deadline 100 ms, $seconds s" >&2
"$app" --headless -H "$url" "${names[@]}" --read-deadline 100 --context-timeout 150 --heartbeat-every 100 \
    --task-timeout 3000 --cleanup-every 500 --sample-every 1000 --duration "$seconds" --export-dir "$out/export" \
    2>"$out/stderr" &
pid=$!
: >"$out/rss"
while kill -0 "$pid" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$pid/status" >>"$out/rss" 2>/dev/null || true
    sleep 1
done
wait "$pid"
for i in $(seq 1 "$tasks"); do docker rm -f "dp-soak-$i" >/dev/null 2>&1 || true; done

python3 - "$out" "$tasks" "$rotations" <<'PY'
import csv, re, sys
out, tasks, want_rot = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
read = lambda f: list(csv.DictReader(open(f"{out}/export/{f}", newline="")))
t, m, e = read("tasks.csv"), read("metrics.csv"), read("events.csv")
rot = [int(r["rotations"]) for r in t]
readers_over = max(int(r["readers"]) - int(r["monitored"]) for r in m)
threads = sorted({int(r["threads"]) for r in m[5:]})
safety = sum(1 for r in e if r["event"] == "safety_net")
rss = [int(x) for x in open(f"{out}/rss") if x.strip()]
warm = rss[min(20, len(rss) - 1)]
growth = (rss[-1] - warm) / warm * 100
seqs = {}
for r in csv.reader(open(f"{out}/export/logs.csv", newline="")):
    if r[0] == "time": continue
    seqs.setdefault(r[2], []).append(int(r[4].split()[1]))
bad = [n for n, s in seqs.items() if s != list(range(1, len(s) + 1))]
lines = sum(len(s) for s in seqs.values())
print(f"soak: {tasks} tasks, rotations per task min {min(rot)} max {max(rot)} (target {want_rot})")
print(f"soak: readers above tasks: {readers_over} (max over samples; 0 = never)")
print(f"soak: threads after start-up: {threads}")
print(f"soak: RSS after warm-up {warm/1024:.1f} MB, at end {rss[-1]/1024:.1f} MB, growth {growth:+.1f}% (target < 5%)")
print(f"soak: safety_net events: {safety}")
print(f"soak: {lines} lines; tasks whose sequence has a gap or repeat: {len(bad)} {bad[:5]}")
ok = min(rot) >= want_rot and readers_over <= 0 and len(threads) == 1 and growth < 5 and safety == 0 and not bad
print("soak: PASS" if ok else "soak: FAIL")
sys.exit(0 if ok else 1)
PY
