#!/usr/bin/python3
"""Sorts the engine/oracle differences the corpus test wrote (rrule-differences-<oracle>.tsv in the
test output folder) into the categories explained in tests/TestData/recurrence/KNOWN-DIFFERENCES.md
and prints the table rows for that file. A person still reads the categories' evidence: this only
files each case under the first category whose feature it has.

Usage: /usr/bin/python3 rrule_triage_differences.py dateutil.tsv icaljs.tsv > rows.md
"""
import re
import sys

EXPLICIT = {
    "weekno-only-uses-dtstart-weekday": "weekno-without-byday",
    "lenient-lower-case-trailing-semicolon": "lenient-input",
    "until-date-with-datetime-start": "until-date-with-datetime-start",
    "until-date-with-zoned-start": "until-date-with-datetime-start",
    "dst-ny-until-in-gap": "until-resolution-in-gap-or-overlap",
    "dst-ny-until-overlap": "until-resolution-in-gap-or-overlap",
    "dst-sydney-april": "until-resolution-in-gap-or-overlap",
    "daily-interval-bymonth": "icaljs-dtstart-always-first",
}


def parts(rule):
    result = {}
    for part in rule.upper().split(";"):
        if "=" in part:
            name, value = part.split("=", 1)
            result[name] = value
    return result


def has_ordinal(byday):
    return any(re.match(r"^[+-]?\d", day) for day in byday.split(",")) if byday else False


def dateutil_category(case_id, rule, description):
    p = parts(rule)
    byday = p.get("BYDAY", "")
    if has_ordinal(byday) and any(not re.match(r"^[+-]?\d", d) for d in byday.split(",")):
        return "dateutil-byday-plain-and-ordinal"
    if p.get("FREQ") == "WEEKLY" and "BYSETPOS" in p:
        return "dateutil-weekly-bysetpos-first-week"
    if "BYWEEKNO" in p:
        return "dateutil-byweekno-year-boundary"
    if "UNTIL" in p and "Z" in p["UNTIL"]:
        return "until-resolution-in-gap-or-overlap"
    return "unclassified"


def icaljs_category(case_id, rule, description):
    p = parts(rule)
    freq = p.get("FREQ")
    if "needed more than" in description:
        return "icaljs-stalls"
    if "rejected" in description:
        return "icaljs-rejects-valid-rule"
    if "BYSETPOS" in p:
        return "icaljs-bysetpos"
    if "BYWEEKNO" in p:
        return "icaljs-byweekno"
    if freq in ("SECONDLY", "MINUTELY", "HOURLY"):
        return "icaljs-sub-daily"
    if has_ordinal(p.get("BYDAY", "")):
        return "icaljs-ordinal-byday"
    if any("," in p.get(k, "") for k in ("BYHOUR", "BYMINUTE", "BYSECOND")) or (
            freq in ("YEARLY", "MONTHLY") and any(k in p for k in ("BYHOUR", "BYMINUTE", "BYSECOND"))):
        return "icaljs-time-expansion"
    if freq in ("YEARLY", "MONTHLY") or "BYMONTHDAY" in p:
        return "icaljs-invalid-date-rollover"
    if "UNTIL" in p:
        return "icaljs-until"
    return "unclassified"


def main(dateutil_path, icaljs_path):
    print("| oracle | case | category |")
    print("|---|---|---|")
    for oracle, path, classify in (("dateutil", dateutil_path, dateutil_category), ("icaljs", icaljs_path, icaljs_category)):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                case_id, rule, description = line.rstrip("\n").split("\t", 2)
                category = EXPLICIT.get(case_id) or classify(case_id, rule, description)
                print(f"| {oracle} | {case_id} | {category} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
