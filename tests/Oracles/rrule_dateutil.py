#!/usr/bin/python3
"""Oracle: expands every case of the RRULE corpus with python3-dateutil's rrulestr.

Usage: /usr/bin/python3 rrule_dateutil.py FILE.rrules... > result.json
Prints {"oracle": ..., "cases": {id: {"instances": [YYYYMMDDTHHMMSS...]} | {"error": text}}}.
Instances are wall-clock times (the zone's local time for TZID cases), at most LIMIT of them and only
those before the corpus window end, so all implementations are compared on the same prefix.
"""
import json
import signal
import sys
from datetime import datetime, timezone

import dateutil
from dateutil import rrule as du_rrule
from dateutil import tz as du_tz

from rrule_corpus import WINDOW_END, read_cases

FORMAT = "%Y%m%dT%H%M%S"


def parse_local(text):
    if len(text) == 8:
        return datetime.strptime(text, "%Y%m%d"), True
    return datetime.strptime(text, FORMAT), False


def adapt_until(rule_text, zone):
    """dateutil demands a UTC UNTIL for an aware DTSTART and a naive one for a naive DTSTART.
    Our engine compares a floating UNTIL with a zoned series in local time and a UTC UNTIL with a
    floating series as if it were local; rewrite those two to the equivalent form dateutil accepts.
    A DATE UNTIL is passed through unchanged (dateutil reads it as midnight, or rejects it for an
    aware DTSTART): that difference is recorded, not hidden."""
    parts = []
    for part in rule_text.split(";"):
        name, _, value = part.partition("=")
        if name.strip().upper() == "UNTIL":
            value = value.strip()
            is_utc = value.upper().endswith("Z")
            local, is_date = parse_local(value.rstrip("Zz"))
            if zone is None and is_utc:
                value = local.strftime(FORMAT)
            elif zone is not None and not is_utc and not is_date:
                value = local.replace(tzinfo=zone).astimezone(timezone.utc).strftime(FORMAT) + "Z"
        parts.append(name + "=" + value if _ else part)
    return ";".join(parts)


def expand(case):
    zone = None
    if case["tzid"]:
        zone = du_tz.gettz(case["tzid"])
        if zone is None:
            raise ValueError("unknown zone " + case["tzid"])
    dtstart, _ = parse_local(case["dtstart"])
    if zone is not None:
        dtstart = dtstart.replace(tzinfo=zone)
    window_end = datetime.strptime(WINDOW_END, FORMAT)
    rule = du_rrule.rrulestr("RRULE:" + adapt_until(case["rrule"], zone), dtstart=dtstart)
    instances = []
    for instance in rule:
        if instance.replace(tzinfo=None) >= window_end or len(instances) >= case["limit"]:
            break
        instances.append(instance.strftime(FORMAT))
    return instances


class OracleTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise OracleTimeout("dateutil took longer than 20 seconds")


def main(paths):
    signal.signal(signal.SIGALRM, on_alarm)
    results = {}
    for case in read_cases(paths):
        if "dateutil" in case["skip"]:
            continue
        signal.alarm(20)
        try:
            results[case["id"]] = {"instances": expand(case)}
        except (OracleTimeout, Exception) as error:  # an oracle's rejection is data, not a crash
            results[case["id"]] = {"error": f"{type(error).__name__}: {error}"}
        finally:
            signal.alarm(0)
    json.dump({"oracle": "dateutil " + dateutil.__version__, "cases": results}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1:])
