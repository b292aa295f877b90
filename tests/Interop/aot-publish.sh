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
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; [ -n "${SMTP_PID:-}" ] && kill "$SMTP_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
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
# Self-hosted mode as a user runs it: SQLite, the in-process reminder scheduler sending through SMTP (a real
# aiosmtpd relay, tests/Reminders.Tests/Email/smtp_sink.py), the web page with its Data Protection cookies.
SMTP_PID=""
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  SMTP_PORT="$(free_port)"; mkdir -p "$WORK/mail"
  mkfifo "$WORK/smtp.in" # the sink runs until its stdin closes: this shell holds the writing end (fd 7)
  /usr/bin/python3 "$ROOT/tests/Reminders.Tests/Email/smtp_sink.py" "$SMTP_PORT" "$WORK/mail" < "$WORK/smtp.in" > "$WORK/smtp.log" 2>&1 &
  SMTP_PID=$!
  exec 7> "$WORK/smtp.in"
  for _ in $(seq 100); do grep -qs ready "$WORK/smtp.log" && break; sleep 0.1; done
  SMTP_ENV=(AURORA_Reminders__Sender=smtp AURORA_Smtp__Host=127.0.0.1 AURORA_Smtp__Port="$SMTP_PORT" AURORA_Smtp__Security=none
    AURORA_Reminders__From=aurora@example.org AURORA_Reminders__OwnerEmailDomain=example.org)
else
  SMTP_ENV=()
fi
PORT="$(free_port)"
env "${SMTP_ENV[@]}" "$BIN" serve --urls "http://127.0.0.1:$PORT" --data "$DATA" > "$WORK/serve.log" 2>&1 &
PID=$!
wait_http "http://127.0.0.1:$PORT/healthz" && pass "the AOT binary answers /healthz" || { cat "$WORK/serve.log"; fail "the AOT binary answers /healthz"; finish; }

# ASP.NET Core's appsettings.json watcher is an inotify watch on every folder under the working directory
# (115 ms of CPU per start from a checkout); the executable turns it off (Hosting/ProcessDefaults.cs).
WATCHES="$(find "/proc/$PID/fd" -lname 'anon_inode:inotify' 2>/dev/null | wc -l)"
[ "$WATCHES" = 0 ] && pass "the running binary holds no inotify watch (appsettings.json is read once)" \
  || fail "the running binary holds $WATCHES inotify instance(s): the appsettings.json watcher is on"

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

# The web page: sign-in form (CSRF cookie + hidden field), then the page through the session cookie, which
# Data Protection encrypts with a key ring it creates in the data folder.
JAR="$WORK/cookies"
curl -s -c "$JAR" -o "$WORK/signin.html" "$BASE/app/"
CSRF="$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$WORK/signin.html" | head -n 1)"
SIGNIN="$(curl -s -b "$JAR" -c "$JAR" -o /dev/null -w '%{http_code}' --data-urlencode userName=aot --data-urlencode password=aot-password-1 --data-urlencode "csrf=$CSRF" "$BASE/app/signin")"
[ -n "$CSRF" ] && [ "$SIGNIN" = 303 ] && [ "$(curl -s -b "$JAR" -o "$WORK/page.html" -w '%{http_code}' "$BASE/app/")" = 200 ] \
  && grep -q 'aot' "$WORK/page.html" && ls "$DATA/keys/"*.xml >/dev/null 2>&1 \
  && pass "web page: sign-in, session cookie (Data Protection key ring in the data folder), the signed-in page" \
  || fail "web page sign-in under AOT (csrf '${CSRF:0:6}', sign-in status $SIGNIN)"

# A reminder due in a few seconds reaches the SMTP relay through the in-process scheduler.
if [ -n "$SMTP_PID" ]; then
  START="$(date -u -d '+65 seconds' +%Y-%m-%dT%H:%M:%S)"; END="$(date -u -d '+20 minutes' +%Y-%m-%dT%H:%M:%S)"
  SOON="{\"title\":\"AOT reminder\",\"start\":\"$START\",\"end\":\"$END\",\"timeZone\":\"UTC\",\"reminders\":[{\"action\":\"email\",\"minutesBefore\":1}]}"
  [ "$(status -X POST -H 'Content-Type: application/json' -d "$SOON" "$BASE/api/calendars/default/events")" = 201 ] || cat "$WORK/body"
  for _ in $(seq 60); do ls "$WORK/mail/"*.eml >/dev/null 2>&1 && break; sleep 0.5; done
  grep -qs 'AOT reminder' "$WORK/mail/"*.eml && grep -qs 'aot@example.org' "$WORK/mail/"*.json \
    && pass "reminder email sent over SMTP by the in-process scheduler" \
    || { tail -n 5 "$WORK/serve.log"; fail "reminder email over SMTP (nothing reached the relay within 30 s)"; }
elif [ "${CI:-}" = true ]; then
  fail "python3-aiosmtpd is missing (needed for the SMTP reminder check)"
else
  echo "skip reminder email over SMTP: /usr/bin/python3 has no aiosmtpd (apt-get install python3-aiosmtpd)"
fi
finish
