#!/usr/bin/env bash
# Regenerates src/Server/Hosting/StartupGenerics.rd.xml: the generic instantiations dependency
# injection makes while the server starts, which Native AOT publishing then compiles ahead of time
# instead of building them at run time (bench/coldstart/README.md, "Start-up costs found").
#
#   bench/coldstart/startup-generics.sh
#
# How: build the server (JIT, Release), start it as Lambda does on a data folder with one account,
# with EventPipe recording the Microsoft-Extensions-DependencyInjection event source (its CallSiteBuilt
# events describe every resolved service with its implementation type); wait for the first 200 on
# /healthz, stop it, pull the type names out of the trace and write the rd.xml (startup-generics.fsx).
# Run it after adding or removing services; then re-measure with bench/coldstart/run.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
source "$ROOT/tests/Interop/lib/servers.sh"
WORK="$(mktemp -d)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
RID=linux-x64
OUT="$ROOT/src/Server/bin/Release/net10.0/$RID"

dotnet build "$ROOT/src/Server" -c Release -r "$RID" -nologo -v quiet > "$WORK/build.log" 2>&1 || { tail -n 20 "$WORK/build.log" >&2; exit 1; }
mkdir -p "$WORK/data"
printf 'startup-generics-password\n' | dotnet "$OUT/aurora.dll" user add probe --password-stdin --data "$WORK/data" > /dev/null

PORT="$(free_port)"
DOTNET_EnableEventPipe=1 \
DOTNET_EventPipeConfig='Microsoft-Extensions-DependencyInjection:0xFFFFFFFFFFFFFFFF:5' \
DOTNET_EventPipeOutputPath="$WORK/di.nettrace" \
AWS_LAMBDA_RUNTIME_API=127.0.0.1:9 AWS_LWA_PORT="$PORT" AURORA_Data="$WORK/data" \
  dotnet "$OUT/aurora.dll" > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""

# The event payloads are UTF-16 JSON in the trace: every serviceType/implementationType/itemType name.
strings -el -n 3 "$WORK/di.nettrace" \
  | grep -o '"\(implementationType\|serviceType\|itemType\)": "[^"]*"' \
  | sed 's/^"[a-zA-Z]*": "//; s/"$//' | sort -u > "$WORK/types.txt"
[ -s "$WORK/types.txt" ] || { echo "no dependency injection events in the trace" >&2; exit 1; }
dotnet fsi "$HERE/startup-generics.fsx" "$OUT" "$WORK/types.txt" "$ROOT/src/Server/Hosting/StartupGenerics.rd.xml"
