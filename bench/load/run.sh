#!/usr/bin/env bash
# Throughput under load (issue 8 item 2): wrk at 64 connections against AuroraTime (Release),
# Radicale and Xandikos on loopback, one server at a time, for the same requests where the peer has
# them: GET of one object, PROPFIND Depth 0 of the calendar, and (AuroraTime only, peers have no
# feeds) the feed answered 304 to If-None-Match. Prints requests/s, median and p99 latency, and
# writes docs/benchmarks-load.md. Every server it starts is stopped on exit.
# AURORA_BIN names another build of aurora to measure (e.g. "$(scripts/serve.sh --print-binary)", the
# Native AOT binary README's command runs); by default the JIT Release build.
# Before each measured run, wrk sends the same request for --warmup seconds (every server alike): .NET's JIT
# recompiles hot code in tiers for seconds after start, so an unwarmed run measures the compiler more than the
# server on a loaded 2-core machine; the Python peers are unaffected by it.
# Usage: bench/load/run.sh [--duration SECONDS] [--warmup SECONDS] [--connections C] [--events N] [--no-peers]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION=10; WARMUP=10; CONNECTIONS=64; EVENTS=200; PEERS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --events) EVENTS="$2"; shift 2 ;;
    --no-peers) PEERS=0; shift ;;
    *) echo "usage: $0 [--duration S] [--warmup S] [--connections C] [--events N] [--no-peers]" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "installing wrk (Debian)"; apt-get install -y -q wrk >/dev/null; }
if [ "$PEERS" = 1 ]; then
  for tool in radicale xandikos; do
    dpkg -s "$tool" >/dev/null 2>&1 || { echo "installing $tool (Debian)"; apt-get install -y -q "$tool" >/dev/null; }
  done
fi
dotnet build "$ROOT/src/Server" -c Release -nologo -v q >/dev/null
# shellcheck source=../../tests/Interop/lib/servers.sh
source "$ROOT/tests/Interop/lib/servers.sh"
WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT
USER_NAME=bench; PASSWORD="bench-$RANDOM$RANDOM"
AUTH="Basic $(printf '%s:%s' "$USER_NAME" "$PASSWORD" | base64 -w0)"
PROPFIND_BODY='<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:displayname/></d:prop></d:propfind>'
RESULTS="$WORK/results"; : > "$RESULTS"

measure() { # server operation url [env assignments...]
  local server="$1" operation="$2" url="$3"; shift 3
  local line
  [ "$WARMUP" -gt 0 ] && env "$@" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/request.lua" "$url" > /dev/null
  line="$(env "$@" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/request.lua" "$url" | grep '^RESULT' || true)"
  [ -n "$line" ] || line="RESULT 0 0 0 -1"
  echo "$server|$operation|${line#RESULT }" >> "$RESULTS"
  echo "$server $operation: ${line#RESULT } (req/s p50_ms p99_ms errors)" >&2
}

# AuroraTime
PORT="$(free_port)"; BASE="http://127.0.0.1:$PORT"
start_aurora "$PORT" "$WORK/aurora" "$USER_NAME" "$PASSWORD" || { cat "$WORK/aurora/log"; exit 1; }
/usr/bin/python3 "$HERE/seed.py" --base "$BASE" --calendar "/calendars/$USER_NAME/bench/" --user "$USER_NAME" --password "$PASSWORD" --n "$EVENTS"
FEED_URL="$("${AURORA_BIN:-$ROOT/src/Server/bin/Release/net10.0/aurora}" feed create "$USER_NAME" --calendar bench --data "$WORK/aurora" \
  | grep -o 'https\?://[^ ]*/feeds/[^ ]*' | head -1)"
FEED_PATH="/feeds/${FEED_URL#*/feeds/}"
FEED_ETAG="$(curl -s -D - -o /dev/null "$BASE$FEED_PATH" | tr -d '\r' | awk 'tolower($1)=="etag:" {print $2}')"
[ -n "$FEED_ETAG" ] || { echo "the feed at $FEED_PATH gave no ETag" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $FEED_ETAG" "$BASE$FEED_PATH")" = 304 ] || { echo "feed did not answer 304" >&2; exit 1; }
IDLE_RSS="$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")"
measure aurora get "$BASE/calendars/$USER_NAME/bench/bench-1.ics" WRK_AUTH="$AUTH"
measure aurora propfind0 "$BASE/calendars/$USER_NAME/bench/" WRK_METHOD=PROPFIND WRK_DEPTH=0 WRK_BODY="$PROPFIND_BODY" WRK_AUTH="$AUTH"
measure aurora feed304 "$BASE$FEED_PATH" WRK_IF_NONE_MATCH="$FEED_ETAG"
LOADED_RSS="$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")"; PEAK_RSS="$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")"
stop_servers

if [ "$PEERS" = 1 ]; then
  PORT="$(free_port)"; BASE="http://127.0.0.1:$PORT"
  start_radicale "$PORT" "$WORK/radicale" "$USER_NAME" "$PASSWORD" || { cat "$WORK/radicale/log"; exit 1; }
  /usr/bin/python3 "$HERE/seed.py" --base "$BASE" --prepare "/$USER_NAME/" --calendar "/$USER_NAME/bench/" --user "$USER_NAME" --password "$PASSWORD" --n "$EVENTS"
  measure radicale get "$BASE/$USER_NAME/bench/bench-1.ics" WRK_AUTH="$AUTH"
  measure radicale propfind0 "$BASE/$USER_NAME/bench/" WRK_METHOD=PROPFIND WRK_DEPTH=0 WRK_BODY="$PROPFIND_BODY" WRK_AUTH="$AUTH"
  stop_servers

  PORT="$(free_port)"; BASE="http://127.0.0.1:$PORT"
  start_xandikos "$PORT" "$WORK/xandikos" || { cat "$WORK/xandikos/log"; exit 1; }
  /usr/bin/python3 "$HERE/seed.py" --base "$BASE" --calendar "/user/calendars/bench/" --n "$EVENTS"
  measure xandikos get "$BASE/user/calendars/bench/bench-1.ics"
  measure xandikos propfind0 "$BASE/user/calendars/bench/" WRK_METHOD=PROPFIND WRK_DEPTH=0 WRK_BODY="$PROPFIND_BODY"
  stop_servers
fi

/usr/bin/python3 "$HERE/report.py" "$RESULTS" "$ROOT/docs/benchmarks-load.md" \
  --duration "$DURATION" --warmup "$WARMUP" --connections "$CONNECTIONS" --events "$EVENTS" --rss "$IDLE_RSS,$LOADED_RSS,$PEAK_RSS"
echo "written: docs/benchmarks-load.md" >&2
