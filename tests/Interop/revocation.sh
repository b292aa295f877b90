#!/usr/bin/env bash
# Credential changes made by another process take effect on the very next request, also while the
# server is busy serving the same credentials from its caches (issue 8: the read cache and the verified-
# credential cache must stay exactly as immediate as reading the account row on every request).
# Starts `aurora serve` (Release) on a free loopback port and keeps it busy with wrk GETs of one object
# (so every cache is warm and in use), then runs the `aurora` CLI as separate processes on the same data
# folder: app-password revoke, user passwd, user delete. After each CLI process exits, the next request
# with the old credential must be refused (401) and, where one exists, the new one accepted.
# Last line: "N passed, N failed"; exit status non-zero on any failure.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
source "$HERE/lib/servers.sh"
WORK="$(mktemp -d)"
WRK_PIDS=()
trap 'for p in "${WRK_PIDS[@]}"; do kill "$p" 2>/dev/null; done; stop_servers; rm -rf "$WORK"' EXIT
USER_NAME=revoker; PASSWORD="first-$RANDOM-$RANDOM"; NEW_PASSWORD="second-$RANDOM-$RANDOM"
BIN="$ROOT/src/Server/bin/Release/net10.0/aurora"
PASSED=0; FAILED=0
pass() { echo "ok: $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAILED: $1"; FAILED=$((FAILED + 1)); }
finish() { echo "$PASSED passed, $FAILED failed"; [ "$FAILED" = 0 ]; exit; }
expect() { # description expected-status actual-status
  if [ "$2" = "$3" ]; then pass "$1 ($3)"; else fail "$1: expected $2, got $3"; fi
}

if ! command -v wrk >/dev/null; then
  [ "${CI:-}" = true ] && { fail "wrk is missing (Debian package wrk)"; finish; }
  echo "wrk is missing (Debian package wrk): the requests run without background load"
fi

echo "== build AuroraTime (Release)"
dotnet build "$ROOT/src/Server" -c Release -nologo -v q > "$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; fail "build"; finish; }

# wrk keeps sending the old credentials after each change; the sign-in throttle (429 after 10 failures) must not
# answer in place of the check under test.
export AURORA_Auth__FailureBurst=100000000
PORT="$(free_port)"; BASE="http://127.0.0.1:$PORT"
EVENT="$BASE/calendars/$USER_NAME/work/one.ics"
start_aurora "$PORT" "$WORK/aurora" "$USER_NAME" "$PASSWORD" || { cat "$WORK/aurora/log"; fail "start"; finish; }
curl -s -o /dev/null -u "$USER_NAME:$PASSWORD" -X MKCALENDAR "$BASE/calendars/$USER_NAME/work/"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:one\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' > "$WORK/one.ics"
expect "PUT of the event" 201 "$(curl -s -o /dev/null -w '%{http_code}' -u "$USER_NAME:$PASSWORD" -T "$WORK/one.ics" -H 'Content-Type: text/calendar' "$EVENT")"

status() { curl -s -o /dev/null -w '%{http_code}' -u "$1" "$EVENT"; }
busy() { # credentials: wrk GETs with them in the background until stopped
  command -v wrk >/dev/null || return 0
  WRK_AUTH="Basic $(printf '%s' "$1" | base64 -w0)" wrk -t1 -c8 -d60s -s "$ROOT/bench/load/request.lua" "$EVENT" > /dev/null 2>&1 &
  WRK_PIDS+=($!)
  sleep 2 # let it fill the caches
}
quiet() { for p in "${WRK_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; WRK_PIDS=(); }

echo "== app password revoked by the CLI (another process) while in use"
SECRET="$("$BIN" app-password create "$USER_NAME" phone --data "$WORK/aurora" | awk 'NF {line=$0} END {print line}')"
ID="${SECRET:0:8}"
expect "the app password signs in" 200 "$(status "$USER_NAME:$SECRET")"
busy "$USER_NAME:$SECRET"
"$BIN" app-password revoke "$USER_NAME" "$ID" --data "$WORK/aurora" > "$WORK/revoke.log" 2>&1 || fail "app-password revoke: $(cat "$WORK/revoke.log")"
expect "the next request with the revoked app password is refused" 401 "$(status "$USER_NAME:$SECRET")"
quiet
expect "the account password still signs in" 200 "$(status "$USER_NAME:$PASSWORD")"

echo "== password changed by the CLI while in use"
busy "$USER_NAME:$PASSWORD"
printf '%s\n' "$NEW_PASSWORD" | "$BIN" user passwd "$USER_NAME" --password-stdin --data "$WORK/aurora" > "$WORK/passwd.log" 2>&1 || fail "user passwd: $(cat "$WORK/passwd.log")"
expect "the next request with the old password is refused" 401 "$(status "$USER_NAME:$PASSWORD")"
expect "the new password signs in" 200 "$(status "$USER_NAME:$NEW_PASSWORD")"
quiet

echo "== account deleted by the CLI while in use"
busy "$USER_NAME:$NEW_PASSWORD"
"$BIN" user delete "$USER_NAME" --data "$WORK/aurora" > "$WORK/delete.log" 2>&1 || fail "user delete: $(cat "$WORK/delete.log")"
expect "the next request of the deleted account is refused" 401 "$(status "$USER_NAME:$NEW_PASSWORD")"
quiet
finish
