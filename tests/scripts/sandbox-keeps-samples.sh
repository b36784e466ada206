#!/usr/bin/env bash
# Checks that `engine-sandbox.sh samples` (what scripts/launch.sh runs every time) keeps the sample
# containers it made before: the same ids and their log history, a stopped one started again,
# a removed one made anew. Starts a private sandbox engine of its own and stops it. Needs root.
#   tests/scripts/sandbox-keeps-samples.sh
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sandbox=${DOCKPULSE_SANDBOX_ROOT:-$repo/.sandbox}/samples-check
say() { printf 'sandbox-keeps-samples: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
url=$("$repo/scripts/engine-sandbox.sh" start "$sandbox")
trap '"$repo/scripts/engine-sandbox.sh" stop "$sandbox"' EXIT
export DOCKER_HOST=$url
names=(dockpulse-sample-web dockpulse-sample-worker dockpulse-sample-noisy)
ids() { docker inspect -f '{{.Id}}' "${names[@]}"; }

"$repo/scripts/engine-sandbox.sh" samples "$sandbox"
first=$(ids)
sleep 2 # let web write a few lines
history=$(docker logs -t dockpulse-sample-web 2>/dev/null | head -n 2)
[ -n "$history" ] || fail "dockpulse-sample-web wrote nothing"

"$repo/scripts/engine-sandbox.sh" samples "$sandbox"
[ "$(ids)" = "$first" ] || fail "a second run replaced the sample containers (ids changed)"
[ "$(docker logs -t dockpulse-sample-web 2>/dev/null | head -n 2)" = "$history" ] ||
    fail "a second run lost dockpulse-sample-web's log history"
say "ok: a second run keeps the three containers and their logs"

docker stop -t 1 dockpulse-sample-worker >/dev/null
docker rm -f dockpulse-sample-noisy >/dev/null
"$repo/scripts/engine-sandbox.sh" samples "$sandbox"
[ "$(docker inspect -f '{{.Id}} {{.State.Running}}' dockpulse-sample-worker)" = \
  "$(sed -n 2p <<<"$first") true" ] || fail "a stopped sample was not started again under its id"
[ "$(docker inspect -f '{{.State.Running}}' dockpulse-sample-noisy)" = true ] || fail "a removed sample was not made again"
[ "$(docker inspect -f '{{.Id}}' dockpulse-sample-web)" = "$(sed -n 1p <<<"$first")" ] || fail "the running web sample was replaced"
say "ok: a stopped sample starts again under its id, a removed one is made anew"
