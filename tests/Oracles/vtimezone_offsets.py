#!/usr/bin/python3
"""Oracle for the TZ tests: reads {"cases": [{"ics": VTIMEZONE text, "instants": [unix seconds]}]}
on stdin and prints, per case, the UTC offsets in seconds that python3-icalendar's
Timezone.to_tz() gives at each instant, as a JSON list of lists (one process for many zones).
Run with /usr/bin/python3 (Debian's python3-icalendar 4.0.3)."""
import json
import re
import sys
from datetime import datetime, timedelta, timezone

from icalendar import Calendar


def naive_until(ics):
    """python3-icalendar 4.0.3 hands an observance's RRULE UNTIL (UTC, as RFC 5545 3.6.5 requires)
    to dateutil together with a naive DTSTART, which dateutil rejects. Rewrite each UNTIL as the
    same moment in local time (UTC + TZOFFSETFROM), which is what the observance means."""
    lines = ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
    out, block = [], []
    for line in lines:
        if line.startswith("BEGIN:STANDARD") or line.startswith("BEGIN:DAYLIGHT"):
            block = [line]
            continue
        if block:
            block.append(line)
            if line.startswith("END:STANDARD") or line.startswith("END:DAYLIGHT"):
                offset = next(l for l in block if l.startswith("TZOFFSETFROM:"))[13:]
                sign = -1 if offset[0] == "-" else 1
                delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]),
                                  seconds=int(offset[5:7] or 0)) * sign

                def local(match):
                    utc = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S")
                    return "UNTIL=" + (utc + delta).strftime("%Y%m%dT%H%M%S")

                out.extend(re.sub(r"UNTIL=(\d{8}T\d{6})Z", local, l) if l.startswith("RRULE") else l for l in block)
                block = []
            continue
        out.append(line)
    return "\r\n".join(out)


def offsets_for(case):
    component = Calendar.from_ical(naive_until(case["ics"]))
    zones = [c for c in component.walk("VTIMEZONE")]
    if len(zones) != 1:
        raise SystemExit("expected exactly one VTIMEZONE, found %d" % len(zones))
    tz = zones[0].to_tz()
    offsets = []
    for seconds in case["instants"]:
        local = datetime.fromtimestamp(seconds, timezone.utc).astimezone(tz)
        offsets.append(int(local.utcoffset().total_seconds()))
    return offsets


def main():
    request = json.load(sys.stdin)
    json.dump([offsets_for(case) for case in request["cases"]], sys.stdout)


main()
