#!/usr/bin/env python3
"""Oracle: python3-recurring-ical-events 2.0.1 (Debian) over icalendar 4.0.3.

Usage: /usr/bin/python3 occurrences_recurring_ical_events.py FILE.ics...
Each file's window is its VCALENDAR's X-AURORA-WINDOW:<start>/<end> (UTC). Prints one JSON
object: {"<file name>": [["<start UTC>", "<end UTC>"], ...] sorted, or {"error": "..."}}.
Floating times and DATEs are read as UTC, matching the C# side's floating zone.
"""
import datetime
import json
import os
import sys

import icalendar
import recurring_ical_events

UTC = datetime.timezone.utc


def to_utc(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.datetime(value.year, value.month, value.day, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text):
    return datetime.datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def expand(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    start_text, end_text = str(calendar["X-AURORA-WINDOW"]).split("/")
    result = []
    for event in recurring_ical_events.of(calendar).between(parse_utc(start_text), parse_utc(end_text)):
        start = event["DTSTART"].dt
        if "DTEND" in event:
            end = event["DTEND"].dt
        elif "DURATION" in event:
            end = start + event["DURATION"].dt
        else:
            end = start
        result.append([to_utc(start), to_utc(end)])
    return sorted(result)


def main():
    output = {}
    for path in sys.argv[1:]:
        try:
            output[os.path.basename(path)] = expand(path)
        except Exception as error:  # an oracle failure is data for the comparison, not a crash
            output[os.path.basename(path)] = {"error": "%s: %s" % (type(error).__name__, error)}
    json.dump(output, sys.stdout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
