#!/usr/bin/env bash
# What each transport costs next to the unix socket, on one private engine and one container:
#   connect   N sequential GET /_ping, each on a connection of its own (as every dockpulse API call
#             and log stream is): median and p95 milliseconds
#   drain     one GET /containers/{id}/logs of a container that wrote L lines (~100 bytes) and
#             exited, read to the end: MiB/s, median of R runs
# Transports: unix, tcp (plain), tcp+TLS (openssl-made certificates, client certificate, peer
# verified), ssh to a private sshd on loopback with a shared session (ControlMaster, dockpulse's
# default) and without (ControlMaster=no: a full ssh handshake per call). dockerd applies TLS to
# every tcp listener, so the engine restarts once (same data root, same container) to switch
# from plain tcp to TLS.
#   bench/transports.sh [pings=50] [lines=200000] [repeats=3]
# Needs root (dockerd, sshd), openssl, openssh-server; builds nothing: build transport_bench first
# (cmake --build --preset release --target transport_bench, or the dev preset).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
pings=${1:-50}
lines=${2:-200000}
repeats=${3:-3}
bench=${DOCKPULSE_TRANSPORT_BENCH:-}
for b in "$bench" "$repo/build/release/bench/transport_bench" "$repo/build/dev/bench/transport_bench"; do
    [ -n "$b" ] && [ -x "$b" ] && { bench=$b; break; }
done
[ -x "$bench" ] || { echo "transports: build transport_bench first (cmake --build --preset release --target transport_bench)" >&2; exit 1; }
command -v openssl >/dev/null && [ -x /usr/sbin/sshd ] || { echo "transports: needs openssl and openssh-server (scripts/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d /tmp/dp-transports-XXXXXX)
sandbox="$work/engine"
sshd_pid=""
cleanup() {
    [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null || true
    "$repo/scripts/engine-sandbox.sh" stop "$sandbox" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Certificates: a CA, the engine's for IP 127.0.0.1, ours.
certs="$work/certs"; mkdir -p "$certs"
(
    cd "$certs"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj "/CN=bench CA"
    openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj "/CN=127.0.0.1"
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2 -extfile server.ext
    openssl req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj "/CN=bench client"
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2 -extfile client.ext
) >/dev/null 2>&1

plain_port=$(port); tls_port=$(port); ssh_port=$(port)
url=$(DOCKPULSE_SANDBOX_DOCKERD_ARGS="--host tcp://127.0.0.1:$plain_port" "$repo/scripts/engine-sandbox.sh" start "$sandbox")
name=dp-transports-$lines
DOCKER_HOST=$url docker run --name "$name" --network none dockpulse-busybox:test awk -v n="$lines" 'BEGIN {
    pad = "the quick brown fox jumps over the lazy dog; the quick brown fox jumps over the lazy dog. ok"
    for (i = 1; i <= n; i++) printf "%09d %s\n", i, pad }' >/dev/null

# A private sshd whose sessions reach the engine's unix socket.
ssh_dir="$work/ssh"; mkdir -p "$ssh_dir" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/client_key"
cp "$ssh_dir/client_key.pub" "$ssh_dir/authorized_keys"
echo "[127.0.0.1]:$ssh_port $(cat "$ssh_dir/host_key.pub")" >"$ssh_dir/known_hosts"
cat >"$ssh_dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $ssh_port
HostKey $ssh_dir/host_key
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
UsePAM no
LogLevel ERROR
SetEnv DOCKER_HOST=$url HOME=$ssh_dir/home
CONF
# HOME: an empty folder, so that each session's shell reads no ~/.bashrc: a heavy one (pyenv
# init, ...) adds its own run time to every call and is the far host's cost, not the transport's.
mkdir -p "$ssh_dir/home"
/usr/sbin/sshd -D -e -f "$ssh_dir/sshd_config" 2>>"$ssh_dir/sshd.log" &
sshd_pid=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$ssh_port") 2>/dev/null && break; sleep 0.1; done
ssh_opts="-i $ssh_dir/client_key -o IdentitiesOnly=yes -o IdentityAgent=none -o UserKnownHostsFile=$ssh_dir/known_hosts -o StrictHostKeyChecking=yes"
shared="$ssh_opts -o ControlPath=$ssh_dir/cm-%C -o ControlPersist=10"
unshared="$ssh_opts -o ControlMaster=no -o ControlPath=none"

results="$work/results"; : >"$results"
measure() { # label url [env assignments...]
    local label=$1 target=$2; shift 2
    local connect drains=()
    connect=$(env "$@" "$bench" "$target" ping "$pings")
    for _ in $(seq 1 "$repeats"); do
        local out; out=$(env "$@" "$bench" "$target" drain "$name")
        drains+=("$(echo "$out" | awk '{print $4}')")
        echo "$out" | awk '{print $2}' >"$work/wire-bytes"
    done
    local drain; drain=$(printf '%s\n' "${drains[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$label $(echo "$connect" | awk '{print $3, $4}') $drain" >>"$results"
    echo "transports: $label done" >&2
}

measure unix "$url"
measure tcp "tcp://127.0.0.1:$plain_port"
measure ssh-shared "ssh://root@127.0.0.1:$ssh_port" DOCKPULSE_SSH_OPTS="$shared"
measure ssh-per-call "ssh://root@127.0.0.1:$ssh_port" DOCKPULSE_SSH_OPTS="$unshared"
ssh $shared -p "$ssh_port" -O exit root@127.0.0.1 2>/dev/null || true

# Same engine and container, now with a TLS listener instead of the plain one.
DOCKPULSE_SANDBOX_DOCKERD_ARGS="--host tcp://127.0.0.1:$tls_port --tlsverify --tlscacert $certs/ca.pem --tlscert $certs/server-cert.pem --tlskey $certs/server-key.pem" \
    "$repo/scripts/engine-sandbox.sh" restart "$sandbox" >/dev/null
measure unix-after-restart "$url"
measure tcp+tls "tcp://127.0.0.1:$tls_port" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$certs"

unix_drain=$(awk '$1 == "unix" {print $4}' "$results")
unix_connect=$(awk '$1 == "unix" {print $2}' "$results")
printf '\n%d pings; %d lines (%s MiB on the wire, timestamps and frame headers included) drained %d times; %s\n\n' \
    "$pings" "$lines" "$(awk '{printf "%.1f", $1 / 1048576}' "$work/wire-bytes")" "$repeats" \
    "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '| transport | connect median ms | connect p95 ms | x unix | drain MiB/s | vs unix |\n|---|---:|---:|---:|---:|---:|\n'
while read -r label median p95 drain; do
    printf '| %s | %s | %s | %.0fx | %s | %.0f%% |\n' "$label" "$median" "$p95" \
        "$(echo "$median / $unix_connect" | bc -l)" "$drain" "$(echo "100 * $drain / $unix_drain" | bc -l)"
done <"$results"
