#!/usr/bin/env bash
# Memory of a line without a newline: a container writes MIB mebibytes with no newline (then one
# short line) and exits; dockpulse --headless reads it all. Prints dockpulse's max RSS, the rows of
# logs.csv and the largest one, for each --max-line given (default: the default cap).
#   bench/longline.sh [mib=48] [max-line...]
# DOCKPULSE_APP picks the binary (default: the dev build), e.g. an older build to compare with.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
mib=${1:-48}
shift || true
caps=("$@")
[ ${#caps[@]} -gt 0 ] || caps=(default)
app=${DOCKPULSE_APP:-$repo/build/dev/app/dockpulse}
sandbox=${DOCKPULSE_BENCH_SANDBOX:-$repo/.sandbox/bench}
out=$(mktemp -d /tmp/dp-longline-XXXXXX)
trap 'rm -rf "$out"' EXIT

[ -x "$app" ] || { echo "longline: no $app (build it, or set DOCKPULSE_APP)" >&2; exit 1; }
url=${DOCKPULSE_TEST_HOST:-$("$repo/scripts/engine-sandbox.sh" start "$sandbox")}
export DOCKER_HOST=$url
name=dp-longline-$mib
if ! docker inspect "$name" >/dev/null 2>&1; then
    echo "longline: writing $mib MiB without a newline into $name ..." >&2
    docker run --name "$name" --network none dockpulse-busybox:test \
        sh -c "head -c $((mib << 20)) /dev/zero | tr '\\0' x; printf '\\ndone\\n'" >/dev/null
fi

printf '%-12s%14s%8s%16s\n' "max-line" "max RSS MB" "rows" "largest row B"
for cap in "${caps[@]}"; do
    rm -rf "$out/export"
    args=(--headless -H "$url" -m "$name" --until-exit --export-dir "$out/export")
    [ "$cap" = default ] || args+=(--max-line "$cap")
    /usr/bin/time -f "%M" -o "$out/time" "$app" "${args[@]}" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
    python3 - "$out/export/logs.csv" "$(cat "$out/time")" "$cap" <<'PY'
import csv, sys
csv.field_size_limit(1 << 31)
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape")))[1:]
print(f"{sys.argv[3]:<12}{int(sys.argv[2]) / 1024:>14.1f}{len(rows):>8}{max(len(r[4]) for r in rows):>16}")
PY
done
