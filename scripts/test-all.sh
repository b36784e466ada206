#!/usr/bin/env bash
# Builds dockpulse (preset dev: warnings are errors) and runs every test.
# The engine tests need a real Docker engine: give one with DOCKPULSE_TEST_HOST=unix:///path, or
# (as root) this script starts a private dockerd for them and stops it afterwards.
# Under CI=true a missing engine is an error, never a skip.
# DOCKPULSE_BUILD_SELECTED=1 builds only the program and the test programs the ctest arguments
# select (the sanitizer stages of CI run a part of the suite; building the rest costs minutes).
#   scripts/test-all.sh [ctest arguments...]      e.g. -L unit, -R tst_http
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
preset=${DOCKPULSE_PRESET:-dev}

scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
if [ "${DOCKPULSE_BUILD_SELECTED:-}" = 1 ]; then
    # Each test program is the target of the same name (dockpulse_add_test).
    mapfile -t targets < <(ctest --preset "$preset" -N "$@" | sed -n 's/^ *Test *#[0-9]*: \(tst_[a-z0-9_]*\)$/\1/p')
    [ ${#targets[@]} -gt 0 ] || { echo "test-all: the ctest arguments select no test program: $*" >&2; exit 1; }
    cmake --build --preset "$preset" --target dockpulse "${targets[@]}"
else
    cmake --build --preset "$preset"
fi

sandbox="$repo/.sandbox/test-engine"
started=0
cleanup() { [ $started = 1 ] && scripts/engine-sandbox.sh stop "$sandbox" || true; }
trap cleanup EXIT

if [ -z "${DOCKPULSE_TEST_HOST:-}" ]; then
    if url=$(scripts/engine-sandbox.sh start "$sandbox"); then
        started=1
        export DOCKPULSE_TEST_HOST="$url"
        echo "test-all: engine tests run against the private dockerd at $url" >&2
    elif [ "${CI:-}" = true ]; then
        echo "test-all: FAILED: CI=true and no Docker engine could be started for the engine tests" >&2
        exit 1
    else
        echo "test-all: no Docker engine could be started: the engine tests will SKIP" >&2
    fi
else
    echo "test-all: engine tests run against DOCKPULSE_TEST_HOST=$DOCKPULSE_TEST_HOST" >&2
fi
export DOCKPULSE_SANDBOX_ROOT="$repo/.sandbox"

ctest --preset "$preset" "$@"
