#!/usr/bin/env bash
# Cold start: process start to the first 200 on /healthz of the published `aurora` binary, as JIT
# (self-contained, no ReadyToRun), ReadyToRun and Native AOT (the binary scripts/serve.sh ships), each
# the median of RUNS fresh processes; and Radicale and Xandikos from start to their first response, for
# comparison. Prints a Markdown table (bench/coldstart/README.md keeps the measured one).
#
#   bench/coldstart/run.sh [RUNS] [WHAT...]   RUNS default 10; WHAT is any of jit r2r aot peers (default all
#                                            four: `run.sh 20 aot` while iterating). Variants that fail to
#                                            build are reported, not fatal.
#
# Each variant is started as Lambda starts bootstrap (no arguments) on a data folder that already
# holds an account, so first-run setup is not counted. `uptime` is printed: on a shared machine load moves these
# numbers more than anything else.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUNS="${1:-10}"
shift || true
WHAT=" ${*:-jit r2r aot peers} "
wants() { [[ "$WHAT" == *" $1 "* ]]; }
source "$ROOT/tests/Interop/lib/servers.sh"
WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT
MEASURE=(/usr/bin/python3 "$HERE/first_response.py")
RID=linux-x64

publish() { # name, publish flags...
  local name="$1"; shift
  if dotnet publish "$ROOT/src/Server" -c Release -r "$RID" -p:DebugType=none -o "$WORK/$name" -nologo "$@" > "$WORK/$name.log" 2>&1; then
    echo "built $name ($(du -sh "$WORK/$name" | cut -f1))" >&2
  else
    echo "build of $name failed (last lines of $name.log):" >&2; tail -n 5 "$WORK/$name.log" >&2; return 1
  fi
}

declare -A RESULT RSS
measure_aurora() { # name
  local bin="$WORK/$1/aurora" data="$WORK/data-$1"
  mkdir -p "$data"
  printf 'coldstart-password\n' | "$bin" user add bench --password-stdin --data "$data" >/dev/null 2>&1 || { RESULT[$1]="setup failed"; return; }
  echo "== $1" >&2
  # Started the way Lambda starts bootstrap: no arguments, AWS_LAMBDA_RUNTIME_API set (nothing listens
  # there: LWA, not the binary, talks to the runtime API), the port from AWS_LWA_PORT.
  "${MEASURE[@]}" "http://127.0.0.1:{port}/healthz" 200 "$RUNS" -- \
    env AWS_LAMBDA_RUNTIME_API=127.0.0.1:9 AWS_LWA_PORT="{port}" AURORA_Data="$data" "$bin" > "$WORK/$1.times" 2>&1
  cat "$WORK/$1.times" >&2
  RESULT[$1]="$(tail -n 1 "$WORK/$1.times")"
  # Idle memory (issue 8): RSS after start and one /healthz, 3 fresh starts, self-hosted `serve`.
  /usr/bin/python3 "$HERE/idle_rss.py" "http://127.0.0.1:{port}/healthz" 3 -- \
    "$bin" serve --urls "http://127.0.0.1:{port}" --data "$data" > "$WORK/$1.rss" 2>&1
  RSS[$1]="$(tail -n 1 "$WORK/$1.rss" | sed 's/^median rss //')"
}

wants jit && publish jit --self-contained true -p:PublishReadyToRun=false && measure_aurora jit
wants r2r && publish r2r --self-contained true -p:PublishReadyToRun=true && measure_aurora r2r
# Native AOT: the shipped build, i.e. the binary scripts/serve.sh publishes (with its flags) and runs.
if wants aot; then
  if AOT_BIN="$("$ROOT/scripts/serve.sh" --print-binary 2> "$WORK/aot.log")" && [[ "$AOT_BIN" == "$ROOT/.build/aot-"* ]]; then
    ln -s "$(dirname "$AOT_BIN")" "$WORK/aot"
    echo "built aot ($(du -shL "$WORK/aot" | cut -f1), $AOT_BIN)" >&2
    measure_aurora aot
  else
    echo "the Native AOT publish of scripts/serve.sh failed (last lines of its log):" >&2; tail -n 5 "$WORK/aot.log" >&2
  fi
fi

# Peers: the same launch lines as tests/Interop/lib/servers.sh, timed from process start.
if wants peers; then
mkdir -p "$WORK/radicale/collections"
printf 'bench:bench\n' > "$WORK/radicale/users"
cat > "$WORK/radicale/config" <<CONF
[auth]
type = htpasswd
htpasswd_filename = $WORK/radicale/users
htpasswd_encryption = plain
[storage]
filesystem_folder = $WORK/radicale/collections
[logging]
level = warning
CONF
echo "== radicale" >&2
"${MEASURE[@]}" "http://127.0.0.1:{port}/" any "$RUNS" -- \
  /usr/bin/python3 -m radicale --config "$WORK/radicale/config" --server-hosts "127.0.0.1:{port}" > "$WORK/radicale.times" 2>&1
cat "$WORK/radicale.times" >&2; RESULT[radicale]="$(tail -n 1 "$WORK/radicale.times")"
echo "== xandikos" >&2
mkdir -p "$WORK/xandikos"
"${MEASURE[@]}" "http://127.0.0.1:{port}/" any "$RUNS" -- \
  /usr/bin/python3 -m xandikos.web --defaults -d "$WORK/xandikos" -l 127.0.0.1 -p "{port}" > "$WORK/xandikos.times" 2>&1
cat "$WORK/xandikos.times" >&2; RESULT[xandikos]="$(tail -n 1 "$WORK/xandikos.times")"
fi

echo "load: $(uptime | sed 's/.*load average: //') (1/5/15 min), $(nproc) cores, $RUNS runs each"
echo
echo "| server | start to first response (median, min, max of $RUNS) | idle RSS (median of 3) | size |"
echo "|---|---|---|---|"
for name in jit r2r aot; do
  echo "| aurora $name (/healthz 200) | ${RESULT[$name]:-not built} | ${RSS[$name]:-} | $( [ -d "$WORK/$name" ] && du -shL "$WORK/$name" | cut -f1 ) |"
done
echo "| Radicale 3.1.8 (first response on /) | ${RESULT[radicale]:-not run} | | |"
echo "| Xandikos 0.2.8 (first response on /) | ${RESULT[xandikos]:-not run} | | |"
