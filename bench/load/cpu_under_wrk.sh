#!/usr/bin/env bash
# Server CPU per request under wrk, for comparing builds on a shared, loaded machine (requests/s there
# mostly measure the wait for a core). For each build folder given (a copy of src/Server/bin/Release/net10.0),
# in turn and for --rounds rounds (interleaved, so load drifts hit every build alike): start `aurora serve`
# on a free loopback port, seed --events events (bench/load/seed.py), warm up (--warmup s), then run wrk (64 connections,
# --duration s) for GET of one object and PROPFIND Depth 0 of the calendar and print requests/s, p99 and the
# server's utime+stime (/proc/PID/stat) divided by the requests wrk completed. Kind "healthz" gives the floor.
# Usage: bench/load/cpu_under_wrk.sh [--duration S] [--warmup S] [--rounds R] [--events N] [--kinds "get propfind0"] BUILD_DIR...
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION=5; WARMUP=10; ROUNDS=3; EVENTS=200; KINDS="get propfind0"; BUILDS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --events) EVENTS="$2"; shift 2 ;;
    --kinds) KINDS="$2"; shift 2 ;;
    *) BUILDS+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
[ ${#BUILDS[@]} -gt 0 ] || { echo "usage: $0 [--duration S] [--rounds R] [--events N] [--kinds K] BUILD_DIR..." >&2; exit 2; }
# shellcheck source=../../tests/Interop/lib/servers.sh
source "$ROOT/tests/Interop/lib/servers.sh"
WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT
USER_NAME=bench; PASSWORD="bench-$RANDOM$RANDOM"
AUTH="Basic $(printf '%s:%s' "$USER_NAME" "$PASSWORD" | base64 -w0)"
PROPFIND_BODY='<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:displayname/></d:prop></d:propfind>'
TICKS="$(getconf CLK_TCK)"

server_cpu() { awk -v t="$TICKS" '{ sub(/.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat"; }

one() { # build kind url [env...]
  local build="$1" kind="$2" url="$3"; shift 3
  # Warm-up: until the JIT's tiers settle (on a loaded 2-core machine that takes seconds), CPU per request
  # mostly measures the compiler, not the request path.
  env "$@" wrk -t1 -c64 -d"${WARMUP}s" -s "$HERE/request.lua" "$url" >/dev/null
  local before after out requests
  before="$(server_cpu "$SERVER_PID")"
  out="$(env "$@" wrk -t2 -c64 -d"${DURATION}s" --latency -s "$HERE/request.lua" "$url")"
  after="$(server_cpu "$SERVER_PID")"
  requests="$(echo "$out" | awk '/requests in/ {print $1}')"
  echo "$out" | awk -v b="$(basename "$build")" -v k="$kind" -v cpu="$(awk -v a="$after" -v z="$before" 'BEGIN{print a-z}')" -v n="$requests" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    '/^RESULT/ { printf "%-14s %-10s %9.0f req/s  p99 %7.2f ms  errors %s  server CPU %6.1f us/request  load %s\n", b, k, $2, $4, $5, cpu / n * 1e6, load }'
}

for round in $(seq 1 "$ROUNDS"); do
  for build in "${BUILDS[@]}"; do
    dir="$WORK/data-$round-$(basename "$build")"; mkdir -p "$dir"
    printf '%s' "$PASSWORD" | "$build/aurora" user add "$USER_NAME" --password-stdin --data "$dir" >/dev/null
    PORT="$(free_port)"; BASE="http://127.0.0.1:$PORT"
    # A build folder may carry a bench.env (NAME=value lines) to compare runtime settings on one build.
    env $(cat "$build/bench.env" 2>/dev/null) "$build/aurora" serve --urls "$BASE" --data "$dir" > "$dir/log" 2>&1 &
    SERVER_PID=$!; STARTED_PIDS+=("$SERVER_PID")
    wait_http "$BASE/healthz"
    /usr/bin/python3 "$HERE/seed.py" --base "$BASE" --calendar "/calendars/$USER_NAME/bench/" --user "$USER_NAME" --password "$PASSWORD" --n "$EVENTS"
    for kind in $KINDS; do
      case "$kind" in
        get) one "$build" get "$BASE/calendars/$USER_NAME/bench/bench-1.ics" WRK_AUTH="$AUTH" ;;
        healthz) one "$build" healthz "$BASE/healthz" ;; # the floor: Kestrel, routing and an endpoint, no auth, no store
        propfind0) one "$build" propfind0 "$BASE/calendars/$USER_NAME/bench/" WRK_METHOD=PROPFIND WRK_DEPTH=0 WRK_BODY="$PROPFIND_BODY" WRK_AUTH="$AUTH" ;;
        *) echo "unknown kind $kind" >&2; exit 2 ;;
      esac
    done
    stop_servers
  done
done
