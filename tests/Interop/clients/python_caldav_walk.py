#!/usr/bin/python3
"""Walks a CalDAV server the way python3-caldav 0.11 (Debian 12) does: discovery, MKCALENDAR,
save, date_search with expand, sync tokens, edit, delete. Each step is one check; the last line is
"N passed, N failed". Usage: python_caldav_walk.py URL USER PASSWORD
Run against AuroraTime and against Radicale by tests/Interop/python-caldav.sh."""
import sys
import traceback
import uuid
from datetime import datetime, timezone

import caldav

url, user, password = sys.argv[1:4]
results = []


def check(name, fn):
    try:
        fn()
        results.append((name, True, ""))
        print(f"ok   {name}")
    except Exception as exc:  # a failed step is reported, the walk goes on where it can
        results.append((name, False, repr(exc)))
        print(f"FAIL {name}: {exc!r}")
        traceback.print_exc(limit=2)


state = {}
WEEKLY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//AuroraTime interop//python-caldav//EN
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T000000Z
DTSTART:20260105T090000Z
DTEND:20260105T100000Z
SUMMARY:Weekly sync
RRULE:FREQ=WEEKLY;COUNT=10
END:VEVENT
END:VCALENDAR
"""
SINGLE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//AuroraTime interop//python-caldav//EN
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T000000Z
DTSTART:20260301T120000Z
DTEND:20260301T130000Z
SUMMARY:{summary}
END:VEVENT
END:VCALENDAR
"""


def discover():
    client = caldav.DAVClient(url=url, username=user, password=password)
    principal = client.principal()
    state["principal"] = principal
    assert principal.url is not None


def make_calendar():
    name = "interop-" + uuid.uuid4().hex[:8]
    cal = state["principal"].make_calendar(name=name)
    state["calendar"] = cal
    names = [c.name for c in state["principal"].calendars()]
    assert name in names, names


def save_events():
    cal = state["calendar"]
    state["weekly_uid"] = str(uuid.uuid4())
    state["single_uid"] = str(uuid.uuid4())
    cal.save_event(WEEKLY.format(uid=state["weekly_uid"]))
    state["single"] = cal.save_event(SINGLE.format(uid=state["single_uid"], summary="Lunch"))
    assert len(cal.events()) == 2


def date_search_expand():
    cal = state["calendar"]
    found = cal.date_search(
        start=datetime(2026, 1, 10, tzinfo=timezone.utc),
        end=datetime(2026, 2, 1, tzinfo=timezone.utc),
        expand=True,
    )
    # Weekly from Jan 5: Jan 12, 19, 26 fall in the window; the March event does not.
    starts = sorted(
        str(comp.get("dtstart").dt)
        for ev in found
        for comp in ev.icalendar_instance.walk("VEVENT")
    )
    assert len(starts) == 3, starts


def sync_tokens():
    cal = state["calendar"]
    first = cal.objects_by_sync_token(load_objects=False)
    state["token"] = first.sync_token
    assert len(list(first)) == 2
    ev = state["single"]
    ev.data = SINGLE.format(uid=state["single_uid"], summary="Lunch moved")
    ev.save()
    delta = cal.objects_by_sync_token(sync_token=state["token"], load_objects=False)
    assert len(list(delta)) == 1, list(delta)
    state["token"] = delta.sync_token


def delete_event():
    cal = state["calendar"]
    state["single"].delete()
    assert len(cal.events()) == 1
    delta = cal.objects_by_sync_token(sync_token=state["token"], load_objects=False)
    assert len(list(delta)) == 1


def delete_calendar():
    state["calendar"].delete()
    names = [c.name for c in state["principal"].calendars()]
    assert state["calendar"].name not in names


for name, fn in [
    ("discovery", discover),
    ("mkcalendar", make_calendar),
    ("save events", save_events),
    ("date_search with expand", date_search_expand),
    ("sync tokens", sync_tokens),
    ("delete event", delete_event),
    ("delete calendar", delete_calendar),
]:
    check(name, fn)

failed = sum(1 for r in results if not r[1])
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
