#!/usr/bin/env bash
# A private Docker engine owned by whoever starts it: its own socket, data root, exec root and
# pidfile, no bridge network and no iptables, so tests may stop, freeze or restart it freely.
#
#   engine-sandbox.sh start  [DIR]   start dockerd (idempotent), build the test image, print DOCKER_HOST
#   engine-sandbox.sh stop   [DIR]   stop it and remove its containers' state
#   engine-sandbox.sh status [DIR]   exit 0 when it answers
#   engine-sandbox.sh freeze|thaw [DIR]   SIGSTOP / SIGCONT the daemon
#   engine-sandbox.sh kill   [DIR]   SIGKILL dockerd (containers keep running under containerd: --live-restore)
#   engine-sandbox.sh restart [DIR]  start dockerd again after kill (or stop it first if it runs)
#   engine-sandbox.sh samples [DIR]  start a few containers that write logs, for trying the app
#                                    (kept from one run to the next: same ids, same history)
#
# DIR defaults to $DOCKPULSE_SANDBOX_DIR or <repo>/.sandbox/engine. Needs root (dockerd does).
# DOCKPULSE_SANDBOX_DOCKERD_ARGS at start: more dockerd arguments, e.g. another listener
#   "--host tcp://127.0.0.1:PORT --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem";
#   kept in DIR/dockerd.args, so that restart brings the same listeners back (set at restart, it
#   replaces them).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
cmd=${1:-status}
dir=${2:-${DOCKPULSE_SANDBOX_DIR:-$repo/.sandbox/engine}}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sock="$dir/docker.sock"
pidfile="$dir/dockerd.pid"
image=dockpulse-busybox:test

say() { printf 'engine-sandbox: %s\n' "$*" >&2; }
cli() { DOCKER_HOST="unix://$sock" docker "$@"; }
alive() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
answers() { curl -sf --max-time 2 --unix-socket "$sock" http://engine/_ping >/dev/null 2>&1; }

wait_answers() {
    local pid=$1
    for _ in $(seq 1 150); do
        answers && return 0
        kill -0 "$pid" 2>/dev/null || { say "dockerd exited; last lines of $dir/dockerd.log:"; tail -n 20 "$dir/dockerd.log" >&2; return 1; }
        sleep 0.2
    done
    say "dockerd did not answer within 30 s; see $dir/dockerd.log"; return 1
}

build_image() {
    cli image inspect "$image" >/dev/null 2>&1 && return 0
    local busybox=/bin/busybox
    [ -x "$busybox" ] && ldd "$busybox" >/dev/null 2>&1 && busybox=""
    [ -z "$busybox" ] && [ -x /usr/bin/busybox ] && ! ldd /usr/bin/busybox >/dev/null 2>&1 && busybox=/usr/bin/busybox
    if [ -z "$busybox" ] || [ ! -x "$busybox" ]; then
        say "a static busybox is needed for the test image: apt-get install busybox-static"; return 1
    fi
    local root; root=$(mktemp -d)
    mkdir -p "$root/bin" "$root/tmp" "$root/proc" "$root/sys" "$root/dev" "$root/etc"
    cp "$busybox" "$root/bin/busybox"
    for applet in sh echo cat sleep seq yes printf head tail ls date true false tr dd od wc env kill awk usleep; do
        ln -s busybox "$root/bin/$applet"
    done
    tar -C "$root" -c . | cli import -c 'ENV PATH=/bin' - "$image" >/dev/null
    rm -rf "$root"
    say "built image $image"
}

containerd_alive() { [ -f "$dir/containerd.pid" ] && kill -0 "$(cat "$dir/containerd.pid")" 2>/dev/null; }

# containerd runs on its own so that dockerd can be killed and restarted while containers
# (with --live-restore) keep running and writing logs, as on a real host.
start_containerd() {
    containerd_alive && return 0
    mkdir -p "$dir/containerd"
    rm -f "$dir/containerd.sock"
    setsid containerd --root "$dir/containerd/root" --state "$dir/containerd/state" \
        --address "$dir/containerd.sock" --log-level warn >>"$dir/containerd.log" 2>&1 </dev/null &
    echo $! >"$dir/containerd.pid"
    for _ in $(seq 1 100); do [ -S "$dir/containerd.sock" ] && return 0; sleep 0.1; done
    say "containerd did not start; see $dir/containerd.log"; return 1
}

start_dockerd() {
    rm -f "$sock"
    mkdir -p "$dir/data" "$dir/exec"
    local extra=()
    [ -f "$dir/dockerd.args" ] && read -r -a extra <"$dir/dockerd.args"
    # setsid: the daemon must outlive the shell that started it, and not get its signals.
    setsid dockerd --host "unix://$sock" --containerd "$dir/containerd.sock" \
        --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$pidfile" \
        --bridge=none --iptables=false --ip6tables=false --live-restore \
        --log-level=warn "${extra[@]}" >>"$dir/dockerd.log" 2>&1 </dev/null &
    wait_answers $!
}

start() {
    if alive && answers; then
        say "already running at unix://$sock"
    else
        command -v dockerd >/dev/null || { say "dockerd not found: apt-get install docker.io"; return 1; }
        [ "$(id -u)" = 0 ] || { say "dockerd needs root"; return 1; }
        printf '%s\n' "${DOCKPULSE_SANDBOX_DOCKERD_ARGS:-}" >"$dir/dockerd.args"
        start_containerd
        start_dockerd
        say "started dockerd at unix://$sock${DOCKPULSE_SANDBOX_DOCKERD_ARGS:+ with $DOCKPULSE_SANDBOX_DOCKERD_ARGS} (stop: $0 stop $dir)"
    fi
    build_image
    echo "unix://$sock"
}

stop() {
    if alive; then
        kill -CONT "$(cat "$pidfile")" 2>/dev/null || true
        cli ps -aq 2>/dev/null | xargs -r env DOCKER_HOST="unix://$sock" docker rm -f >/dev/null 2>&1 || true
        local pid; pid=$(cat "$pidfile")
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        say "stopped dockerd at unix://$sock"
    fi
    # Shims of containers that outlived a killed dockerd, then containerd itself.
    pkill -KILL -f -- "containerd-shim.*-address $dir/containerd.sock" 2>/dev/null || true
    if containerd_alive; then
        kill -TERM "$(cat "$dir/containerd.pid")" 2>/dev/null || true
        sleep 0.5
        kill -KILL "$(cat "$dir/containerd.pid")" 2>/dev/null || true
    fi
    grep -F " $dir/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -f "$sock" "$pidfile" "$dir/containerd.sock" "$dir/containerd.pid"
}

restart_dockerd() {
    alive && { kill -CONT "$(cat "$pidfile")"; kill -TERM "$(cat "$pidfile")"; for _ in $(seq 1 100); do alive || break; sleep 0.1; done; }
    # Given again at restart, the arguments replace the kept ones (a benchmark switches listeners).
    [ -n "${DOCKPULSE_SANDBOX_DOCKERD_ARGS+set}" ] && printf '%s\n' "$DOCKPULSE_SANDBOX_DOCKERD_ARGS" >"$dir/dockerd.args"
    start_containerd
    start_dockerd
}

sample_script() {
    case $1 in
        web) echo 'i=0; while true; do i=$((i+1)); echo "GET /item/$i 200 $((i % 17))ms"; sleep 1; done' ;;
        worker) echo 'i=0; while true; do i=$((i+1)); echo "job $i done"; [ $((i % 5)) = 0 ] && echo "job $i retried" >&2; sleep 2; done' ;;
        noisy) echo 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.1; done' ;;
    esac
}

