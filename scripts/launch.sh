#!/usr/bin/env bash
# Builds dockpulse and opens the dashboard against the local Docker engine.
# When no engine answers (DOCKER_HOST, the current context, /var/run/docker.sock) and we are
# root, it starts the private sandbox engine the tests use, with a few sample containers that
# write logs (kept from one launch to the next), and says how to stop it.
#   scripts/launch.sh [dockpulse options...]
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

scripts/install-deps.sh
cmake --preset dev >/dev/null
# Only what the window needs (about a third of the dev tree); scripts/test-all.sh builds the tests
# in the same build folder.
cmake --build --preset dev --target dockpulse
app="$repo/build/dev/app/dockpulse"

engine_answers() {
    # The docker CLI resolves DOCKER_HOST and contexts exactly as dockpulse does.
    timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

args=("$@")
if ! engine_answers; then
    sandbox="$repo/.sandbox/engine"
    echo "launch: no Docker engine answers here; starting the private sandbox engine" >&2
    url=$(scripts/engine-sandbox.sh start "$sandbox")
    scripts/engine-sandbox.sh samples "$sandbox"
    echo "launch: dockpulse is using the sandbox engine at $url" >&2
    echo "launch: stop it with: scripts/engine-sandbox.sh stop $sandbox" >&2
    args=(--host "$url" "${args[@]}")
fi
exec "$app" "${args[@]}"
