#!/usr/bin/env bash
# How cost grows with N (issue 8 items 3-4): starts AuroraTime (Release) on a free loopback port,
# loads one calendar to N = 1k, 10k, 100k with `aurora import`, times PROPFIND Depth 1, a month's
# calendar-query, a sync delta of 10 changes and the feed after each stage, records memory, and
# writes docs/benchmarks-growth.md. The server is stopped on exit.
# AURORA_BIN names another build of aurora to measure (the Native AOT one: "$(scripts/serve.sh --print-binary)").
# Usage: bench/growth/run.sh [--sizes 1000,10000,100000] [--reps 5] [--timeout SECONDS]
# With --timeout, stages not finished by then are left out of the report (which says so).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZES=1000,10000,100000; REPS=5; LIMIT=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    --timeout) LIMIT="$2"; shift 2 ;;
    *) echo "usage: $0 [--sizes A,B,C] [--reps R] [--timeout S]" >&2; exit 2 ;;
  esac
done
[[ "$SIZES" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "--sizes wants increasing positive integers, comma-separated" >&2; exit 2; }

dotnet build "$ROOT/src/Server" -c Release -nologo -v q >/dev/null
# shellcheck source=../../tests/Interop/lib/servers.sh
source "$ROOT/tests/Interop/lib/servers.sh"
WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT
USER_NAME=bench; PASSWORD="bench-$RANDOM$RANDOM"
PORT="$(free_port)"
start_aurora "$PORT" "$WORK/aurora" "$USER_NAME" "$PASSWORD" || { cat "$WORK/aurora/log"; exit 1; }
sleep 2 # let start-up settle before the idle reading
timeout "$LIMIT" /usr/bin/python3 "$HERE/growth.py" --base "http://127.0.0.1:$PORT" --pid "$SERVER_PID" \
  --aurora "${AURORA_BIN:-$ROOT/src/Server/bin/Release/net10.0/aurora}" --data "$WORK/aurora" --work "$WORK" \
  --user "$USER_NAME" --password "$PASSWORD" --sizes "$SIZES" --reps "$REPS" --out "$WORK/growth.json" \
  || echo "growth.py stopped early (timeout or error); reporting the stages it finished" >&2
stop_servers
[ -s "$WORK/growth.json" ] || { echo "no stage finished" >&2; exit 1; }
/usr/bin/python3 "$HERE/report.py" "$WORK/growth.json" "$ROOT/docs/benchmarks-growth.md" "$SIZES"
echo "written: docs/benchmarks-growth.md" >&2
