#!/usr/bin/env bash
# Drain benchmark: read the whole log of a container that wrote N lines of ~120 bytes and exited.
# Contenders, alternated in one run, each repeated R times:
#   dockpulse   dockpulse --headless -m X --until-exit --export-dir D   (writes logs.csv)
#   dockpulse+store  the same with --store S (a fresh store each round): lines, cursors, index
#   docker-cli  docker logs -t X > file
#   curl        curl --unix-socket SOCK ".../logs?stdout=1&stderr=1&timestamps=1" > file
# Prints wall, user+sys CPU and max RSS medians and the ratios to curl (the physical ceiling: it
# only copies the engine's bytes).
#   bench/drain.sh [lines=2000000] [repeats=5]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
lines=${1:-2000000}
repeats=${2:-5}
app=${DOCKPULSE_APP:-$repo/build/release/app/dockpulse}
sandbox=${DOCKPULSE_BENCH_SANDBOX:-$repo/.sandbox/bench}
out=$(mktemp -d /tmp/dp-drain-XXXXXX)
trap 'rm -rf "$out"' EXIT

[ -x "$app" ] || { echo "build the release preset first: cmake --preset release && cmake --build --preset release" >&2; exit 1; }
url=$("$repo/scripts/engine-sandbox.sh" start "$sandbox")
sock=${url#unix://}
export DOCKER_HOST=$url
name=dp-drain-$lines
if ! docker inspect "$name" >/dev/null 2>&1; then
    echo "drain: writing $lines lines into $name ..." >&2
    docker run --name "$name" --network none dockpulse-busybox:test awk -v n="$lines" 'BEGIN {
        pad = "the quick brown fox jumps over the lazy dog; the quick brown fox jumps over the lazy dog. ok"
        for (i = 1; i <= n; i++) printf "%09d %s\n", i, pad }' >/dev/null
fi
id=$(docker inspect -f '{{.Id}}' "$name")

measure() { # label command... ; appends "label wall cpu rss" to $out/results
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; return 1; }
    read -r wall user sys rss <"$out/time"
    echo "$label $wall $(echo "$user + $sys" | bc) $rss" >>"$out/results"
}

for r in $(seq 1 "$repeats"); do
    rm -rf "$out/export"
    measure dockpulse "$app" --headless -H "$url" -m "$name" --until-exit --export-dir "$out/export"
    rows=$(($(wc -l <"$out/export/logs.csv") - 1))
    [ "$rows" = "$lines" ] || { echo "drain: dockpulse exported $rows lines, expected $lines" >&2; exit 1; }
    # The same drain with the durable store on (a fresh store each round: an old one would resume).
    rm -rf "$out/export" "$out"/store.sqlite*
    measure dockpulse+store "$app" --headless -H "$url" -m "$name" --until-exit --export-dir "$out/export" \
        --store "$out/store.sqlite"
    rows=$(($(wc -l <"$out/export/logs.csv") - 1))
    [ "$rows" = "$lines" ] || { echo "drain: dockpulse --store exported $rows lines, expected $lines" >&2; exit 1; }
    measure docker-cli sh -c "docker logs -t $name > $out/docker.txt 2>&1"
    measure curl sh -c "curl -s --unix-socket $sock 'http://engine/v1.41/containers/$id/logs?stdout=1&stderr=1&timestamps=1' > $out/curl.bin"
    echo "drain: round $r of $repeats done" >&2
done

python3 - "$out/results" "$lines" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
by = {}
for label, wall, cpu, rss in rows:
    by.setdefault(label, []).append((float(wall), float(cpu), int(rss)))
med = {k: tuple(statistics.median(x[i] for x in v) for i in range(3)) for k, v in by.items()}
print(f"drain of {int(sys.argv[2]):,} lines, median of {len(next(iter(by.values())))} runs")
print(f"{'contender':<16}{'wall s':>9}{'cpu s':>9}{'max RSS MB':>12}{'wall/curl':>11}{'cpu/curl':>10}")
c = med["curl"]
for k in ("dockpulse", "dockpulse+store", "docker-cli", "curl"):
    w, u, m = med[k]
    print(f"{k:<16}{w:>9.2f}{u:>9.2f}{m/1024:>12.1f}{w/c[0]:>11.2f}{u/max(c[1],1e-9):>10.2f}")
PY
