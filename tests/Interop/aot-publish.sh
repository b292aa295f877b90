#!/usr/bin/env bash
# The AWS build is Native AOT (docs/aws.md): the server must publish with PublishAot without a single
# trim/AOT warning (warnings are errors here), and the published binary must serve. A Map* call that
# the request delegate generator can't see, or reflection-based JSON, fails this script instead of
# failing on Lambda. Last line "N passed, N failed".
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
source "$HERE/lib/servers.sh"
WORK="$(mktemp -d)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
passed=0; failed=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; exit $((failed > 0)); }

# gcc links where clang is missing (Debian machines here have gcc; deploy/aws/publish.sh does the same).
FLAGS=(-p:PublishAot=true -p:DebugType=none -p:GenerateDocumentationFile=false)
command -v clang >/dev/null || FLAGS+=(-p:CppCompilerAndLinker=gcc)
if dotnet publish "$ROOT/src/Server" -c Release -r linux-x64 "${FLAGS[@]}" -o "$WORK/aot" -nologo > "$WORK/publish.log" 2>&1; then
  pass "Native AOT publish of src/Server"
else
  grep -E "error|warning" "$WORK/publish.log" | sort -u | head -n 20; fail "Native AOT publish of src/Server"; finish
fi

BIN="$WORK/aot/aurora"; DATA="$WORK/data"; mkdir -p "$DATA"
printf 'aot-password-1\n' | "$BIN" user add aot --password-stdin --data "$DATA" >/dev/null 2>&1 \
  && pass "the AOT binary runs the CLI (user add)" || fail "the AOT binary runs the CLI (user add)"
PORT="$(free_port)"
"$BIN" serve --urls "http://127.0.0.1:$PORT" --data "$DATA" > "$WORK/serve.log" 2>&1 &
PID=$!
wait_http "http://127.0.0.1:$PORT/healthz" && pass "the AOT binary answers /healthz" || { cat "$WORK/serve.log"; fail "the AOT binary answers /healthz"; finish; }

BASE="http://127.0.0.1:$PORT"; AUTH=(-u aot:aot-password-1)
status() { curl -s -o "$WORK/body" -w '%{http_code}' "${AUTH[@]}" "$@"; }
[ "$(status "$BASE/api/calendars")" = 200 ] && grep -q '"default"' "$WORK/body" \
  && pass "REST API: GET /api/calendars (source-generated JSON)" || fail "REST API: GET /api/calendars"
[ "$(status -I "$BASE/api/me")" = 200 ] && pass "REST API: HEAD /api/me" || fail "REST API: HEAD /api/me"
EVENT='{"title":"AOT","start":"2026-12-01T09:00:00","end":"2026-12-01T10:00:00","timeZone":"Europe/Berlin","reminders":[{"action":"email","minutesBefore":15}]}'
[ "$(status -X POST -H 'Content-Type: application/json' -d "$EVENT" "$BASE/api/calendars/default/events")" = 201 ] \
  && pass "REST API: POST an event with a reminder" || { cat "$WORK/body"; fail "REST API: POST an event with a reminder"; }
[ "$(status -X PROPFIND -H 'Depth: 1' "$BASE/calendars/aot/default/")" = 207 ] && grep -q 'getetag' "$WORK/body" \
  && pass "CalDAV: PROPFIND Depth 1 lists the event" || fail "CalDAV: PROPFIND Depth 1"
REPORT='<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20261201T000000Z" end="20261202T000000Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>'
[ "$(status -X REPORT -H 'Depth: 1' -H 'Content-Type: application/xml' -d "$REPORT" "$BASE/calendars/aot/default/")" = 207 ] && grep -q 'BEGIN:VALARM' "$WORK/body" \
  && pass "CalDAV: calendar-query returns the event with its VALARM" || fail "CalDAV: calendar-query"
finish