# Samples already there are kept (their ids and log history are what a user watched last time):
# a running one is left alone, a stopped one started again, a missing one made.
samples() {
    local n name state tty kept=() started=() made=()
    for n in web worker noisy; do
        name="dockpulse-sample-$n"
        state=$(cli inspect -f '{{.State.Status}}' "$name" 2>/dev/null || true)
        if [ "$state" = running ]; then
            kept+=("$n"); continue
        fi
        if [ -n "$state" ] && cli start "$name" >/dev/null 2>&1; then
            started+=("$n"); continue
        fi
        # Missing, or in a state it cannot start from (dead, being removed).
        [ -n "$state" ] && cli rm -f "$name" >/dev/null 2>&1
        tty=(); [ "$n" = noisy ] && tty=(-t)
        cli run -d "${tty[@]}" --name "$name" --network none "$image" sh -c "$(sample_script "$n")" >/dev/null
        made+=("$n")
    done
    local what=()
    [ ${#kept[@]} -gt 0 ] && what+=("kept ${kept[*]}")
    [ ${#started[@]} -gt 0 ] && what+=("started again ${started[*]}")
    [ ${#made[@]} -gt 0 ] && what+=("new ${made[*]}")
    local joined; joined=$(printf '%s; ' "${what[@]}")
    say "sample containers running: dockpulse-sample-web, -worker, -noisy (${joined%; })"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    status) alive && answers ;;
    freeze) kill -STOP "$(cat "$pidfile")" ;;
    thaw) kill -CONT "$(cat "$pidfile")" ;;
    kill) kill -KILL "$(cat "$pidfile")"; rm -f "$pidfile" ;;
    restart) restart_dockerd ;;
    samples) samples ;;
    *) say "unknown command: $cmd"; exit 2 ;;
esac
