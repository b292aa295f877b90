#!/usr/bin/python3
"""Generates tests/TestData/recurrence/generated.rrules: random but valid RFC 5545 rules.

Deterministic (fixed seed, Python's random module is stable across versions for these calls):
re-running it rewrites the same file. Usage: /usr/bin/python3 rrule_generate_corpus.py [COUNT] > FILE

Each DTSTART is moved onto the rule's first instance (found with dateutil) because RFC 5545 3.8.5.3
leaves a set "undefined" when DTSTART does not match its rule; mismatched DTSTARTs are covered by
hand-picked cases instead. Everything else (which parts, values, zones, UNTIL forms) is random.
A rule for which dateutil needs more than a second to find 16 instances is dropped and another drawn;
on a machine several times slower than the one that wrote the committed file that could drop a
different rule, so the committed file, not a re-run, is the corpus of record.
"""
import random
import signal
import sys
from datetime import datetime, timedelta, timezone
from itertools import islice

from dateutil import rrule as du_rrule
from dateutil import tz as du_tz

SEED = 20261122
FORMAT = "%Y%m%dT%H%M%S"
ZONES = ["America/New_York", "America/Los_Angeles", "Europe/Berlin", "Europe/London",
         "Australia/Sydney", "Pacific/Auckland", "Asia/Kolkata"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
FREQS = [("YEARLY", 22), ("MONTHLY", 25), ("WEEKLY", 20), ("DAILY", 15),
         ("HOURLY", 8), ("MINUTELY", 6), ("SECONDLY", 4)]
SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")


def pick_values(rng, pool, low=1, high=3):
    return sorted(set(rng.choice(pool) for _ in range(rng.randint(low, high))))


def signed(rng, high, negative_share=0.3):
    value = rng.randint(1, high)
    return -value if rng.random() < negative_share else value


def make_rule(rng):
    freq = rng.choices([f for f, _ in FREQS], weights=[w for _, w in FREQS])[0]
    parts = {"FREQ": freq}
    if rng.random() < 0.4:
        parts["INTERVAL"] = rng.randint(2, 5) if freq not in SUB_DAILY else rng.choice([2, 3, 5, 7, 15, 25, 90])
    if rng.random() < (0.5 if freq == "YEARLY" else 0.2):
        parts["BYMONTH"] = pick_values(rng, range(1, 13))
    weekno = freq == "YEARLY" and rng.random() < 0.15
    if weekno:
        parts["BYWEEKNO"] = sorted(set(rng.choice([1, 2, 10, 20, 26, 52, 53, -1, -2, -53, rng.randint(1, 53)])
                                       for _ in range(rng.randint(1, 3))))
    if (freq == "YEARLY" and rng.random() < 0.12) or (freq in SUB_DAILY and rng.random() < 0.05):
        parts["BYYEARDAY"] = sorted(set(signed(rng, 366) if rng.random() < 0.5 else rng.choice([1, 59, 60, 100, 365, 366, -1, -366])
                                        for _ in range(rng.randint(1, 3))))
    monthday_share = {"MONTHLY": 0.45, "YEARLY": 0.25, "DAILY": 0.15, "WEEKLY": 0.0}.get(freq, 0.1)
    if rng.random() < monthday_share:
        parts["BYMONTHDAY"] = sorted(set(rng.choice([1, 13, 15, 28, 29, 30, 31, -1, -2, -31, signed(rng, 31)])
                                         for _ in range(rng.randint(1, 3))))
    byday_share = {"MONTHLY": 0.5, "YEARLY": 0.4, "WEEKLY": 0.7, "DAILY": 0.2}.get(freq, 0.15)
    if weekno or rng.random() < byday_share:
        days = []
        for _ in range(rng.randint(1, 3)):
            day = rng.choice(DAYS)
            if freq in ("MONTHLY", "YEARLY") and not weekno and rng.random() < 0.5:
                high = 5 if freq == "MONTHLY" or "BYMONTH" in parts else rng.choice([5, 20, 53])
                day = str(signed(rng, high)) + day
            if day not in days:
                days.append(day)
        parts["BYDAY"] = days
    if freq not in SUB_DAILY or rng.random() < 0.3:
        if rng.random() < (0.2 if freq not in SUB_DAILY else 0.6):
            parts["BYHOUR"] = pick_values(rng, range(0, 24))
    if freq in ("MINUTELY", "SECONDLY") and rng.random() < 0.4 or freq not in SUB_DAILY and rng.random() < 0.12:
        parts["BYMINUTE"] = pick_values(rng, [0, 15, 30, 45, rng.randint(0, 59)])
    if freq == "SECONDLY" and rng.random() < 0.4 or rng.random() < 0.06:
        parts["BYSECOND"] = pick_values(rng, [0, 10, 30, rng.randint(0, 59)])
    by_parts = [k for k in parts if k.startswith("BY")]
    if by_parts and rng.random() < 0.25:
        parts["BYSETPOS"] = sorted(set(signed(rng, 5, 0.45) for _ in range(rng.randint(1, 2))))
    if rng.random() < 0.3:
        parts["WKST"] = rng.choice(DAYS)
    return parts


def rule_text(parts):
    return ";".join(k + "=" + (",".join(str(v) for v in parts[k]) if isinstance(parts[k], list) else str(parts[k]))
                    for k in parts)


class SlowRule(Exception):
    pass


def on_alarm(signum, frame):
    raise SlowRule()


def first_instances(text, dtstart, count):
    """dateutil walks a rule that rarely or never matches period by period; give up after a second."""
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(1)
    try:
        rule = du_rrule.rrulestr("RRULE:" + text, dtstart=dtstart)
        return list(islice(rule, count))
    finally:
        signal.alarm(0)


def make_case(rng, number):
    while True:
        parts = make_rule(rng)
        zoned = rng.random() < 0.45
        zone_name = rng.choice(ZONES) if zoned else None
        has_time_part = any(k in parts for k in ("BYHOUR", "BYMINUTE", "BYSECOND"))
        is_date = (not zoned and not has_time_part and parts["FREQ"] not in SUB_DAILY and rng.random() < 0.2)
        year = rng.randint(2008 if zoned else 1997, 2030)
        start = datetime(year, rng.randint(1, 12), rng.randint(1, 28))
        if not is_date:
            start = start.replace(hour=rng.randint(0, 23), minute=rng.choice([0, 0, 15, 30, 45]),
                                  second=0 if rng.random() < 0.9 else rng.randint(1, 59))
        text = rule_text(parts)
        try:
            # The generator only needs dateutil to find a DTSTART on the rule; it never decides expectations.
            first = first_instances(text, start, 16)
        except (SlowRule, Exception):
            continue
        if not first or first[0].year >= 2150:
            continue
        dtstart = first[0]
        bound = rng.random()
        if bound < 0.35:
            parts["COUNT"] = rng.randint(1, 40)
        elif bound < 0.7:
            target = rng.choice(first)
            shift = rng.choice([timedelta(0), timedelta(0), timedelta(seconds=-1), timedelta(hours=1),
                                timedelta(hours=-5), timedelta(days=rng.randint(1, 400))])
            until = target + shift
            if until < dtstart - timedelta(days=2):
                until = target
            form = rng.random()
            if is_date:
                parts["UNTIL"] = until.strftime("%Y%m%d") if form < 0.9 else until.strftime(FORMAT)
            elif zoned:
                if form < 0.95:
                    local = until.replace(tzinfo=du_tz.gettz(zone_name))
                    parts["UNTIL"] = local.astimezone(timezone.utc).strftime(FORMAT) + "Z"
                else:
                    parts["UNTIL"] = until.strftime(FORMAT)
            else:
                parts["UNTIL"] = until.strftime(FORMAT) if form < 0.9 else until.strftime(FORMAT) + "Z"
        lines = [f"CASE: g{number:04d}",
                 "DTSTART: " + (dtstart.strftime("%Y%m%d") if is_date else dtstart.strftime(FORMAT))]
        if zone_name:
            lines.append("TZID: " + zone_name)
        lines.append("RRULE: " + rule_text(parts))
        lines.append("LIMIT: " + str(30 if parts["FREQ"] in SUB_DAILY else 40))
        return "\n".join(lines)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2011
    rng = random.Random(SEED)
    print("# Generated by tests/Oracles/rrule_generate_corpus.py (seed %d); do not edit by hand." % SEED)
    print()
    for number in range(1, count + 1):
        print(make_case(rng, number))
        print()


if __name__ == "__main__":
    main()
