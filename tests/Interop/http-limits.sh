#!/usr/bin/env bash
# Checks over real Kestrel (the in-process TestServer does not enforce body limits or raw paths):
# over-size bodies get 413 and store nothing, unauthenticated requests get 401 with a realm, a raw
# malformed path gets 400, and the server keeps serving afterwards. Last line "N passed, N failed".
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
source "$HERE/lib/servers.sh"
WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT
USER_NAME="limits"; PASSWORD="limits-$RANDOM-$RANDOM-pw"
passed=0; failed=0
expect() { # name expected actual
  if [ "$2" = "$3" ]; then echo "ok   $1"; passed=$((passed + 1)); else echo "FAIL $1: expected $2, got $3"; failed=$((failed + 1)); fi
}

dotnet build "$ROOT/src/Server" -c Release -nologo -v q > "$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; echo "0 passed, 1 failed"; exit 1; }
PORT="$(free_port)"
start_aurora "$PORT" "$WORK/aurora" "$USER_NAME" "$PASSWORD" || { echo "0 passed, 1 failed"; exit 1; }
BASE="http://127.0.0.1:$PORT"
CAL="$BASE/calendars/$USER_NAME/default/"
AUTH=(-u "$USER_NAME:$PASSWORD")
code() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }

# Touch the home once so the default calendar exists, as a client's discovery would.
code "${AUTH[@]}" -X PROPFIND -H 'Depth: 1' "$BASE/calendars/$USER_NAME/" >/dev/null

# An event whose DESCRIPTION makes it 12 MB: over the 10 MB object limit and Kestrel's body cap.
/usr/bin/python3 - "$WORK/big.ics" <<'PY'
import sys
line = "DESCRIPTION:" + "x" * 70
with open(sys.argv[1], "w", newline="") as f:
    f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//limits//EN\r\nBEGIN:VEVENT\r\nUID:big\r\n"
            "DTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\n")
    f.write(line[:75] + "\r\n")
    for _ in range(12 * 1024 * 1024 // 76):
        f.write(" " + "y" * 73 + "\r\n")
    f.write("END:VEVENT\r\nEND:VCALENDAR\r\n")
PY
expect "PUT of a 12 MB object gets 413" 413 "$(code "${AUTH[@]}" -X PUT -H 'Content-Type: text/calendar' --data-binary @"$WORK/big.ics" "${CAL}big.ics")"
expect "the same PUT chunked gets 413" 413 "$(code "${AUTH[@]}" -X PUT -H 'Content-Type: text/calendar' -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big.ics" "${CAL}big2.ics")"
expect "nothing was stored" 404 "$(code "${AUTH[@]}" "${CAL}big.ics")"
expect "nothing was stored (chunked)" 404 "$(code "${AUTH[@]}" "${CAL}big2.ics")"

/usr/bin/python3 -c 'print("<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop>" + "<D:displayname/>" * 120000 + "</D:prop></D:propfind>")' > "$WORK/big.xml"
expect "PROPFIND with a 2 MB XML body gets 413" 413 "$(code "${AUTH[@]}" -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' --data-binary @"$WORK/big.xml" "$CAL")"

expect "no credentials get 401" 401 "$(code -X PROPFIND -H 'Depth: 0' "$CAL")"
challenge="$(curl -s -D - -o /dev/null -X PROPFIND "$CAL" | tr -d '\r' | grep -i '^WWW-Authenticate:' | head -n1)"
case "$challenge" in *'Basic realm="'*) expect "the 401 carries a Basic realm" yes yes ;; *) expect "the 401 carries a Basic realm" yes "$challenge" ;; esac
expect "a wrong password gets 401" 401 "$(code -u "$USER_NAME:wrong" -X PROPFIND -H 'Depth: 0' "$CAL")"
expect "a raw malformed path gets 400" 400 "$(code "${AUTH[@]}" --path-as-is "$BASE/calendars/$USER_NAME/default/%zz.ics")"

printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//limits//EN\r\nBEGIN:VEVENT\r\nUID:small\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\nSUMMARY:after\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' > "$WORK/small.ics"
expect "the server still stores a normal PUT afterwards" 201 "$(code "${AUTH[@]}" -X PUT -H 'Content-Type: text/calendar' -H 'If-None-Match: *' --data-binary @"$WORK/small.ics" "${CAL}small.ics")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
