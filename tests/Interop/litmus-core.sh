#!/usr/bin/env bash
# Runs the litmus WebDAV compliance suites basic, copymove, props and http against the WebDAV core
# (in-memory tree, tests/CalDav.Tests/WebDav/LitmusHost) on a free loopback port. The locks suite
# is not run: the core does not implement LOCK (DAV class 2 is not advertised).
# Last line: "N passed, N failed" summed over litmus's own per-suite summaries.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/tests/Interop/lib/deps.sh"
source "$ROOT/tests/Interop/lib/litmus.sh"
HOST_PROJECT="$ROOT/tests/CalDav.Tests/WebDav/LitmusHost/AuroraTime.WebDav.LitmusHost.csproj"
WORK="$(mktemp -d)"
HOST_PID=""

cleanup() {
  if [ -n "$HOST_PID" ] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill "$HOST_PID" 2>/dev/null
    wait "$HOST_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

need_apt litmus || { echo "0 passed, 1 failed"; exit 1; }

echo "== build LitmusHost"
if ! dotnet build "$HOST_PROJECT" -c Release -nologo -v q -o "$WORK/host" > "$WORK/build.log" 2>&1; then
  tail -n 30 "$WORK/build.log"; echo "0 passed, 1 failed"; exit 1
fi

echo "== start LitmusHost"
dotnet "$WORK/host/AuroraTime.WebDav.LitmusHost.dll" --urls "http://127.0.0.1:0" > "$WORK/host.log" 2>&1 &
HOST_PID=$!
URL=""
# Up to 3 minutes, only against a hang: on a loaded CI machine (load 40) dotnet starts slowly.
for _ in $(seq 1 900); do
  URL="$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$WORK/host.log" | head -n1)"
  [ -n "$URL" ] && break
  kill -0 "$HOST_PID" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$URL" ]; then
  cat "$WORK/host.log"; echo "host did not start"; echo "0 passed, 1 failed"; exit 1
fi
echo "host at $URL"

run_litmus_suites "$WORK" "$URL/"
