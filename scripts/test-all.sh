#!/usr/bin/env bash
# Builds dockpulse (preset dev: warnings are errors) and runs every test.
# The engine tests need a real Docker engine: give one with DOCKPULSE_TEST_HOST=unix:///path, or
# (as root) this script starts a private dockerd for them and stops it afterwards.
# Under CI=true a missing engine is an error, never a skip.
#   scripts/test-all.sh [ctest arguments...]      e.g. -L unit, -R tst_http
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
preset=${DOCKPULSE_PRESET:-dev}

scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

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
