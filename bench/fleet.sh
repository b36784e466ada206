#!/usr/bin/env bash
# Many containers at once. Scale: N containers writing 1 line/s, monitored for S seconds, with the
# same N `docker logs -f` processes running side by side as the peer (summed CPU and RSS).
# Rotation: the same with a short read deadline, reporting CPU per rotation.
#   bench/fleet.sh scale    [containers=200] [seconds=120]
#   bench/fleet.sh rotation [containers=200] [seconds=60] [deadline ms=1000]
# Prints dockpulse's CPU (% of one core), RSS, threads, rotations and the lines check.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
mode=${1:-scale}
n=${2:-200}
seconds=${3:-$([ "$mode" = scale ] && echo 120 || echo 60)}
deadline=${4:-$([ "$mode" = scale ] && echo 30000 || echo 1000)}
app=${DOCKPULSE_APP:-$repo/build/release/app/dockpulse}
[ -x "$app" ] || { echo "fleet: build the release preset first" >&2; exit 1; }
url=$("$repo/scripts/engine-sandbox.sh" start "$repo/.sandbox/bench")
export DOCKER_HOST=$url
out=$(mktemp -d /tmp/dp-fleet-XXXXXX)
tck=$(getconf CLK_TCK)

echo "fleet: starting $n containers" >&2
for i in $(seq 1 "$n"); do
    docker rm -f "dp-fleet-$i" >/dev/null 2>&1 || true
    docker run -d --name "dp-fleet-$i" --network none --label dp.fleet=1 dockpulse-busybox:test \
        sh -c 'i=0; while true; do i=$((i+1)); echo "n $i"; sleep 1; done' >/dev/null
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

"$app" --headless -H "$url" -m all --read-deadline "$deadline" --context-timeout $((deadline + 500)) \
    --heartbeat-every "$deadline" --tail 0 --duration "$seconds" --export-dir "$out/export" 2>"$out/stderr" &
pid=$!
peers=()
if [ "$mode" = scale ]; then
    for i in $(seq 1 "$n"); do
        docker logs -f --since 0s "dp-fleet-$i" >/dev/null 2>&1 &
        peers+=($!)
    done
fi
sleep 5 # start-up is not what we measure
c0=$(cpu_ticks "$pid")
p0=0; for p in "${peers[@]}"; do p0=$((p0 + $(cpu_ticks "$p"))); done
maxrss=0; peerrss=0
t0=$(date +%s.%N)
while kill -0 "$pid" 2>/dev/null; do
    r=$(rss_kb "$pid"); [ "${r:-0}" -gt "$maxrss" ] && maxrss=$r
    c1=$(cpu_ticks "$pid")
    if [ ${#peers[@]} -gt 0 ]; then
        s=0; for p in "${peers[@]}"; do s=$((s + $(rss_kb "$p"))); done
        [ "$s" -gt "$peerrss" ] && peerrss=$s
        p1=0; for p in "${peers[@]}"; do p1=$((p1 + $(cpu_ticks "$p"))); done
    fi
    t1=$(date +%s.%N)
    sleep 2
done
for p in "${peers[@]}"; do kill "$p" 2>/dev/null || true; done
wait "$pid" || true
for i in $(seq 1 "$n"); do docker rm -f "dp-fleet-$i" >/dev/null 2>&1 || true; done

python3 - "$out" "$n" "$mode" "$tck" "$c0" "$c1" "$t0" "$t1" "$maxrss" "${p0:-0}" "${p1:-0}" "$peerrss" <<'PY'
import csv, sys
out, n, mode, tck = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
c0, c1, t0, t1, rss, p0, p1, prss = (float(x) for x in sys.argv[5:13])
wall = t1 - t0
cpu = (c1 - c0) / tck / wall * 100
read = lambda f: list(csv.DictReader(open(f"{out}/export/{f}", newline="")))
tasks, metrics = read("tasks.csv"), read("metrics.csv")
threads = sorted({int(r["threads"]) for r in metrics[5:]})
rot = sum(int(t["rotations"]) for t in tasks)
seqs = {}
for r in csv.reader(open(f"{out}/export/logs.csv", newline="")):
    if r[0] == "time": continue
    seqs.setdefault(r[2], []).append(int(r[4].split()[1]))
bad = [k for k, s in seqs.items() if s != list(range(s[0], s[0] + len(s)))]
print(f"fleet {mode}: {n} containers, {len(tasks)} tasks, measured {wall:.0f} s")
print(f"dockpulse: CPU {cpu:.2f}% of one core, max RSS {rss/1024:.1f} MB, threads {threads}")
if mode == "scale":
    pcpu = (p1 - p0) / tck / wall * 100
    print(f"{n} x docker logs -f: CPU {pcpu:.2f}% of one core, summed RSS {prss/1024:.1f} MB")
    print(f"ratio dockpulse/peers: CPU {cpu/max(pcpu,1e-9):.3f}, RSS {rss/max(prss,1):.3f}")
else:
    cpu_s = (c1 - c0) / tck
    print(f"rotations {rot}, CPU per rotation {cpu_s / max(rot,1) * 1e6:.0f} us")
print(f"lines {sum(len(s) for s in seqs.values())}; containers with a gap or repeat: {len(bad)}")
PY
