#!/usr/bin/env python3
"""Writes the generated part of tests/TestData/occurrences/ (gen-*.ics), deterministically.

Each file carries its comparison window as X-AURORA-WINDOW:<start>/<end> (UTC) on the
VCALENDAR, so the oracle scripts and the C# test read the same window. VTIMEZONEs are
included for every TZID because ical.js has no built-in zone database; their rules match
tzdb for the years used (2020-2030). Run: /usr/bin/python3 generate_occurrence_corpus.py
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "TestData", "occurrences")

VTIMEZONES = {
    "Europe/Berlin": """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19810329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19961027T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""",
    "America/New_York": """BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE""",
    "Australia/Sydney": """BEGIN:VTIMEZONE
TZID:Australia/Sydney
BEGIN:STANDARD
TZOFFSETFROM:+1100
TZOFFSETTO:+1000
TZNAME:AEST
DTSTART:20080406T030000
RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU
END:STANDARD
BEGIN:DAYLIGHT
TZOFFSETFROM:+1000
TZOFFSETTO:+1100
TZNAME:AEDT
DTSTART:20081005T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU
END:DAYLIGHT
END:VTIMEZONE""",
    "Asia/Kolkata": """BEGIN:VTIMEZONE
TZID:Asia/Kolkata
BEGIN:STANDARD
TZOFFSETFROM:+0530
TZOFFSETTO:+0530
TZNAME:IST
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE""",
}

ZONES = ["UTC", "FLOATING", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]

RULES = [
    "FREQ=DAILY;COUNT=10",
    "FREQ=DAILY;INTERVAL=3;COUNT=12",
    "FREQ=WEEKLY;COUNT=8",
    "FREQ=WEEKLY;INTERVAL=2;COUNT=6",
    "FREQ=MONTHLY;COUNT=6",
    "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=5",
    "FREQ=MONTHLY;BYDAY=1MO;COUNT=5",
    "FREQ=MONTHLY;BYDAY=-1FR;COUNT=5",
    "FREQ=YEARLY;COUNT=3",
    "FREQ=DAILY",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=9",
    "FREQ=DAILY;UNTIL={until}",
    "FREQ=HOURLY;INTERVAL=5;COUNT=12",
]

# Start times around DST changes in both hemispheres, and quiet dates.
STARTS = [
    (2024, 3, 28, 9, 0), (2024, 3, 8, 1, 30), (2024, 10, 24, 23, 0), (2024, 10, 31, 2, 30),
    (2024, 4, 4, 8, 15), (2024, 9, 30, 12, 0), (2024, 1, 15, 0, 0), (2024, 6, 10, 17, 45),
    (2024, 11, 1, 7, 0), (2025, 3, 27, 10, 0),
]

DURATIONS = ["DTEND+1H", "DURATION:PT90M", "DURATION:P1D", "NONE", "DTEND+25H", "DURATION:P1DT2H"]


def fmt(y, mo, d, h, mi, utc=False):
    return "%04d%02d%02dT%02d%02d00%s" % (y, mo, d, h, mi, "Z" if utc else "")


def prop(name, zone, value_text):
    if zone == "UTC":
        return "%s:%sZ" % (name, value_text)
    if zone == "FLOATING":
        return "%s:%s" % (name, value_text)
    return "%s;TZID=%s:%s" % (name, zone, value_text)


def shift(start, hours):
    import datetime
    dt = datetime.datetime(*start) + datetime.timedelta(hours=hours)
    return (dt.year, dt.month, dt.day, dt.hour, dt.minute)


def local_text(t):
    return "%04d%02d%02dT%02d%02d00" % t


def event(index, rng):
    zone = ZONES[index % len(ZONES)]
    start = STARTS[(index // len(ZONES)) % len(STARTS)]
    rule = RULES[(index * 7 + index // 5) % len(RULES)]
    duration = DURATIONS[(index * 5 + 1) % len(DURATIONS)]
    lines = ["BEGIN:VEVENT", "UID:gen-%03d@auroratime.test" % index, "DTSTAMP:20240101T000000Z",
             prop("DTSTART", zone, local_text(start))]
    if duration.startswith("DTEND+"):
        lines.append(prop("DTEND", zone, local_text(shift(start, int(duration[6:-1])))))
    elif duration != "NONE":
        lines.append(duration)
    if "{until}" in rule:
        rule = rule.format(until=fmt(*shift(start, 24 * 9 + 1), utc=True) if zone != "FLOATING" else local_text(shift(start, 24 * 9 + 1)))
    lines.append("RRULE:" + rule)
    if rng.random() < 0.4:
        # Exclude the second instance of a daily rule or an arbitrary day.
        lines.append(prop("EXDATE", zone, local_text(shift(start, 24 * rng.choice([1, 2, 3, 7, 14])))))
    if rng.random() < 0.15:
        lines.append("EXDATE;VALUE=DATE:%04d%02d%02d" % shift(start, 24 * 3)[:3])
    if rng.random() < 0.3:
        lines.append(prop("RDATE", zone, local_text(shift(start, 24 * 40 + 3))))
    lines.append("SUMMARY:generated %d" % index)
    lines.append("END:VEVENT")
    window_start = shift(start, -24 * rng.choice([0, 1, 5]))
    window_end = shift(start, 24 * rng.choice([10, 30, 60, 400]))
    return zone, lines, window_start, window_end


def all_day(index, rng):
    start = STARTS[index % len(STARTS)][:3]
    rule = ["FREQ=DAILY;COUNT=5", "FREQ=WEEKLY;COUNT=4", "FREQ=MONTHLY;COUNT=4", "FREQ=YEARLY;COUNT=2", "FREQ=WEEKLY"][index % 5]
    lines = ["BEGIN:VEVENT", "UID:gen-day-%03d@auroratime.test" % index, "DTSTAMP:20240101T000000Z",
             "DTSTART;VALUE=DATE:%04d%02d%02d" % start]
    if index % 2 == 0:
        end = shift(start + (0, 0), 24 * (1 + index % 3))
        lines.append("DTEND;VALUE=DATE:%04d%02d%02d" % end[:3])
    lines.append("RRULE:" + rule)
    if index % 3 == 0:
        lines.append("EXDATE;VALUE=DATE:%04d%02d%02d" % shift(start + (0, 0), 24 * 7)[:3])
    lines.append("END:VEVENT")
    return "FLOATING", lines, shift(start + (0, 0), -24), shift(start + (0, 0), 24 * 90)


def write(name, zone, lines, window_start, window_end):
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AuroraTime//occurrence corpus//EN",
            "X-AURORA-WINDOW:%s/%s" % (fmt(*window_start, utc=True), fmt(*window_end, utc=True))]
    if zone in VTIMEZONES:
        body.extend(VTIMEZONES[zone].split("\n"))
    body.extend(lines)
    body.append("END:VCALENDAR")
    with open(os.path.join(OUT, name), "w", newline="") as f:
        f.write("\r\n".join(body) + "\r\n")


def main():
    rng = random.Random(20240101)
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.startswith("gen-") and old.endswith(".ics"):
            os.remove(os.path.join(OUT, old))
    for i in range(150):
        write("gen-%03d.ics" % i, *event(i, rng))
    for i in range(20):
        write("gen-day-%03d.ics" % i, *all_day(i, rng))


if __name__ == "__main__":
    main()
