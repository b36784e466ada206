#!/usr/bin/env bash
# `dockpulse search` for a rare word against `grep -F` over the same lines as a text file (issue 13).
# The store: LINES lines of ~75 bytes written by store_ingest_bench (one container); the text file:
# the same lines, one per line. Then Q searches for an id that occurs in one line each (taken at
# random positions), alternated: dockpulse search, dockpulse search -w on the bare id, grep -F.
# Prints each one's median and p99 wall time and the median ratio, with the sizes. The store's
# search index is complete before the searches: store_ingest_bench waits for it (its "index"
# line says how long it took; "store size" is with the index).
#   bench/search.sh [lines=1000000] [queries=100]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
lines=${1:-1000000}
queries=${2:-100}
build=${DOCKPULSE_BENCH_BUILD:-$repo/build/dev}
app=$build/app/dockpulse
ingest=$build/bench/store_ingest_bench
out=$(mktemp -d /tmp/dp-search-XXXXXX)
trap 'rm -rf "$out"' EXIT
[ -x "$app" ] && [ -x "$ingest" ] || {
    echo "build first: cmake --build --preset dev --target dockpulse store_ingest_bench" >&2
    exit 1
}

"$ingest" "$lines" 500 1 "$out" 1 >&2
store=$out/ingest-bench.sqlite
# The same lines as text: every stored line, its message only.
"$app" search --store "$store" "svc=" | cut -d' ' -f4- > "$out/lines.txt"
echo "store $(du -b "$store" | cut -f1) bytes, text $(du -b "$out/lines.txt" | cut -f1) bytes," \
     "$(wc -l < "$out/lines.txt") lines" >&2

ms() { date +%s%N; }
: > "$out/ours"; : > "$out/words"; : > "$out/grep"
for q in $(seq 1 "$queries"); do
    line=$(( (q * 7919 * 131) % lines + 1 ))
    word=$(sed -n "${line}p" "$out/lines.txt" | grep -o 'id=[0-9a-f]* ')
    bare=${word#id=}; bare=${bare% }
    t0=$(ms); hits=$("$app" search --store "$store" "$word" 2> "$out/err" | wc -l); t1=$(ms)
    ghits=$(grep -cF -- "$word" "$out/lines.txt"); t2=$(ms)
    whits=$("$app" search --store "$store" -w "$bare" | wc -l); t3=$(ms)
    [ "$hits" = "$ghits" ] || { echo "search \"$word\": $hits lines, grep $ghits" >&2; exit 1; }
    [ "$whits" -ge "$hits" ] || { echo "search -w \"$bare\": $whits lines, fewer than $hits" >&2; exit 1; }
    [ ! -s "$out/err" ] || { cat "$out/err" >&2; exit 1; }
    echo $(( (t1 - t0) / 1000 )) >> "$out/ours"
    echo $(( (t2 - t1) / 1000 )) >> "$out/grep"
    echo $(( (t3 - t2) / 1000 )) >> "$out/words"
done
stat() { sort -n "$1" | awk '{ v[NR] = $1 } END { m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.99 + 0.999)];
    printf "%.1f %.1f", m / 1000, p / 1000 }'; }
read -r om op <<< "$(stat "$out/ours")"
read -r gm gp <<< "$(stat "$out/grep")"
read -r wm wp <<< "$(stat "$out/words")"
printf '%-22s %12s %12s\n' "$queries searches" "median ms" "p99 ms"
printf '%-22s %12s %12s\n' "dockpulse search" "$om" "$op"
printf '%-22s %12s %12s\n' "dockpulse search -w" "$wm" "$wp"
printf '%-22s %12s %12s\n' "grep -F" "$gm" "$gp"
awk -v a="$om" -v b="$gm" 'BEGIN { printf "ratio (median)         %.2fx grep\n", a / b }'
