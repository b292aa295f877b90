"""Reads the RRULE corpus format of tests/TestData/recurrence/*.rrules (see README.md there).

Shared by rrule_dateutil.py and rrule_generate_corpus.py; the C# test and rrule_icaljs.mjs have
their own readers of the same format.
"""

DEFAULT_LIMIT = 50
WINDOW_END = "22000101T000000"


def read_cases(paths):
    cases = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            current = None
            for number, raw in enumerate(handle, start=1):
                line = raw.rstrip("\r\n")
                if line.startswith("#"):
                    continue
                if not line.strip():
                    if current is not None:
                        cases.append(current)
                        current = None
                    continue
                key, _, value = line.partition(":")
                key = key.strip().upper()
                value = value.strip()
                if key == "CASE":
                    if current is not None:
                        cases.append(current)
                    current = {"id": value, "limit": DEFAULT_LIMIT, "tzid": None, "skip": [], "source": f"{path}:{number}"}
                elif current is None:
                    raise ValueError(f"{path}:{number}: '{key}' before CASE")
                elif key == "DTSTART":
                    current["dtstart"] = value
                elif key == "TZID":
                    current["tzid"] = value
                elif key == "RRULE":
                    current["rrule"] = value
                elif key == "LIMIT":
                    current["limit"] = int(value)
                elif key == "SKIP":
                    current["skip"].append(value.split(":", 1)[0].strip())
                elif key in ("EXPECT", "NOTE"):
                    current[key.lower()] = value
                else:
                    raise ValueError(f"{path}:{number}: unknown key '{key}'")
            if current is not None:
                cases.append(current)
    return cases
