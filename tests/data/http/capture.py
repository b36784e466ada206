#!/usr/bin/env python3
"""Capture raw HTTP responses from a Docker engine for tst_httpresponseparser.

Writes the exact bytes read off the Unix socket (status line, headers, body as sent, chunked
framing included) to <name>.http next to this script. Rerun against a private engine:

    scripts/engine-sandbox.sh start /tmp/dp-http-engine
    tests/data/http/capture.py /tmp/dp-http-engine/docker.sock

It creates (once) an exited container named dockpulse-capture whose logs mix stdout and
stderr, so that the logs response carries a multiplexed, chunked body. Some bodies change
between runs (dates, "Exited (0) 2 minutes ago"): after recapturing, update the body lengths in
addCaptureRows() of tests/unit/tst_httpresponseparser.cpp.
"""
import os
import socket
import subprocess
import sys

CONTAINER = "dockpulse-capture"
IMAGE = "dockpulse-busybox:test"
# stdout and stderr interleaved, an empty line, a long line (larger than one small chunk) and
# no trailing newline at the end.
SCRIPT = (
    "echo 'hello from stdout'; echo 'hello from stderr' >&2; echo; "
    "i=0; while [ $i -lt 40 ]; do i=$((i+1)); echo \"line $i\"; [ $((i % 7)) = 0 ] && echo \"warn $i\" >&2; done; "
    "head -c 9000 /dev/zero | tr '\\0' x; echo; printf 'no newline at end'"
)


def raw(sock_path, method, path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    s.sendall(f"{method} {path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n".encode())
    data = bytearray()
    while True:
        piece = s.recv(65536)
        if not piece:
            break
        data += piece
    s.close()
    return bytes(data)


def main():
    sock_path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/dp-http-engine/docker.sock"
    env = dict(os.environ, DOCKER_HOST="unix://" + sock_path)
    exists = subprocess.run(["docker", "container", "inspect", CONTAINER], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    if not exists:
        subprocess.run(["docker", "run", "--name", CONTAINER, "--network", "none", IMAGE, "sh", "-c", SCRIPT],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = os.path.dirname(os.path.abspath(__file__))
    captures = {
        "ping": ("GET", "/_ping"),
        "ping-head": ("HEAD", "/_ping"),
        "version": ("GET", "/v1.41/version"),
        "containers-list": ("GET", "/v1.41/containers/json?all=1"),
        "container-inspect": ("GET", f"/v1.41/containers/{CONTAINER}/json"),
        "container-404": ("GET", "/v1.41/containers/dockpulse-no-such-container/json"),
        "logs": ("GET", f"/v1.41/containers/{CONTAINER}/logs?stdout=1&stderr=1&timestamps=1"),
    }
    for name, (method, path) in captures.items():
        data = raw(sock_path, method, path)
        with open(os.path.join(out, name + ".http"), "wb") as f:
            f.write(data)
        status = data.split(b"\r\n", 1)[0].decode()
        print(f"{name}.http: {len(data)} bytes, {status}")


if __name__ == "__main__":
    main()
