#!/usr/bin/env bash
# Lossless at speed: the scenario of tst_lossless's fastSequenceAcrossRotations (400 bursts of
# 1000 numbers, 40 ms apart, read with 100 ms streams) run R times; prints, per run, the rate the
# engine stamped (first to last line of logs.csv), the rotations, and whether every number came
# exactly once. tst_lossless asserts only the last; the rate is this machine's.
#   bench/lossless.sh [repeats=3]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
repeats=${1:-3}
app=${DOCKPULSE_APP:-$repo/build/release/app/dockpulse}
[ -x "$app" ] || app=$repo/build/dev/app/dockpulse
[ -x "$app" ] || { echo "lossless: build dockpulse first (release or dev preset)" >&2; exit 1; }
url=$("$repo/scripts/engine-sandbox.sh" start "${DOCKPULSE_BENCH_SANDBOX:-$repo/.sandbox/bench}")
export DOCKER_HOST=$url
out=$(mktemp -d /tmp/dp-lossless-XXXXXX)
trap 'rm -rf "$out"' EXIT

for r in $(seq 1 "$repeats"); do
    name=dp-lossless-$r
    docker rm -f "$name" >/dev/null 2>&1 || true
    docker run -d --name "$name" --network none dockpulse-busybox:test sh -c \
        'i=0; while [ $i -lt 400 ]; do seq $((i*1000+1)) $((i*1000+1000)); i=$((i+1)); sleep 0.04; done' >/dev/null
    rm -rf "$out/run"
    "$app" --headless -H "$url" -m "$name" --until-exit --export-dir "$out/run" --read-deadline 100 \
        --context-timeout 150 --heartbeat-every 100 --task-timeout 3000 --cleanup-every 500 2>/dev/null
    python3 - "$out/run" "$r" <<'PY'
import csv, sys
from datetime import datetime
run, r = sys.argv[1], sys.argv[2]
with open(f"{run}/logs.csv", newline="") as f:
    rows = list(csv.reader(f))[1:]
with open(f"{run}/tasks.csv", newline="") as f:
    tasks = list(csv.DictReader(f))
msgs = [row[4] for row in rows]
exact = msgs == [str(i) for i in range(1, 400001)]
t = lambda s: datetime.fromisoformat(s[:26] + "+00:00").timestamp()
seconds = t(rows[-1][0]) - t(rows[0][0])
print(f"lossless run {r}: {len(msgs)} lines in {seconds:.2f} s engine time = {len(msgs) / seconds:,.0f} lines/s, "
      f"{tasks[0]['rotations']} rotations, exactly once: {'yes' if exact else 'NO'}")
PY
    docker rm -f "$name" >/dev/null
done
