#!/usr/bin/env bash
# Captures real log bodies of GET /containers/{id}/logs?stdout=1&stderr=1&timestamps=1 from a Docker
# engine, with what `docker logs` prints for the same containers, for tst_logframedecoder and
# tst_loglineassembler. Rerun it to refresh the files (timestamps change, nothing else should):
#
#   scripts/engine-sandbox.sh start /tmp/dp-logdecode-engine
#   DOCKER_HOST=unix:///tmp/dp-logdecode-engine/docker.sock tests/data/logs/capture.sh
#   scripts/engine-sandbox.sh stop /tmp/dp-logdecode-engine
#
# For each capture NAME it writes:
#   NAME.body                the HTTP body as the engine sent it (curl removes the chunked encoding)
#   NAME.stdout.t, .stderr.t `docker logs -t` output (TTY: everything is on stdout)
#   NAME.stdout, .stderr     `docker logs` output (no timestamps: partials are joined back)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${DOCKER_HOST:?set DOCKER_HOST=unix:///path/to/docker.sock}"
sock=${DOCKER_HOST#unix://}
image=${DOCKPULSE_TEST_IMAGE:-dockpulse-busybox:test}
api=v1.41

# Known lines on both streams: bytes that are not UTF-8, a '\r' inside and before the newline,
# an empty line, lines of 40000 and 20000 bytes (16 KiB partials), a line of exactly 16384 bytes,
# and a last line without a newline.
script='
echo "first line on stdout"
echo "first line on stderr" >&2
printf "tab\there, utf-8 caf\303\251, not utf-8 \377\376 end\n"
printf "carriage return\r inside and before the newline\r\n"
echo
seq 1 20000 | tr -d "\n" | head -c 40000; echo
seq 20000 -1 1 | tr -d "\n" | head -c 20000 >&2; echo >&2
seq 1 20000 | tr -d "\n" | head -c 16384; echo
echo "after the long lines"
echo "last line on stderr" >&2
printf "nonl"
'

capture() {
    local name=$1
    shift
    local id
    id=$(docker run -d --network none "$@" "$image" sh -c "$script")
    docker wait "$id" >/dev/null
    curl -sf --unix-socket "$sock" \
        "http://engine/$api/containers/$id/logs?stdout=1&stderr=1&timestamps=1" >"$here/$name.body"
    docker logs -t "$id" >"$here/$name.stdout.t" 2>"$here/$name.stderr.t"
    docker logs "$id" >"$here/$name.stdout" 2>"$here/$name.stderr"
    docker rm "$id" >/dev/null
    echo "capture: $name: $(wc -c <"$here/$name.body") bytes" >&2
}

capture nontty-jsonfile --log-driver json-file
capture tty-jsonfile --log-driver json-file -t
# The local driver stores bytes as they are; json-file replaces invalid UTF-8 with U+FFFD.
capture nontty-local --log-driver local
capture tty-local --log-driver local -t
