#!/usr/bin/env bash
# Syncs a local vdir with a CalDAV calendar through vdirsyncer (Debian), both ways: create, modify
# and delete on each side, then a conflict (both sides edit one event; the server side wins by the
# configured resolution). Usage: vdirsyncer_walk.sh URL USER PASSWORD. Last line "N passed, N failed".
# The calendar must exist as a collection vdirsyncer can discover under the account.
set -uo pipefail
URL="$1"; USER_NAME="$2"; PASSWORD="$3"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
passed=0; failed=0
ok()   { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
check() { local name="$1"; shift; if "$@" >>"$WORK/log" 2>&1; then ok "$name"; else fail "$name"; tail -n 15 "$WORK/log"; fi; }

mkdir -p "$WORK/local" "$WORK/status"
cat > "$WORK/config" <<CONF
[general]
status_path = "$WORK/status/"

[pair cal]
a = "local"
b = "remote"
collections = ["from b"]
conflict_resolution = "b wins"

[storage local]
type = "filesystem"
path = "$WORK/local/"
fileext = ".ics"

[storage remote]
type = "caldav"
url = "$URL"
username = "$USER_NAME"
password = "$PASSWORD"
CONF
vds() { vdirsyncer -c "$WORK/config" "$@"; }
ics() { # uid summary
  printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime interop//vdirsyncer//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260501T100000Z\r\nDTEND:20260501T110000Z\r\nSUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$1" "$2"
}
remote_summaries() { /usr/bin/python3 - "$URL" "$USER_NAME" "$PASSWORD" <<'PY'
import sys, caldav
c = caldav.DAVClient(url=sys.argv[1], username=sys.argv[2], password=sys.argv[3])
for cal in c.principal().calendars():
    if cal.name == "vdirsyncer-walk":
        for ev in cal.events():
            print(ev.icalendar_instance.walk("VEVENT")[0].get("summary"))
PY
}
make_remote() { /usr/bin/python3 - "$URL" "$USER_NAME" "$PASSWORD" "$1" <<'PY'
import sys, caldav
c = caldav.DAVClient(url=sys.argv[1], username=sys.argv[2], password=sys.argv[3])
p = c.principal()
for cal in p.calendars():
    if cal.name == "vdirsyncer-walk":
        cal.delete()
if sys.argv[4] == "create":
    cal = p.make_calendar(name="vdirsyncer-walk", cal_id="vdirsyncer-walk")
    cal.save_event("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:remote-1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260502T100000Z\r\nDTEND:20260502T110000Z\r\nSUMMARY:made on server\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    # A second event keeps the calendar from ever being emptied, which vdirsyncer refuses to sync.
    cal.save_event("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:remote-2\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260503T100000Z\r\nDTEND:20260503T110000Z\r\nSUMMARY:stays\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
PY
}
remote_edit() { /usr/bin/python3 - "$URL" "$USER_NAME" "$PASSWORD" "$1" "$2" <<'PY'
import sys, caldav
c = caldav.DAVClient(url=sys.argv[1], username=sys.argv[2], password=sys.argv[3])
for cal in c.principal().calendars():
    if cal.name == "vdirsyncer-walk":
        for ev in cal.events():
            if str(ev.icalendar_instance.walk("VEVENT")[0].get("uid")) == sys.argv[4]:
                if sys.argv[5] == "DELETE":
                    ev.delete()
                else:
                    import re
                    ev.data = re.sub(r"SUMMARY:[^\r\n]*", "SUMMARY:" + sys.argv[5], ev.data)
                    ev.save()
PY
}
LOCAL="$WORK/local/vdirsyncer-walk"

check "server calendar prepared" make_remote create
check "discover" bash -c "yes | vdirsyncer -c '$WORK/config' discover"
check "first sync pulls the server event" bash -c "vdirsyncer -c '$WORK/config' sync && grep -rl 'made on server' '$LOCAL'"
ics local-1 "made locally" > "$LOCAL/local-1.ics"
check "a local event reaches the server" bash -c "vdirsyncer -c '$WORK/config' sync && $(declare -f remote_summaries); URL='$URL' USER_NAME='$USER_NAME' PASSWORD='$PASSWORD' remote_summaries | grep -q 'made locally'"
sed -i 's/made locally/edited locally/' "$LOCAL/local-1.ics"
check "a local edit reaches the server" bash -c "vdirsyncer -c '$WORK/config' sync && $(declare -f remote_summaries); URL='$URL' USER_NAME='$USER_NAME' PASSWORD='$PASSWORD' remote_summaries | grep -q 'edited locally'"
check "a server edit reaches the vdir" bash -c "$(declare -f remote_edit); URL='$URL' USER_NAME='$USER_NAME' PASSWORD='$PASSWORD' remote_edit remote-1 'edited on server' && vdirsyncer -c '$WORK/config' sync && grep -rlq 'edited on server' '$LOCAL'"
rm -f "$(grep -rl 'UID:local-1' "$LOCAL")"
check "a local deletion reaches the server" bash -c "vdirsyncer -c '$WORK/config' sync && ! ($(declare -f remote_summaries); URL='$URL' USER_NAME='$USER_NAME' PASSWORD='$PASSWORD' remote_summaries | grep -q 'edited locally')"
f="$(grep -rl 'UID:remote-1' "$LOCAL")"; sed -i 's/edited on server/conflict local/' "$f"
check "a conflict resolves to the server's version" bash -c "$(declare -f remote_edit); URL='$URL' USER_NAME='$USER_NAME' PASSWORD='$PASSWORD' remote_edit remote-1 'conflict server' && vdirsyncer -c '$WORK/config' sync && grep -rlq 'conflict server' '$LOCAL' && ! grep -rlq 'conflict local' '$LOCAL'"
check "a server deletion reaches the vdir" bash -c "$(declare -f remote_edit); URL='$URL' USER_NAME='$USER_NAME' PASSWORD='$PASSWORD' remote_edit remote-1 DELETE && vdirsyncer -c '$WORK/config' sync && ! grep -rlq 'UID:remote-1' '$LOCAL'"
make_remote delete >>"$WORK/log" 2>&1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
