#!/usr/bin/env bash
# Runs the litmus WebDAV suites basic, copymove, props and http against the real AuroraTime server
# (Release build, SQLite data folder, Basic auth) inside a plain WebDAV collection that it creates
# with MKCOL under the user's calendar home (found through current-user-principal and
# calendar-home-set, as a client would). The locks suite is not run: DAV class 2 is not advertised.
# Last line: "N passed, N failed" summed over litmus's per-suite summaries; exit non-zero on failures.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INTEROP="$(cd "$HERE" && while [ ! -d lib ] || [ ! -d clients ]; do cd ..; done; pwd)"
ROOT="$(cd "$INTEROP/../.." && pwd)"
source "$INTEROP/lib/servers.sh"
source "$INTEROP/lib/deps.sh"
source "$INTEROP/lib/litmus.sh"

WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT
USER_NAME="litmus"
PASSWORD="litmus-$RANDOM-$RANDOM-pw"

bail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

need_apt litmus python3-caldav || bail "litmus or python3-caldav missing"

echo "== build AuroraTime (Release)"
dotnet build "$ROOT/src/Server" -c Release -nologo -v q > "$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; bail "build failed"; }

echo "== start AuroraTime"
PORT="$(free_port)"
start_aurora "$PORT" "$WORK/aurora" "$USER_NAME" "$PASSWORD" || { cat "$WORK/aurora/log" 2>/dev/null; bail "AuroraTime did not start"; }
BASE="http://127.0.0.1:$PORT"

HOME_URL="$(/usr/bin/python3 - "$BASE/" "$USER_NAME" "$PASSWORD" <<'PY'
import sys, caldav
client = caldav.DAVClient(url=sys.argv[1], username=sys.argv[2], password=sys.argv[3])
print(str(client.principal().calendar_home_set.url).rstrip("/") + "/")
PY
)" || bail "calendar home discovery failed"
TARGET="${HOME_URL}litmus/"
echo "home $HOME_URL, litmus collection $TARGET"
status="$(curl -s -o "$WORK/mkcol.txt" -w '%{http_code}' -u "$USER_NAME:$PASSWORD" -X MKCOL "$TARGET")"
[ "$status" = "201" ] || { cat "$WORK/mkcol.txt"; bail "MKCOL $TARGET answered $status"; }

run_litmus_suites "$WORK" "$TARGET" "$USER_NAME" "$PASSWORD"
