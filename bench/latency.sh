#!/usr/bin/env bash
# Live latency: a container writing 1,000 lines/s (10 every 10 ms) for S seconds; prints the delay
# from Docker's timestamp to the line reaching the core facade, overall and right after rotations.
#   bench/latency.sh [seconds=60] [read deadline ms=5000]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
seconds=${1:-60}
deadline=${2:-5000}
bench="$repo/build/release/bench/latency_bench"
[ -x "$bench" ] || { echo "latency: build the release preset first" >&2; exit 1; }
url=$("$repo/scripts/engine-sandbox.sh" start "$repo/.sandbox/bench")
export DOCKER_HOST=$url
docker rm -f dp-latency >/dev/null 2>&1 || true
docker run -d --name dp-latency --network none dockpulse-busybox:test \
    sh -c 'i=0; while true; do seq $((i*10+1)) $((i*10+10)); i=$((i+1)); usleep 10000; done' >/dev/null
"$bench" "$url" dp-latency "$seconds" "$deadline"
docker rm -f dp-latency >/dev/null
