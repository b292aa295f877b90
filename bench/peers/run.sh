#!/usr/bin/env bash
# Side-by-side CalDAV benchmark: starts AuroraTime (Release), Radicale and Xandikos on free loopback
# ports, runs bench/peers/workload.py against each in turn (never two at once, so they don't compete),
# prints the table and writes docs/benchmarks.md. Every server is stopped on exit.
# Usage: bench/peers/run.sh [--n N] [--peers|--no-peers] [--jit]   (default N=2000; the PUT phase of each
# server is bounded). Above N=5000 the peers are skipped unless --peers is given: at the ~10-20 PUT/s
# they manage here they cannot store N within the bound, so their reads would run over fewer objects.
# AuroraTime runs as README's command runs it: the Native AOT binary of scripts/serve.sh (published
# first if the sources changed); --jit measures the JIT build (`dotnet build`) instead; AURORA_BIN=PATH measures
# that binary as it is (nothing is built).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N=2000; PEERS=auto; BUILD=aot
while [ $# -gt 0 ]; do
  case "$1" in
    --n) N="$2"; shift 2 ;;
    --n=*) N="${1#--n=}"; shift ;;
    --peers) PEERS=1; shift ;;
    --no-peers) PEERS=0; shift ;;
    --jit) BUILD=jit; shift ;;
    *) echo "usage: $0 [--n N] [--peers|--no-peers] [--jit]" >&2; exit 2 ;;
  esac
done
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "--n wants a positive integer" >&2; exit 2; }
if [ "$PEERS" = auto ]; then PEERS=$(( N <= 5000 ? 1 : 0 )); fi

# shellcheck source=../../tests/Interop/lib/servers.sh
source "$ROOT/tests/Interop/lib/servers.sh"
for tool in radicale xandikos; do
  dpkg -s "$tool" >/dev/null 2>&1 || { echo "installing $tool (Debian)"; apt-get install -y -q "$tool" >/dev/null; }
done
if [ -n "${AURORA_BIN:-}" ]; then
  # A build named by the caller (e.g. an AOT binary published with symbols for perf, or an older one to compare).
  AURORA_BUILD_NAME="${AURORA_BUILD_NAME:-the build named by AURORA_BIN ($AURORA_BIN)}"
elif [ "$BUILD" = aot ]; then
  AURORA_BIN="$("$ROOT/scripts/serve.sh" --print-binary)"
  AURORA_BUILD_NAME="the Native AOT binary README's scripts/serve.sh runs"
else
  dotnet build "$ROOT/src/Server" -c Release -nologo -v q >/dev/null
  AURORA_BIN="$ROOT/src/Server/bin/Release/net10.0/aurora"
  AURORA_BUILD_NAME="the JIT Release build (--jit)"
fi
export AURORA_BIN AURORA_BUILD_NAME
echo "AuroraTime: $AURORA_BIN" >&2

WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT
USER_NAME=bench; PASSWORD="bench-$RANDOM$RANDOM"

run_one() { # name base calendar [workload args...]
  local name="$1"; shift
  echo "== $name" >&2
  timeout 400 /usr/bin/python3 "$HERE/workload.py" --n "$N" "$@" > "$WORK/$name.json" \
    || { echo "$name: workload failed (see above); its column says so" >&2; : > "$WORK/$name.json"; }
}

# One server at a time: each is started, measured and stopped before the next.
PORT="$(free_port)"
start_aurora "$PORT" "$WORK/aurora" "$USER_NAME" "$PASSWORD" || { cat "$WORK/aurora/log"; exit 1; }
# A feed of all the user's calendars (the bench calendar is made by the workload, after this).
FEED_URL="$("$AURORA_BIN" feed create "$USER_NAME" --data "$WORK/aurora" | grep -o 'https\?://[^ ]*/feeds/[^ ]*' | head -1)"
run_one aurora --pid "$SERVER_PID" --base "http://127.0.0.1:$PORT" --calendar "/calendars/$USER_NAME/bench/" --user "$USER_NAME" --password "$PASSWORD" \
  --feed "/feeds/${FEED_URL#*/feeds/}"
stop_servers
if [ "$PEERS" = 0 ]; then
  echo "peers skipped at N=$N" >&2
  /usr/bin/python3 "$HERE/report.py" "$N" "$ROOT/docs/benchmarks.md" "$WORK/aurora.json" skipped skipped
  echo "written: docs/benchmarks.md" >&2
  exit 0
fi

PORT="$(free_port)"
start_radicale "$PORT" "$WORK/radicale" "$USER_NAME" "$PASSWORD" || { cat "$WORK/radicale/log"; exit 1; }
run_one radicale --pid "$SERVER_PID" --base "http://127.0.0.1:$PORT" --prepare "/$USER_NAME/" --calendar "/$USER_NAME/bench/" --user "$USER_NAME" --password "$PASSWORD" \
  --feed "/$USER_NAME/bench/"
stop_servers

PORT="$(free_port)"
start_xandikos "$PORT" "$WORK/xandikos" || { cat "$WORK/xandikos/log"; exit 1; }
# --defaults makes /user/calendars/ (Xandikos' fixed principal "user"); no Authorization is sent.
run_one xandikos --pid "$SERVER_PID" --base "http://127.0.0.1:$PORT" --calendar "/user/calendars/bench/" --feed "/user/calendars/bench/"
stop_servers

/usr/bin/python3 "$HERE/report.py" "$N" "$ROOT/docs/benchmarks.md" "$WORK/aurora.json" "$WORK/radicale.json" "$WORK/xandikos.json"
echo "written: docs/benchmarks.md" >&2
