#!/usr/bin/env bash
# Runs every libFuzzer target for a given time each, starting from the committed seed corpora in
# fuzz/corpus/<target>. New inputs go to .sandbox/fuzz/<target> (not committed); a crash leaves its
# input in .sandbox/fuzz/crashes/ and makes this script fail. Turn each crash into a unit test.
#   scripts/fuzz.sh [seconds per target=60] [jobs in parallel=2] [targets...]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
seconds=${1:-60}
jobs=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_http_response fuzz_log_frames fuzz_timestamp fuzz_events fuzz_stats fuzz_endpoint fuzz_csv)

scripts/install-deps.sh clang libclang-rt-14-dev
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

work="$repo/.sandbox/fuzz"
mkdir -p "$work/crashes"
run_one() {
    local t=$1
    mkdir -p "$work/$t"
    "$repo/build/fuzz/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/crashes/$t-" "$work/$t" "$repo/fuzz/corpus/$t" >"$work/$t.log" 2>&1
    local rc=$?
    local execs; execs=$(grep -m1 'stat::number_of_executed_units' "$work/$t.log" | awk '{print $2}')
    printf 'fuzz: %-20s %6ss  %12s runs  %s\n' "$t" "$seconds" "${execs:-?}" "$([ $rc = 0 ] && echo ok || echo "FAILED (see $work/$t.log)")"
    return $rc
}
export -f run_one
export work repo seconds
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
